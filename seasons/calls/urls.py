from django.urls import path

from ..applying import eligibility_step
from ..applying import views as applying_views
from . import views

app_name = "seasons"

urlpatterns = [
    path("", views.season_list, name="season_list"),
    path("<slug:slug>/", views.season_detail, name="season_detail"),
    path("<slug:season_slug>/appels/<slug:slug>/", views.call_detail, name="call_detail"),
    path(
        "<slug:season_slug>/appels/<slug:slug>/questions/",
        applying_views.questions,
        name="call_questions",
    ),
    path(
        "<slug:season_slug>/appels/<slug:slug>/candidater/",
        applying_views.apply,
        name="apply",
    ),
    path(
        "<slug:season_slug>/appels/<slug:slug>/candidater/eligibilite/",
        eligibility_step.eligibility,
        name="eligibility",
    ),
]
