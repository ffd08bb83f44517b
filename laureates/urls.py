from django.urls import path

from . import views

app_name = "laureates"

urlpatterns = [
    path("", views.laureate_list, name="laureate_list"),
    path("<slug:slug>/", views.laureate_detail, name="laureate_detail"),
]
