"""Cheaper pieces of the admin's change lists, each showing exactly what Django's own shows.

Profiled on the list of 100,000 applications (docs/performance.md, "The admin list at
100,000"): Django renders each row's checkbox through the form renderer's templates
(about 1.7 ms a row under the profiler, a sixth of the page), reads every column of the
200 calls to list their titles in the call filter, and finds the date drill-down's years
by reading the date of every row (38 ms of PostgreSQL at 90,000 sent applications).
"""

import datetime
from types import SimpleNamespace

from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db import connection
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .collation import FrenchOrderRelatedFilter, french_sorted


class QuickActionCheckbox:
    """A ModelAdmin mixin: each row's checkbox written at once, the bytes of Django's
    `CheckboxInput` (its template adds the attributes in this order, nothing checked;
    the column's header is Django's, which knows the column by its name)."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class QuickChangeLinks:
    """A ModelAdmin mixin: the change list's links to each row (two a row) made from one
    address, found once, rather than one `reverse()` each. An integer key is written in
    the address as Django writes it (`quote()` leaves it alone); any other key, Django's way."""

    def get_changelist(self, request, **kwargs):
        return QuickLinksChangeList


class QuickLinksChangeList(ChangeList):
    PLACEHOLDER = 0

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        parts = self.change_url_parts() if type(pk) is int else ()
        if not parts:
            return super().url_for_result(result)
        return f"{parts[0]}{pk}{parts[1]}"

    def get_results(self, request):
        """The page's rows read with only the columns their cells show, when the model
        admin lists them (`list_fields_read`): a row of applications has 45 columns, long
        answers among them, that the list never shows. The total, the filters, the date
        drill-down and the actions keep the whole queryset."""
        fields = getattr(self.model_admin, "list_fields_read", None)
        if not fields:
            return super().get_results(request)
        queryset = self.queryset
        self.queryset = queryset.only(*fields)
        try:
            return super().get_results(request)
        finally:
            self.queryset = queryset

    def change_url_parts(self):
        """(before, after) the key in a row's change address, or () if it cannot be split."""
        parts = getattr(self, "_change_url_parts", None)
        if parts is None:
            sample = super().url_for_result(SimpleNamespace(**{self.pk_attname: self.PLACEHOLDER}))
            head, found, tail = sample.rpartition(f"/{self.PLACEHOLDER}/")
            parts = self._change_url_parts = (head + "/", "/" + tail) if found else ()
        return parts


class TitleChoicesFilter(FrenchOrderRelatedFilter):
    """The related filter of a model whose `str()` is its `title`: the (pk, title) pairs
    only, in the order Django would read them, then in French order."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        rows = field.related_model._default_manager.complex_filter(field.get_limit_choices_to())
        if ordering:
            rows = rows.order_by(*ordering)
        return french_sorted(rows.values_list("pk", "title"))


class YearProbingQuerySet:
    """The change list's queryset as the date drill-down uses it. When every row of the
    list is on its page (a search, a narrow filter), its dates are read from those rows
    (`rows`), without a query. Unfiltered (the list as staff open it), its years are found
    by one probe per year between the first and the last date (an `EXISTS` that stops at
    the first row of the year, along an index on the date) instead of a `DISTINCT` over
    every row. Everything else is the queryset's own."""

    def __init__(self, queryset, rows=None):
        self.queryset = queryset
        self.rows = rows
        self.date_range = None

    def __getattr__(self, name):
        return getattr(self.queryset, name)

    def aggregate(self, *args, **kwargs):
        """The drill-down asks for `first=Min(field), last=Max(field)`."""
        if self.rows is not None and not args and set(kwargs) == {"first", "last"}:
            (field_name,) = {e.name for e in kwargs["first"].source_expressions}
            values = [v for v in (getattr(row, field_name) for row in self.rows) if v is not None]
            self.date_range = {
                "first": min(values, default=None),
                "last": max(values, default=None),
            }
        else:
            self.date_range = self.queryset.aggregate(*args, **kwargs)
        return self.date_range

    def datetimes(self, field_name, kind, *args, **kwargs):
        if self.rows is not None and not args and not kwargs:
            return rows_datetimes(self.rows, field_name, kind)
        # Probes of a filtered list would each carry its filters and annotations (their
        # compilation costs more than the DISTINCT it saves): those keep Django's query.
        filtered = bool(self.queryset.query.where)
        if filtered or kind != "year" or not self.date_range or None in self.date_range.values():
            return self.queryset.datetimes(field_name, kind, *args, **kwargs)
        first, last = (timezone.localtime(self.date_range[k]).year for k in ("first", "last"))
        return years_with_rows(self.queryset.model, field_name, range(first, last + 1))


TRUNCATED = {
    "year": lambda moment: (moment.year, 1, 1),
    "month": lambda moment: (moment.year, moment.month, 1),
    "day": lambda moment: (moment.year, moment.month, moment.day),
}


def rows_datetimes(rows, field_name, kind):
    """`queryset.datetimes(field_name, kind)` over rows already read: each distinct
    year, month or day of the field in the current time zone, in order, nulls left out."""
    found = {
        TRUNCATED[kind](timezone.localtime(moment))
        for moment in (getattr(row, field_name) for row in rows)
        if moment is not None
    }
    return [timezone.make_aware(datetime.datetime(*parts)) for parts in sorted(found)]


def year_start(year):
    return timezone.make_aware(datetime.datetime(year, 1, 1))


def years_with_rows(model, field_name, years):
    """The start of each year of `years` (in the current time zone) in which `model`'s
    table has a row, in one statement: what an unfiltered `datetimes(field_name, "year")`
    returns. Written in SQL: as ORM subqueries, the 20 probes cost more to compile than
    the scan they save."""
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    table = connection.ops.quote_name(model._meta.db_table)
    # Names from the model's metadata, quoted; the values are parameters.
    probe = f"EXISTS(SELECT 1 FROM {table} WHERE {column} >= %s AND {column} < %s)"  # noqa: S608 # nosec B608
    adapt = connection.ops.adapt_datetimefield_value
    params = [adapt(year_start(y)) for year in years for y in (year, year + 1)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([probe] * len(years)), params)
        row = cursor.fetchone()
    return [year_start(year) for year, found in zip(years, row, strict=True) if found]


class YearProbingChangeList:
    """A change list whose `queryset` is a `YearProbingQuerySet`, for the drill-down only:
    given the page's rows when they are every row of the list."""

    def __init__(self, changelist):
        self.changelist = changelist
        rows = list(changelist.result_list)
        complete = len(rows) == changelist.result_count
        self.queryset = YearProbingQuerySet(changelist.queryset, rows if complete else None)

    def __getattr__(self, name):
        return getattr(self.changelist, name)
