"""The staff follow-up board: where every laureate stands, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import (
    NOT_COUNTED_STATUSES,
    OPEN_STATUSES,
    Laureate,
    Milestone,
    MilestoneStatus,
    SupportKind,
)

DUE_SOON_DAYS = 30
ZERO = Decimal("0")


@dataclass
class KindProgress:
    kind: str
    label: str
    done: int
    total: int

    @property
    def percent(self):
        """Share done, 0 to 100; a kind without milestones counts as 0 %."""
        return round(100 * self.done / self.total) if self.total else 0


def paid_share(paid, granted):
    """Share of the granted amount paid, 0 to 100 (0 when nothing is granted)."""
    return min(100, round(100 * paid / granted)) if granted else 0


@dataclass
class LaureateRow:
    laureate: Laureate
    kinds: list
    overdue: int
    due_soon: int
    granted: Decimal
    paid: Decimal

    @property
    def paid_percent(self):
        return paid_share(self.paid, self.granted)


@dataclass
class SeasonTotal:
    season: object
    laureates: int = 0
    granted: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def paid_percent(self):
        return paid_share(self.paid, self.granted)


@dataclass
class Board:
    as_of: datetime.date
    rows: list
    seasons: list
    overdue: list
    due_soon: list
    to_close: list = field(default_factory=list)
    totals: SeasonTotal = field(default_factory=lambda: SeasonTotal(season=None))


def _money(expression):
    return Coalesce(
        expression, Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2)
    )


def annotated_laureates(as_of):
    """Laureates with, in one query: done/total per kind (cancelled and carried-over
    steps left out of both), open milestones overdue or due within 30 days, and amounts
    granted (not counting those steps) and paid."""
    not_cancelled = ~Q(milestones__status__in=NOT_COUNTED_STATUSES)
    counts = {}
    for kind in SupportKind.values:
        of_kind = Q(milestones__kind=kind)
        counts[f"{kind}_total"] = Count("milestones", filter=of_kind & not_cancelled)
        counts[f"{kind}_done"] = Count(
            "milestones", filter=of_kind & Q(milestones__status=MilestoneStatus.DONE)
        )
    still_open = Q(milestones__status__in=OPEN_STATUSES)
    soon = as_of + datetime.timedelta(days=DUE_SOON_DAYS)
    return (
        Laureate.objects.select_related("season")
        .annotate(
            **counts,
            overdue_count=Count("milestones", filter=still_open & Q(milestones__due_on__lt=as_of)),
            due_soon_count=Count(
                "milestones",
                filter=still_open & Q(milestones__due_on__gte=as_of, milestones__due_on__lte=soon),
            ),
            granted=_money(Sum("milestones__amount_granted", filter=not_cancelled)),
            paid=_money(Sum("milestones__amount_paid")),
        )
        .order_by("-season__number", "name")
    )


def is_to_close(laureate, as_of):
    """As `Laureate.objects.to_close(as_of)`, on a row already loaded."""
    return laureate.support_closed_on is None and laureate.support_ends_on < as_of


def watched_milestones(as_of, season=None):
    """(overdue, due within DUE_SOON_DAYS days): the open milestones staff must watch,
    the soonest first (the board's lists and the cockpit's block)."""
    milestones = Milestone.objects.select_related("laureate", "owner").order_by("due_on", "pk")
    if season is not None:
        milestones = milestones.filter(laureate__season=season)
    return milestones.overdue(as_of), milestones.due_within(as_of, DUE_SOON_DAYS)


def follow_up_board(as_of, season=None):
    """The board as of a day: one row per laureate, totals per season and overall, and
    the open milestones overdue or due within `DUE_SOON_DAYS` days."""
    laureates = annotated_laureates(as_of)
    overdue, due_soon = watched_milestones(as_of, season)
    if season is not None:
        laureates = laureates.filter(season=season)
    rows, seasons = [], {}
    totals = SeasonTotal(season=None)
    for laureate in laureates:
        kinds = [
            KindProgress(
                kind,
                SupportKind(kind).label,
                getattr(laureate, f"{kind}_done"),
                getattr(laureate, f"{kind}_total"),
            )
            for kind in SupportKind.values
        ]
        row = LaureateRow(
            laureate, kinds, laureate.overdue_count, laureate.due_soon_count,
            laureate.granted, laureate.paid,
        )  # fmt: skip
        rows.append(row)
        season_total = seasons.setdefault(laureate.season_id, SeasonTotal(laureate.season))
        for total in (season_total, totals):
            total.laureates += 1
            total.granted += row.granted
            total.paid += row.paid
    return Board(
        as_of=as_of,
        rows=rows,
        seasons=list(seasons.values()),
        overdue=list(overdue),
        due_soon=list(due_soon),
        to_close=[row.laureate for row in rows if is_to_close(row.laureate, as_of)],
        totals=totals,
    )
