"""What the public pages compute about a laureate: support progress, milestone groups."""

from dataclasses import dataclass
from itertools import groupby

from .models import NOT_COUNTED_STATUSES, MilestoneStatus, SupportKind


@dataclass
class SupportProgress:
    """How far into its support period a laureate is, on a given day."""

    percent: int
    elapsed_days: int
    total_days: int
    state: str  # "upcoming", "in_progress", "closing" or "closed"
    closed_on: object = None


def support_progress(laureate, today):
    """Where the support stands. "Over" is only said once staff closed it (every step
    resolved, see `laureates.closing`): a period past its end date with steps still open
    is "closing", never "ended", so the page cannot show 100 % beside open steps."""
    total = (laureate.support_ends_on - laureate.support_starts_on).days
    elapsed = min(max((today - laureate.support_starts_on).days, 0), total)
    if laureate.support_closed_on is not None:
        state = "closed"
    elif today < laureate.support_starts_on:
        state = "upcoming"
    elif today > laureate.support_ends_on:
        state = "closing"
    else:
        state = "in_progress"
    percent = 100 if state == "closed" else round(100 * elapsed / total)
    return SupportProgress(percent, elapsed, total, state, laureate.support_closed_on)


@dataclass
class MilestoneGroup:
    kind: str
    label: str
    milestones: list

    @property
    def done(self):
        return sum(m.status == MilestoneStatus.DONE for m in self.milestones)

    @property
    def counted(self):
        """Steps that count towards progress: cancelled or carried-over ones do not."""
        return sum(m.status not in NOT_COUNTED_STATUSES for m in self.milestones)

    @property
    def cancelled(self):
        return sum(m.status == MilestoneStatus.CANCELLED for m in self.milestones)

    @property
    def carried_over(self):
        return sum(m.status == MilestoneStatus.CARRIED_OVER for m in self.milestones)


def milestone_groups(milestones):
    """Milestones grouped by kind of support, in the order of `SupportKind`."""
    order = list(SupportKind.values)
    ordered = sorted(milestones, key=lambda m: (order.index(m.kind), m.due_on, m.pk))
    return [
        MilestoneGroup(kind, SupportKind(kind).label, list(items))
        for kind, items in groupby(ordered, key=lambda m: m.kind)
    ]
