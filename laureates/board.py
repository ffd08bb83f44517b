"""The staff follow-up board: where every laureate stands, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from . import support
from .models import (
    NOT_COUNTED_STATUSES,
    OPEN_STATUSES,
    Laureate,
    Milestone,
    MilestoneStatus,
    Report,
    SupportKind,
    TeamUpdate,
    Tranche,
    TrancheStatus,
)

DUE_SOON_DAYS = 30
# A laureate whose team has said nothing for longer than this shows on the board.
SILENCE_DAYS = 60
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
    released: Decimal
    paid: Decimal
    hours: list = field(default_factory=list)  # support.KindHours, one per kind

    @property
    def paid_percent(self):
        return paid_share(self.paid, self.granted)

    @property
    def last_update_on(self):
        """The day of the team's last update (any status) up to the board's day, or None."""
        return self.laureate.last_update_on


def is_silent(laureate, as_of):
    """Whether `laureate` is active on `as_of` (support started, not over, not closed) and
    its team has posted no update for more than `SILENCE_DAYS` days: counted from its last
    update, whatever its status, or from the start of its support if it never posted one
    (a laureate is not silent in its first `SILENCE_DAYS` days)."""
    if laureate.support_closed_on is not None:
        return False
    if not laureate.support_starts_on <= as_of <= laureate.support_ends_on:
        return False
    silent_since = laureate.last_update_on or laureate.support_starts_on
    return (as_of - silent_since).days > SILENCE_DAYS


@dataclass
class SeasonTotal:
    season: object
    laureates: int = 0
    granted: Decimal = ZERO
    released: Decimal = ZERO
    paid: Decimal = ZERO
    given_hours: dict = field(default_factory=dict)  # {kind: hours}
    planned_hours: dict = field(default_factory=dict)  # {kind: hours}, all its laureates

    @property
    def paid_percent(self):
        return paid_share(self.paid, self.granted)

    @property
    def hours(self):
        return support.kinds(self.given_hours, self.planned_hours)

    def add(self, row):
        self.laureates += 1
        self.granted += row.granted
        self.released += row.released
        self.paid += row.paid
        support.add_hours(self.given_hours, {k.kind: k.given for k in row.hours})
        support.add_hours(self.planned_hours, {k.kind: k.planned for k in row.hours})


@dataclass
class Board:
    as_of: datetime.date
    rows: list
    seasons: list
    overdue: list
    due_soon: list
    to_close: list = field(default_factory=list)
    ready_to_release: list = field(default_factory=list)
    awaiting_updates: list = field(default_factory=list)
    awaiting_reports: list = field(default_factory=list)
    silent: list = field(default_factory=list)  # LaureateRow, the longest silent first
    totals: SeasonTotal = field(default_factory=lambda: SeasonTotal(season=None))


def _money(expression):
    return Coalesce(
        expression, Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2)
    )


def tranche_total(*statuses):
    """The sum of the laureate's tranches in `statuses`, as a subquery (a join would
    multiply the milestones counted beside it)."""
    total = (
        Tranche.objects.filter(laureate=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("laureate")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return _money(Subquery(total))


def last_update_day(as_of):
    """The day of the laureate's last update posted on or before `as_of`, as a subquery."""
    last = (
        TeamUpdate.objects.filter(laureate=OuterRef("pk"), created_at__date__lte=as_of)
        .order_by("-created_at")
        .values("created_at__date")[:1]
    )
    return Subquery(last)


def annotated_laureates(as_of):
    """Laureates with, in one query: done/total per kind (cancelled and carried-over
    steps left out of both), open milestones overdue or due within 30 days, and the
    amounts of their tranches granted (all but cancelled), released (released or paid)
    and paid, and the day of its team's last update."""
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
            granted=tranche_total(
                TrancheStatus.PLANNED, TrancheStatus.RELEASED, TrancheStatus.PAID
            ),
            released=tranche_total(TrancheStatus.RELEASED, TrancheStatus.PAID),
            paid=tranche_total(TrancheStatus.PAID),
            last_update_on=last_update_day(as_of),
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
    """The board as of a day: one row per laureate (progress, lateness, tranches, hours
    of support by kind against the plan), totals per season and overall, the open
    milestones overdue or due within `DUE_SOON_DAYS` days, the tranches ready to release,
    the updates awaiting confirmation, the reports awaiting review and the laureates silent
    for `SILENCE_DAYS` days. Eight queries, whatever the number of laureates."""
    laureates = annotated_laureates(as_of)
    overdue, due_soon = watched_milestones(as_of, season)
    ready = Tranche.objects.ready_to_release().select_related("laureate", "milestone", "report")
    reports = Report.objects.awaiting_review().select_related("laureate").order_by("sent_at", "pk")
    awaiting = (
        TeamUpdate.objects.awaiting()
        .select_related("laureate", "milestone", "author")
        .order_by("created_at", "pk")
    )
    if season is not None:
        laureates = laureates.filter(season=season)
        ready = ready.filter(laureate__season=season)
        awaiting = awaiting.filter(laureate__season=season)
        reports = reports.filter(laureate__season=season)
    laureates = list(laureates)
    given = support.given_hours([laureate.pk for laureate in laureates])
    planned = support.planned_hours({laureate.season_id for laureate in laureates})
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
        hours = support.kinds(given.get(laureate.pk, {}), planned.get(laureate.season_id, {}))
        row = LaureateRow(
            laureate, kinds, laureate.overdue_count, laureate.due_soon_count,
            laureate.granted, laureate.released, laureate.paid, hours,
        )  # fmt: skip
        rows.append(row)
        seasons.setdefault(laureate.season_id, SeasonTotal(laureate.season)).add(row)
        totals.add(row)
    return Board(
        as_of=as_of,
        rows=rows,
        seasons=list(seasons.values()),
        overdue=list(overdue),
        due_soon=list(due_soon),
        to_close=[row.laureate for row in rows if is_to_close(row.laureate, as_of)],
        totals=totals,
        ready_to_release=list(ready.order_by("laureate__name", "number")),
        awaiting_updates=list(awaiting),
        awaiting_reports=list(reports),
        silent=silent_rows(rows, as_of),
    )


def silent_rows(rows, as_of):
    """The rows of laureates silent on `as_of` (`is_silent`), the longest silent first."""
    silent = [row for row in rows if is_silent(row.laureate, as_of)]
    return sorted(
        silent,
        key=lambda row: (row.last_update_on or row.laureate.support_starts_on, row.laureate.name),
    )
