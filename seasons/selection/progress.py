"""Where each reviewer stands in each call: assigned, done, conflicts, overdue, remaining.

`review_progress(calls)` is what every screen reads (the call's reviews page, the
cockpit): one query for any number of calls, reviewers and reviews. Reviews of drafts
never count (a draft is never reviewed, see `reviewing.assignable`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from ..models import Review, ReviewState, SubmissionStatus
from ..models.review import STATE_CONDITIONS


@dataclass(frozen=True)
class ReviewerProgress:
    """One reviewer's line in one call (or the call's total, with `reviewer_id` None).

    `remaining` are the reviews still open; `overdue` are those of them past the call's
    review deadline (0 without a deadline). A conflict of interest is neither done nor
    remaining: the application is offered to another reviewer.
    """

    reviewer_id: int | None
    name: str
    assigned: int = 0
    done: int = 0
    conflicts: int = 0
    remaining: int = 0
    overdue: int = 0


@dataclass
class CallProgress:
    """A call's reviewers, by name, and their total."""

    call_id: int
    review_deadline: datetime.datetime | None
    reviewers: list[ReviewerProgress] = field(default_factory=list)

    @property
    def total(self):
        return ReviewerProgress(
            reviewer_id=None,
            name="",
            **{
                name: sum(getattr(row, name) for row in self.reviewers)
                for name in ("assigned", "done", "conflicts", "remaining", "overdue")
            },
        )

    def of(self, reviewer):
        """This reviewer's line only (an empty list when they have none here)."""
        return [row for row in self.reviewers if row.reviewer_id == reviewer.pk]


def review_progress(calls, *, now=None):
    """{call id: CallProgress} for each of `calls` (Call objects, or a queryset read once),
    every call present even without reviews, its reviewers sorted by name. One query."""
    calls = list(calls)
    now = now or timezone.now()
    progress = {call.pk: CallProgress(call.pk, call.review_deadline) for call in calls}
    rows = (
        Review.objects.filter(submission__call__in=progress)
        .exclude(submission__status=SubmissionStatus.DRAFT)
        .values(
            "submission__call_id",
            "reviewer_id",
            "reviewer__username",
            "reviewer__first_name",
            "reviewer__last_name",
        )
        .annotate(
            assigned=Count("pk"),
            done=Count("pk", filter=STATE_CONDITIONS[ReviewState.DONE]),
            conflicts=Count("pk", filter=STATE_CONDITIONS[ReviewState.CONFLICT]),
            remaining=Count("pk", filter=STATE_CONDITIONS[ReviewState.OPEN]),
        )
        .order_by()
    )
    for row in rows:
        call = progress[row["submission__call_id"]]
        late = call.review_deadline is not None and now >= call.review_deadline
        name = f"{row['reviewer__first_name']} {row['reviewer__last_name']}".strip()
        call.reviewers.append(
            ReviewerProgress(
                reviewer_id=row["reviewer_id"],
                name=name or row["reviewer__username"],
                assigned=row["assigned"],
                done=row["done"],
                conflicts=row["conflicts"],
                remaining=row["remaining"],
                overdue=row["remaining"] if late else 0,
            )
        )
    for call in progress.values():
        call.reviewers.sort(key=lambda row: (row.name.casefold(), row.reviewer_id))
    return progress
