"""Public pages of laureates."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Laureate, Milestone, SupportKind

LAUREATES_PER_PAGE = 24


def laureate_list(request):
    laureates = (
        Laureate.objects.published()
        .select_related("season")
        .prefetch_related("domains")
        .order_by("-season__number", "name")
    )
    page = Paginator(laureates, LAUREATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "laureates/laureate_list.html", {"page_obj": page})


def laureate_detail(request, slug):
    public_milestones = Milestone.objects.filter(is_public=True).order_by("due_on", "pk")
    laureate = get_object_or_404(
        Laureate.objects.published()
        .select_related("season")
        .prefetch_related(
            "domains",
            Prefetch("milestones", queryset=public_milestones, to_attr="public_milestones"),
        ),
        slug=slug,
    )
    kind_order = list(SupportKind.values)
    by_kind = sorted(laureate.public_milestones, key=lambda m: kind_order.index(m.kind))
    milestone_groups = [
        (SupportKind(kind).label, list(items))
        for kind, items in groupby(by_kind, key=lambda m: m.kind)
    ]
    return render(
        request,
        "laureates/laureate_detail.html",
        {
            "laureate": laureate,
            "milestone_groups": milestone_groups,
            "breadcrumb": [(reverse("laureates:laureate_list"), _("Laureates"))],
        },
    )
