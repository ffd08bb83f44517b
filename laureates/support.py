"""Support given against support planned: hours by kind, per laureate and per season.

Support is logged by staff in the admin (`SupportLog`, one row per session of support);
the season's plan says how many hours of each kind every laureate should receive
(`PlannedHours`). This module only reads: two queries, whatever the number of laureates.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from .models import PlannedHours, SupportKind, SupportLog

ZERO = Decimal("0")


@dataclass
class KindHours:
    kind: str
    label: str
    given: Decimal
    planned: Decimal

    @property
    def percent(self):
        """Share of the planned hours given, 0 to 100 (0 when nothing is planned)."""
        return min(100, round(100 * self.given / self.planned)) if self.planned else 0


def given_hours(laureate_ids):
    """{laureate id: {kind: hours given}}, in one query."""
    given = {}
    rows = (
        SupportLog.objects.filter(laureate_id__in=laureate_ids)
        .values_list("laureate_id", "kind")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    for laureate_id, kind, total in rows:
        given.setdefault(laureate_id, {})[kind] = total
    return given


def planned_hours(season_ids):
    """{season id: {kind: hours planned per laureate}}, in one query."""
    planned = {}
    rows = PlannedHours.objects.filter(plan__season_id__in=season_ids).values_list(
        "plan__season_id", "kind", "hours"
    )
    for season_id, kind, hours in rows:
        planned.setdefault(season_id, {})[kind] = hours
    return planned


def kinds(given, planned):
    """The four kinds in their usual order, from {kind: hours} dicts."""
    return [
        KindHours(kind, SupportKind(kind).label, given.get(kind, ZERO), planned.get(kind, ZERO))
        for kind in SupportKind.values
    ]


def hours_of(laureate):
    """Hours by kind given to one laureate, against its season's plan (two queries)."""
    return kinds(
        given_hours([laureate.pk]).get(laureate.pk, {}),
        planned_hours([laureate.season_id]).get(laureate.season_id, {}),
    )


def add_hours(totals, more):
    """Add `more` ({kind: hours}) into `totals` in place; returns `totals`."""
    for kind, hours in more.items():
        totals[kind] = totals.get(kind, ZERO) + hours
    return totals
