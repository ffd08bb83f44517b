"""Staff decisions on many applications at once, and the decision e-mails they draft.

A decision changes each application's status through `workflow.change_status`; the
e-mails are drafted in the outbox (`outbox.draft_decision_email`), never sent here: staff
read them, edit them if they wish, and release them (`outbox.release_emails`), so nobody
e-mails 200 applicants by accident. Released e-mails leave like every other one
(`outbox.send_email`, honouring `EMAIL_SEND_AT_ONCE`). A new decision supersedes the
unsent e-mail of an earlier one (`workflow.change_status`), so each applicant receives
only the current decision.
"""

from dataclasses import dataclass, field

from django.db import transaction

from .. import outbox
from ..models import SubmissionStatus
from . import workflow

S = SubmissionStatus
# The decisions that tell the applicant something (going under review does not).
ANNOUNCED = [S.SHORTLISTED, S.SELECTED, S.WAITLISTED, S.REJECTED]


@dataclass
class Outcome:
    changed: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (submission, reason)
    emails: int = 0


def split_allowed(submissions, to_status, user):
    """([allowed], [(refused, reason)]) for the confirmation page, before anything runs."""
    allowed, refused = [], []
    for submission in submissions:
        try:
            workflow.check_allowed(submission.status, to_status, workflow.Actor.STAFF, user)
        except workflow.TransitionRefused as reason:
            refused.append((submission, str(reason)))
        else:
            allowed.append(submission)
    return allowed, refused


def decide(
    submissions, to_status, *, user, reason="", details=None, draft_emails=True, absolute=None
):
    """Apply one decision to each application, each in its own transaction, so that one
    refusal (or one conflict with a colleague) does not undo the others."""
    outcome = Outcome()
    for submission in submissions:
        try:
            with transaction.atomic():
                workflow.change_status(
                    submission,
                    to_status,
                    actor=workflow.Actor.STAFF,
                    user=user,
                    reason=reason,
                    details=details,
                )
                if draft_emails and to_status in ANNOUNCED:
                    outcome.emails += bool(outbox.draft_decision_email(submission, absolute))
        except workflow.TransitionRefused as refused:
            outcome.refused.append((submission, str(refused)))
        else:
            outcome.changed.append(submission)
    return outcome
