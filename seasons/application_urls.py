"""The applicant's private pages, opened by the link e-mailed to them."""

from django.urls import path

from . import application_views as views

app_name = "applications"

urlpatterns = [
    path("<str:key>/", views.status, name="status"),
    path("<str:key>/modifier/", views.edit, name="edit"),
    path("<str:key>/envoyee/", views.sent, name="sent"),
    path("<str:key>/retirer/", views.withdraw, name="withdraw"),
]
