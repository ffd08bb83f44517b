from django.urls import path

from . import sign_in_views, views

app_name = "jury"

urlpatterns = [
    path("", views.home, name="home"),
    # Its link path must match seasons.private_links.JUROR_SIGN_IN_LINK_PATH (staff
    # screens mask it).
    *sign_in_views.PAGES.urls(),
    path("seances/<int:pk>/", views.session_detail, name="session"),
    path("candidatures/<int:pk>/", views.application_detail, name="application"),
    path("fichiers/<int:pk>/", views.attachment_download, name="file"),
]
