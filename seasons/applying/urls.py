"""The applicant's private pages, opened by the link e-mailed to them."""

from django.urls import path

from . import award_pages, private_pages, views
from .lost_link import lost_link

app_name = "applications"

# An access key is URL-safe base64 (`secrets.token_urlsafe`): the slug alphabet. Anything
# else is no key and answers 404 before any query (PostgreSQL refuses a NUL in a query).
urlpatterns = [
    path("lien-perdu/", lost_link, name="lost_link"),
    path("<slug:key>/", private_pages.status, name="status"),
    path("<slug:key>/modifier/", views.edit, name="edit"),
    path("<slug:key>/envoyee/", private_pages.sent, name="sent"),
    path("<slug:key>/retirer/", private_pages.withdraw, name="withdraw"),
    path("<slug:key>/laureat/accepter/", award_pages.accept, name="accept_award"),
    path("<slug:key>/laureat/decliner/", award_pages.decline, name="decline_award"),
]
