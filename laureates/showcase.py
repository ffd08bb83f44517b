"""What the public pages compute about a laureate: support progress, milestone groups."""

from dataclasses import dataclass
from itertools import groupby

from .models import MilestoneStatus, SupportKind


@dataclass
class SupportProgress:
    """How far into its support period a laureate is, on a given day."""

    percent: int
    elapsed_days: int
    total_days: int
    state: str  # "upcoming", "in_progress" or "ended"


def support_progress(laureate, today):
    total = (laureate.support_ends_on - laureate.support_starts_on).days
    elapsed = min(max((today - laureate.support_starts_on).days, 0), total)
    if today < laureate.support_starts_on:
        state = "upcoming"
    elif today > laureate.support_ends_on:
        state = "ended"
    else:
        state = "in_progress"
    return SupportProgress(round(100 * elapsed / total), elapsed, total, state)


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
        """Steps that count towards progress: cancelled ones do not."""
        return sum(m.status != MilestoneStatus.CANCELLED for m in self.milestones)


def milestone_groups(milestones):
    """Milestones grouped by kind of support, in the order of `SupportKind`."""
    order = list(SupportKind.values)
    ordered = sorted(milestones, key=lambda m: (order.index(m.kind), m.due_on, m.pk))
    return [
        MilestoneGroup(kind, SupportKind(kind).label, list(items))
        for kind, items in groupby(ordered, key=lambda m: m.kind)
    ]
