from django.urls import path

from . import sign_in_views, views

app_name = "jury"

urlpatterns = [
    path("", views.home, name="home"),
    # Must match seasons.private_links.JUROR_SIGN_IN_LINK_PATH (staff screens mask it).
    path("connexion/", sign_in_views.sign_in_request, name="sign_in"),
    path("connexion/<str:token>/", sign_in_views.sign_in_link, name="sign_in_link"),
    path("deconnexion/", sign_in_views.sign_out, name="sign_out"),
    path("seances/<int:pk>/", views.session_detail, name="session"),
    path("candidatures/<int:pk>/", views.application_detail, name="application"),
    path("fichiers/<int:pk>/", views.attachment_download, name="file"),
]
