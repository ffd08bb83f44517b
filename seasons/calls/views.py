"""Public pages of seasons and calls, and the iCalendar of call deadlines."""

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accelerator.page_cache import cache_public_page

from ..models import Call, Season
from .calendar import calendar


def seasons_crumb():
    return (reverse("seasons:season_list"), _("Seasons and calls"))


def public_laureates():
    """The laureates app's public queryset, the one rule of what the public sees (read
    through the reverse relation: the seasons app does not import the laureates app)."""
    return Season._meta.get_field("laureates").related_model.objects.published()


@cache_public_page
def season_list(request):
    laureate_count = (
        public_laureates()
        .filter(season=OuterRef("pk"))
        .order_by()
        .values("season")
        .annotate(count=Count("pk"))
        .values("count")
    )
    seasons = Season.objects.published().annotate(
        call_count=Count("calls", distinct=True),
        laureate_count=Coalesce(Subquery(laureate_count, output_field=IntegerField()), Value(0)),
    )
    return render(request, "seasons/season_list.html", {"seasons": seasons})


@cache_public_page
def season_detail(request, slug):
    laureates = public_laureates().prefetch_related("domains").order_by("name")
    season = get_object_or_404(
        Season.objects.published().prefetch_related(
            Prefetch("calls", queryset=Call.objects.order_by("opens_at", "pk")),
            Prefetch("laureates", queryset=laureates, to_attr="published_laureates"),
        ),
        slug=slug,
    )
    return render(
        request,
        "seasons/season_detail.html",
        {"season": season, "now": timezone.now(), "breadcrumb": [seasons_crumb()]},
    )


@cache_public_page
def call_detail(request, season_slug, slug):
    call = get_object_or_404(
        Call.objects.published().select_related("season"), season__slug=season_slug, slug=slug
    )
    breadcrumb = [seasons_crumb(), (call.season.get_absolute_url(), call.season.title)]
    return render(
        request,
        "seasons/call_detail.html",
        {"call": call, "now": timezone.now(), "breadcrumb": breadcrumb},
    )


@cache_public_page
def call_deadlines(request):
    calls = Call.objects.published().select_related("season").order_by("closes_at", "pk")
    content = calendar(calls, settings.PROGRAM_NAME, request.build_absolute_uri, request.get_host())
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="appels.ics"'
    return response
