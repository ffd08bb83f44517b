"""Calls' figures for staff: applications by status, and the selection funnel.

Computed for many calls at once in two queries whatever their number (the cockpit shows
every open or recent call); the call's own summary page asks for one.
"""

from collections import Counter, defaultdict

from django.db.models import Count

from ..models import Submission, SubmissionStatus, SubmissionTransition

S = SubmissionStatus
# How far into the selection each status is; a rejection or a withdrawal counts where the
# application was when it happened (read from the status history).
STAGE = {
    S.SUBMITTED: 1,
    S.IN_REVIEW: 2,
    S.SHORTLISTED: 3,
    S.WAITLISTED: 3,
    S.SELECTED: 4,
}
FUNNEL = [(1, S.SUBMITTED), (2, S.IN_REVIEW), (3, S.SHORTLISTED), (4, S.SELECTED)]
ENDINGS = [S.REJECTED, S.WITHDRAWN]


def status_counts(call_ids):
    """{call id: {status: count}}, in one query."""
    rows = (
        Submission.objects.filter(call__in=call_ids)
        .values("call", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = defaultdict(dict)
    for row in rows:
        found[row["call"]][row["status"]] = row["n"]
    return found


def ended_from(call_ids):
    """{call id: Counter(status an ended application left)}, in one query. A rejection
    or a withdrawal is final, so each ended application has one such transition."""
    rows = (
        SubmissionTransition.objects.filter(
            submission__call__in=call_ids,
            submission__status__in=ENDINGS,
            to_status__in=ENDINGS,
        )
        .values("submission__call", "from_status")
        .annotate(n=Count("submission", distinct=True))
        .order_by()
    )
    found = defaultdict(Counter)
    for row in rows:
        found[row["submission__call"]][row["from_status"]] += row["n"]
    return found


def by_status(found):
    return [(S(status).label, found.get(status, 0)) for status in S.values]


def funnel_rows(found, ended):
    """[(label, count, percent of sent)] for sent → under review → shortlisted → selected."""
    reached = Counter({STAGE[s]: n for s, n in found.items() if s in STAGE})
    ended_total = sum(found.get(s, 0) for s in ENDINGS)
    with_history = 0
    for from_status, n in ended.items():
        reached[STAGE.get(from_status, 1)] += n
        with_history += n
    # Ended without a history (screened out on import, for example): at the first stage.
    reached[1] += ended_total - with_history
    sent = sum(reached.values())
    rows = []
    for stage, status in FUNNEL:
        count = sum(n for at, n in reached.items() if at >= stage)
        percent = round(100 * count / sent) if sent else 0
        rows.append((FUNNEL_LABELS[status], count, percent))
    return rows


def summaries(calls):
    """{call id: (counts by status, funnel)} of `calls`, in two queries."""
    ids = [call.pk for call in calls]
    counts, ended = status_counts(ids), ended_from(ids)
    return {pk: (by_status(counts[pk]), funnel_rows(counts[pk], ended[pk])) for pk in ids}


def counts_by_status(call):
    return by_status(status_counts([call.pk])[call.pk])


def funnel(call):
    """[(label, count, percent of sent)] for sent → under review → shortlisted → selected."""
    return funnel_rows(status_counts([call.pk])[call.pk], ended_from([call.pk])[call.pk])


FUNNEL_LABELS = {
    S.SUBMITTED: S.SUBMITTED.label,
    S.IN_REVIEW: S.IN_REVIEW.label,
    S.SHORTLISTED: S.SHORTLISTED.label,
    S.SELECTED: S.SELECTED.label,
}
