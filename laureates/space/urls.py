from django.urls import path

from . import report_views, sign_in_views, views

app_name = "space"

urlpatterns = [
    path("", views.home, name="home"),
    *sign_in_views.PAGES.urls(),
    path("etapes/<int:pk>/", views.step_detail, name="step_detail"),
    path("mises-a-jour/", views.update_list, name="update_list"),
    path("mises-a-jour/<int:pk>/", views.update_detail, name="update_detail"),
    path("mises-a-jour/<int:pk>/publication/", views.update_publish, name="update_publish"),
    path("rapports/", report_views.report_list, name="report_list"),
    path("rapports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path(
        "rapports/<int:pk>/versions/<int:number>/",
        report_views.report_version,
        name="report_version",
    ),
    path("fichiers/<int:pk>/", views.file_download, name="file_download"),
]
