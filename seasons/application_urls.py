"""The applicant's private pages, opened by the link e-mailed to them."""

from django.urls import path

from . import application_views as views
from .file_views import attachment_download
from .recovery_views import lost_link

app_name = "applications"

urlpatterns = [
    path("fichiers/<int:pk>/", attachment_download, name="attachment_download"),
    path("lien-perdu/", lost_link, name="lost_link"),
    path("<str:key>/", views.status, name="status"),
    path("<str:key>/modifier/", views.edit, name="edit"),
    path("<str:key>/envoyee/", views.sent, name="sent"),
    path("<str:key>/retirer/", views.withdraw, name="withdraw"),
]
