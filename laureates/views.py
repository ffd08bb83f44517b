"""Public pages of laureates: the filtered list and each laureate's page."""

from array import array

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accelerator.page_cache import cache_public_page, public_fragment

from . import followup
from .filters import LaureateFilter
from .models import Laureate
from .public_record import record_of
from .showcase import support_progress

LAUREATES_PER_PAGE = 24


def public_order():
    """The ids of every public laureate, in the list's order (newest season first, then
    by name): read once per change of the public rows and kept as a page fragment (which
    also ends at the next announcement, when laureates become public by the clock). Every
    page of the list, filtered or not, is cut from it: the public rule and the order (a
    join on seasons and a sort of every public laureate, most of a miss's time in
    PostgreSQL) are then paid once, not by each page a visitor or a crawler opens.
    Kept as the bytes of an array of 64-bit integers: read back in one copy, however
    many laureates (a list of 50,000 ints costs a millisecond to unpickle)."""

    def build():
        ordered = Laureate.objects.published().order_by("-season__number", "name", "pk")
        return array("q", ordered.values_list("pk", flat=True)).tobytes()

    return array("q", public_fragment("laureate-order", build))


@cache_public_page
def laureate_list(request):
    filters = LaureateFilter(request.GET or None, queryset=Laureate.objects.order_by())
    # A page number alone is not a filter: no "clear the filters" for it, no query.
    is_filtered = any(request.GET.get(name) for name in filters.filters)
    shown = public_order()
    if is_filtered:
        # The filters' own conditions only, on every laureate (a narrow query of ids): the
        # public rule and the order come from `public_order`.
        matched = set(filters.qs.values_list("pk", flat=True))
        shown = [pk for pk in shown if pk in matched]
    page = Paginator(shown, LAUREATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "laureates/laureate_list.html",
        {"page_obj": page, "filter": filters, "is_filtered": is_filtered},
    )


@cache_public_page
def laureate_detail(request, slug):
    laureate = get_object_or_404(Laureate.objects.published().select_related("season"), slug=slug)
    return render(
        request,
        "laureates/laureate_detail.html",
        {
            "laureate": laureate,
            # Its rows' sections, kept until they change (`public_record`); the progress
            # depends on the day, so the page computes it.
            "record": record_of(laureate),
            "progress": support_progress(laureate, followup.today()),
            "breadcrumb": [(reverse("laureates:laureate_list"), _("Laureates"))],
        },
    )
