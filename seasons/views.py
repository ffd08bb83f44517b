"""Public pages of seasons and calls."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accelerator.page_cache import cache_public_page

from .models import Call, Season


def seasons_crumb():
    return (reverse("seasons:season_list"), _("Seasons and calls"))


@cache_public_page
def season_list(request):
    seasons = Season.objects.published().annotate(
        call_count=Count("calls", distinct=True),
        laureate_count=Count("laureates", filter=Q(laureates__published=True), distinct=True),
    )
    return render(request, "seasons/season_list.html", {"seasons": seasons})


@cache_public_page
def season_detail(request, slug):
    # Laureates are read through the reverse relation by name: the seasons app does not
    # import the laureates app, which builds on it.
    laureates = (
        Season._meta.get_field("laureates")
        .related_model.objects.filter(published=True)
        .prefetch_related("domains")
        .order_by("name")
    )
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
