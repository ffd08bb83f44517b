"""The blocks `seasons` adds to the staff's cockpit (`accelerator.cockpit`).

- "calls", for staff who see every application (program managers, observers): each open
  or recently closed call with its funnel, its applications by status (each a link to
  the list filtered on it) and its reviews (assigned, done, conflicts of interest,
  overdue after the call's review deadline, from `selection.progress`). Recent means
  closed within `RECENT_DAYS` days: the time a selection takes after the deadline
  (screening, reviews, jury, decisions). For readers of committee sessions, each call's
  next session (the earliest not closed) and what it lacks: members, a docket, the
  outcomes of a meeting whose date has come. Each call's award offers (`award_offers`):
  those awaiting the answer, each with its deadline, and how many were accepted,
  declined or lapsed.
- "my reviews", for reviewers (who see only what is assigned to them): their own
  assignments, done and to do, and a link to them; nothing of calls they cannot read.
Each block costs a fixed number of queries, whatever the number of calls and applications.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accelerator.cockpit import CockpitBlock, register_block

from .calls import summary
from .models import (
    AwardOffer,
    Call,
    CallState,
    CommitteeSession,
    OfferState,
    Review,
    SessionStatus,
    SubmissionStatus,
)
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
    next_session: object = None  # NextSession, or None
    offers: object = None  # AwardFigures, or None when the call offered no award yet

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


@dataclass
class NextSession:
    session: CommitteeSession
    url: str
    lacks: list  # sentences, empty when nothing is missing


def what_it_lacks(session, today):
    lacks = []
    if not session.members_count:
        lacks.append(_("no members"))
    if not session.items_count:
        lacks.append(_("an empty docket"))
    elif session.held_on <= today and session.pending:
        lacks.append(
            ngettext(
                "%(count)d outcome not recorded",
                "%(count)d outcomes not recorded",
                session.pending,
            )
            % {"count": session.pending}
        )
    return lacks


def next_sessions(calls, today):
    """{call pk: NextSession}: each call's earliest session not closed yet, one query."""
    sessions = (
        CommitteeSession.objects.filter(call__in=calls)
        .exclude(status=SessionStatus.CLOSED)
        .annotate(
            members_count=Count("members", distinct=True),
            items_count=Count("items", distinct=True),
            pending=Count("items", filter=Q(items__decision=""), distinct=True),
        )
        .order_by("-held_on", "-pk")
    )
    # Read latest first, so that each call keeps its earliest.
    return {
        session.call_id: NextSession(
            session,
            reverse("admin:seasons_committeesession_change", args=[session.pk]),
            what_it_lacks(session, today),
        )
        for session in sessions
    }


@dataclass
class AwardFigures:
    """A call's award offers: those awaiting the answer (the soonest deadline first, those
    not told yet last) and the count of each answer."""

    list_url: str
    pending: list  # [AwardOffer], their application read with them
    answered: dict  # {OfferState: count} of accepted, declined, lapsed

    @property
    def answers(self):
        """[(label, count)] of the answers, in the states' order."""
        return [
            (state.label, self.answered.get(state, 0))
            for state in (OfferState.ACCEPTED, OfferState.DECLINED, OfferState.LAPSED)
        ]


def award_offers(calls):
    """{call pk: AwardFigures} of the calls that offered an award: one query."""
    offers = (
        AwardOffer.objects.filter(submission__call__in=calls)
        .select_related("submission")
        .only("state", "deadline", "submission__reference", "submission__organisation_name",
              "submission__project_name", "submission__call_id")
        .order_by("submission__call_id", F("deadline").asc(nulls_last=True), "pk")
    )  # fmt: skip
    figures = {}
    for offer in offers:
        call_id = offer.submission.call_id
        if call_id not in figures:
            url = reverse("admin:seasons_awardoffer_changelist")
            figures[call_id] = AwardFigures(f"{url}?submission__call__id__exact={call_id}", [], {})
        if offer.state == OfferState.PENDING:
            figures[call_id].pending.append(offer)
        else:
            answered = figures[call_id].answered
            answered[offer.state] = answered.get(offer.state, 0) + 1
    return figures


def cockpit_calls(now=None, with_sessions=False):
    """The open calls and those closed within RECENT_DAYS days, the soonest deadline
    first, with their figures: five queries, six `with_sessions`."""
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
    sessions = next_sessions(calls, timezone.localdate(now)) if with_sessions else {}
    offers = award_offers(calls)
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
            next_session=sessions.get(call.pk),
            offers=offers.get(call.pk),
        )
        for call in calls
    ]


def calls_block(request):
    if not permissions.sees_every_submission(request.user):
        return None
    with_sessions = permissions.can_view_sessions(request.user)
    return {
        "calls": cockpit_calls(with_sessions=with_sessions),
        "with_sessions": with_sessions,
        "recent_days": RECENT_DAYS,
        "open": CallState.OPEN,
    }


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
