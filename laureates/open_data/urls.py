from django.urls import path

from accelerator.page_cache import cache_public_page
from seasons.calls import views as call_views

from ..feeds import NewLaureatesFeed
from . import views

app_name = "open_data"

urlpatterns = [
    path("", views.index, name="index"),
    path("laureats.csv", views.laureates_csv, name="laureates_csv"),
    path("laureats.json", views.laureates_json, name="laureates_json"),
    path("laureats.schema.json", views.laureates_schema, name="schema"),
    path("laureats.atom", cache_public_page(NewLaureatesFeed()), name="laureates_feed"),
    path("appels.ics", call_views.call_deadlines, name="call_deadlines"),
]
