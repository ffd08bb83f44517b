"""The home page, the favicon, and the page of a login locked out by django-axes."""

import functools
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from laureates.models import Laureate
from seasons.models import Call, Season

from .page_cache import cache_public_page, public_fragment

LATEST_LAUREATES_SHOWN = 6


def latest_laureate_ids():
    """The ids of the latest public laureates, read once per change of the public rows
    (a page fragment, which also ends at the next announcement): the public rule over
    every laureate and its sort were most of a miss of the home page; their cards come
    from the cache too (`laureates.cards`)."""

    def build():
        latest = Laureate.objects.published().order_by(
            "-season__number", "-support_starts_on", "name", "pk"
        )
        return list(latest.values_list("pk", flat=True)[:LATEST_LAUREATES_SHOWN])

    return public_fragment("latest-laureates", build)


@cache_public_page
def home(request):
    now = timezone.now()
    current_season = Season.objects.current()
    open_calls = Call.objects.published().open(now).select_related("season").order_by("closes_at")
    return render(
        request,
        "home.html",
        {
            "current_season": current_season,
            "open_calls": list(open_calls),
            "latest_laureates": latest_laureate_ids(),
            "now": now,
        },
    )


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login attempt during a lockout: HTTP 429, and why."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# The design system's icon, as shipped: pages name it in their <head>, but browsers still
# ask for /favicon.ico on a first visit (and the admin's pages name none).
FAVICON = "dsfr/dist/favicon/favicon.ico"


@functools.cache
def favicon_bytes():
    return Path(finders.find(FAVICON)).read_bytes()


@require_safe
@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    return HttpResponse(favicon_bytes(), content_type="image/x-icon")
