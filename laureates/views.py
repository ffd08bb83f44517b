"""Public pages of laureates: the filtered list and each laureate's page."""

from array import array
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accelerator.page_cache import cache_public_page, public_fragment

from . import followup
from .filters import LaureateFilter
from .models import Laureate
from .public_record import record_of
from .showcase import support_progress

LAUREATES_PER_PAGE = 24
SUPPORT_DATES = ("support_starts_on", "support_ends_on", "support_closed_on")


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


def public_laureate_id(slug):
    """The id of the public laureate of `slug`, or None: the public rule read once per
    change of the public rows (a page fragment, as `public_order`, which also ends at
    the next announcement). A slug nobody has is kept too, as None, for as long."""

    def build():
        return Laureate.objects.published().filter(slug=slug).values_list("pk", flat=True).first()

    return public_fragment(f"laureate-slug:{slug}", build)


@cache_public_page
def laureate_detail(request, slug):
    laureate_id = public_laureate_id(slug)
    # Everything but the progress, kept until its rows change (`public_record`).
    record = None if laureate_id is None else record_of(laureate_id)
    if record is None:
        raise Http404
    support = SimpleNamespace(**{name: record[name] for name in SUPPORT_DATES})
    return render(
        request,
        "laureates/laureate_detail.html",
        {
            "record": record,
            "progress": support_progress(support, followup.today()),
            "breadcrumb": [(reverse("laureates:laureate_list"), _("Laureates"))],
        },
    )
