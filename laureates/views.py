"""Public pages of laureates: the filtered list and each laureate's page."""

import hashlib

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accelerator.page_cache import cache_public_page, public_fragment

from . import followup
from .charts import indicator_chart
from .filters import LaureateFilter
from .models import ImpactIndicator, Laureate, Measurement, Milestone, TeamUpdate
from .showcase import milestone_groups, support_progress

LAUREATES_PER_PAGE = 24


class SharedCountPaginator(Paginator):
    """A paginator whose count, the same for every page of one filter, is counted once
    per change of the public rows (a page fragment): deep pages and a crawler walking
    them pay for their own 24 laureates only."""

    def __init__(self, object_list, per_page, filter_params):
        super().__init__(object_list, per_page)
        self.filter_params = filter_params

    @cached_property
    def count(self):
        identity = hashlib.sha256(repr(self.filter_params).encode()).hexdigest()
        return public_fragment("laureate-count:" + identity, Paginator.count.func.__get__(self))


@cache_public_page
def laureate_list(request):
    laureates = Laureate.objects.published().order_by("-season__number", "name")
    filters = LaureateFilter(request.GET or None, queryset=laureates)
    params = sorted((key, request.GET.getlist(key)) for key in request.GET if key != "page")
    paginator = SharedCountPaginator(filters.qs, LAUREATES_PER_PAGE, params)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "laureates/laureate_list.html",
        {
            "page_obj": page,
            "filter": filters,
            # A page number alone is not a filter: no "clear the filters" for it.
            "is_filtered": any(request.GET.get(name) for name in filters.filters),
        },
    )


@cache_public_page
def laureate_detail(request, slug):
    public_milestones = Milestone.objects.filter(is_public=True).order_by("due_on", "pk")
    indicators = ImpactIndicator.objects.prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
    )
    # What the team or staff published of the updates (never files nor authors).
    public_updates = TeamUpdate.objects.public().select_related("milestone")
    laureate = get_object_or_404(
        Laureate.objects.published()
        .select_related("season")
        .prefetch_related(
            "domains",
            Prefetch("milestones", queryset=public_milestones, to_attr="public_milestones"),
            Prefetch("indicators", queryset=indicators, to_attr="impact_indicators"),
            Prefetch(
                "updates",
                queryset=public_updates.order_by("-published_at", "-pk"),
                to_attr="public_updates",
            ),
        ),
        slug=slug,
    )
    groups = milestone_groups(laureate.public_milestones)
    impact = [
        (indicator, list(indicator.measurements.all())) for indicator in laureate.impact_indicators
    ]
    return render(
        request,
        "laureates/laureate_detail.html",
        {
            "laureate": laureate,
            "milestone_groups": groups,
            "milestones_done": sum(group.done for group in groups),
            "milestones_counted": sum(group.counted for group in groups),
            "milestones_cancelled": sum(group.cancelled for group in groups),
            "milestones_carried_over": sum(group.carried_over for group in groups),
            "progress": support_progress(laureate, followup.today()),
            "impact": [
                (indicator, measurements, indicator_chart(indicator, measurements))
                for indicator, measurements in impact
            ],
            "breadcrumb": [(reverse("laureates:laureate_list"), _("Laureates"))],
        },
    )
