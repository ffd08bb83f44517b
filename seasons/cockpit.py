"""The blocks `seasons` adds to the staff's cockpit (`accelerator.cockpit`).

- "calls", for staff who see every application (program managers, observers): each open
  or recently closed call with its funnel, its applications by status (each a link to
  the list filtered on it) and its reviews (assigned, done, conflicts of interest,
  overdue after the call's review deadline, from `selection.progress`). Recent means
  closed within `RECENT_DAYS` days: the time a selection takes after the deadline
  (screening, reviews, jury, decisions).
- "my reviews", for reviewers (who see only what is assigned to them): their own
  assignments, done and to do, and a link to them; nothing of calls they cannot read.
Each block costs a fixed number of queries, whatever the number of calls and applications.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accelerator.cockpit import CockpitBlock, register_block

from .calls import summary
from .models import Call, CallState, Review, SubmissionStatus
from .selection import permissions
from .selection.progress import ReviewerProgress, review_progress

S = SubmissionStatus
RECENT_DAYS = 183


@dataclass
class CallFigures:
    call: object
    state: str
    list_url: str
    statuses: list  # [(label, count, url)] of the statuses that have applications
    funnel: list  # [(label, count, percent)]
    summary_url: str
    reviews: ReviewerProgress  # the call's total: assigned, done, conflicts, overdue
    reviews_url: str  # each reviewer's progress
    calibration_url: str

    @property
    def total(self):
        return sum(count for _label, count, _url in self.statuses)


def applications_url(**filters):
    return f"{reverse('admin:seasons_submission_changelist')}?{urlencode(filters)}"


def status_links(call, found):
    """[(label, count, url of the list filtered on the call and the status)], for the
    statuses that have applications, in the workflow's order."""
    return [
        (label, found[status], applications_url(call__id__exact=call.pk, status__exact=status))
        for status, label in S.choices
        if found.get(status)
    ]


def cockpit_calls(now=None):
    """The open calls and those closed within RECENT_DAYS days, the soonest deadline
    first, with their figures: four queries."""
    now = now or timezone.now()
    calls = list(
        Call.objects.filter(
            opens_at__lte=now, closes_at__gt=now - datetime.timedelta(days=RECENT_DAYS)
        )
        .select_related("season")
        .order_by("closes_at", "pk")
    )
    counts = summary.status_counts([call.pk for call in calls])
    ended = summary.ended_from([call.pk for call in calls])
    progress = review_progress(calls, now=now)
    return [
        CallFigures(
            call=call,
            state=call.state_at(now),
            list_url=applications_url(call__id__exact=call.pk),
            statuses=status_links(call, counts[call.pk]),
            funnel=summary.funnel_rows(counts[call.pk], ended[call.pk]),
            summary_url=reverse("admin:seasons_call_summary", args=[call.pk]),
            reviews=progress[call.pk].total,
            reviews_url=reverse("admin:seasons_call_reviews", args=[call.pk]),
            calibration_url=reverse("admin:seasons_call_calibration", args=[call.pk]),
        )
        for call in calls
    ]


def calls_block(request):
    if not permissions.sees_every_submission(request.user):
        return None
    return {"calls": cockpit_calls(), "recent_days": RECENT_DAYS, "open": CallState.OPEN}


def my_reviews_block(request):
    """A reviewer's own work: one query. Staff who see every application have the calls."""
    user = request.user
    if permissions.sees_every_submission(user) or not (
        permissions.is_staff_member(user) and user.has_perm("seasons.view_review")
    ):
        return None
    mine = Review.objects.filter(reviewer=user).exclude(submission__status=S.DRAFT)
    figures = mine.aggregate(
        assigned=Count("pk"),
        done=Count("pk", filter=Q(submitted_at__isnull=False)),
    )
    reviews = reverse("admin:seasons_review_changelist")
    return {
        **figures,
        "to_do": figures["assigned"] - figures["done"],
        "reviews_url": reviews,
        "to_do_url": f"{reviews}?submitted_at__isnull=True",
    }


def register():
    register_block(CockpitBlock("calls", "admin/cockpit/calls.html", calls_block, order=10))
    register_block(
        CockpitBlock("my_reviews", "admin/cockpit/my_reviews.html", my_reviews_block, order=20)
    )
