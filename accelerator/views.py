"""The home page, the favicon, and the page of a login locked out by django-axes."""

import functools
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from laureates.models import Laureate
from seasons.models import Call, Season

from .page_cache import cache_public_page, public_fragment
from .public_records import invalidate_records, public_record

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


CALLS_OWNER = "calls"


def calls_sections(now):
    """The home page's current season and open calls, rendered once per language and
    day and kept as a public record of the seasons and calls (`public_records`): until
    a season or a call is saved or deleted (`connect_signals`), or a call opens or
    closes (the cards say which are open and their days left, counted in days). The
    laureates' changes of the follow-up, far more frequent, leave it kept."""

    def build():
        open_calls = Call.objects.published().open(now).select_related("season")
        context = {
            "current_season": Season.objects.current(),
            "open_calls": list(open_calls.order_by("closes_at")),
            "now": now,
        }
        return render_to_string("includes/home_calls.html", context)

    def ends():
        moments = Call.objects.aggregate(
            opening=Min("opens_at", filter=Q(opens_at__gt=now)),
            closing=Min("closes_at", filter=Q(closes_at__gt=now)),
        )
        return min((moment for moment in moments.values() if moment), default=None)

    name = f"home:{translation.get_language() or ''}:{timezone.localdate(now).isoformat()}"
    # The template engine's output, which escaped what it had to.
    return mark_safe(public_record(CALLS_OWNER, name, build, ends))  # noqa: S308  # nosec B308 B703


def calls_changed(**_signal_arguments):
    invalidate_records(CALLS_OWNER)


def connect_signals():
    for model in (Season, Call):
        uid = f"home-calls:{model.__name__}"
        post_save.connect(calls_changed, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(calls_changed, sender=model, dispatch_uid=uid + ":delete")


@cache_public_page
def home(request):
    return render(
        request,
        "home.html",
        {
            "calls_sections": calls_sections(timezone.now()),
            "latest_laureates": latest_laureate_ids(),
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
