"""The home page: the program, its current season, open calls and latest laureates."""

from django.shortcuts import render
from django.utils import timezone

from laureates.models import Laureate
from seasons.models import Call, Season

LATEST_LAUREATES_SHOWN = 6


def home(request):
    now = timezone.now()
    current_season = Season.objects.current()
    open_calls = Call.objects.published().open(now).select_related("season").order_by("closes_at")
    latest_laureates = (
        Laureate.objects.published()
        .select_related("season")
        .prefetch_related("domains")
        .order_by("-season__number", "-support_starts_on", "name")[:LATEST_LAUREATES_SHOWN]
    )
    return render(
        request,
        "home.html",
        {
            "current_season": current_season,
            "open_calls": list(open_calls),
            "latest_laureates": latest_laureates,
            "now": now,
        },
    )
