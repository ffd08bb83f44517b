"""A call's figures for staff: applications by status, and the selection funnel."""

from collections import Counter

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


def counts_by_status(call):
    rows = Submission.objects.filter(call=call).values("status").annotate(n=Count("pk"))
    found = {row["status"]: row["n"] for row in rows}
    return [(S(status).label, found.get(status, 0)) for status in S.values]


def funnel(call):
    """[(label, count, percent of sent)] for sent → under review → shortlisted → selected."""
    statuses = Submission.objects.filter(call=call).exclude(status=S.DRAFT)
    reached = Counter(STAGE[s] for s in statuses.values_list("status", flat=True) if s in STAGE)
    endings = SubmissionTransition.objects.filter(
        submission__call=call, to_status__in=ENDINGS
    ).values_list("submission", "from_status")
    ended_from = dict(endings)
    for pk in statuses.filter(status__in=ENDINGS).values_list("pk", flat=True):
        reached[STAGE.get(ended_from.get(pk), 1)] += 1
    sent = sum(reached.values())
    rows = []
    for stage, status in FUNNEL:
        count = sum(n for at, n in reached.items() if at >= stage)
        percent = round(100 * count / sent) if sent else 0
        rows.append((FUNNEL_LABELS[status], count, percent))
    return rows


FUNNEL_LABELS = {
    S.SUBMITTED: S.SUBMITTED.label,
    S.IN_REVIEW: S.IN_REVIEW.label,
    S.SHORTLISTED: S.SHORTLISTED.label,
    S.SELECTED: S.SELECTED.label,
}
