"""Staff decisions on many applications at once, and the decision e-mails they draft.

A decision changes each application's status through `selection.change_status`; the
e-mails are drafted in the outbox, never sent here: staff read them, edit them if they
wish, and release them (`release_emails`), so nobody e-mails 200 applicants by accident.
Released e-mails leave like every other one (`mail.send_email`, honouring
`EMAIL_SEND_AT_ONCE`). A new decision supersedes the unsent e-mail of an earlier one
(`selection.change_status`), so each applicant receives only the current decision.
"""

from dataclasses import dataclass, field
from string import Template
from typing import NamedTuple

from django.conf import settings
from django.db import transaction

from . import mail, private_links, selection
from .models import (
    DecisionEmailTemplate,
    EmailKind,
    EmailStatus,
    OutboundEmail,
    SubmissionStatus,
)

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
            selection.check_allowed(submission.status, to_status, selection.Actor.STAFF, user)
        except selection.TransitionRefused as reason:
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
                selection.change_status(
                    submission,
                    to_status,
                    actor=selection.Actor.STAFF,
                    user=user,
                    reason=reason,
                    details=details,
                )
                if draft_emails and to_status in ANNOUNCED:
                    outcome.emails += bool(draft_decision_email(submission, absolute))
        except selection.TransitionRefused as refused:
            outcome.refused.append((submission, str(refused)))
        else:
            outcome.changed.append(submission)
    return outcome


def draft_decision_email(submission, absolute=None):
    """The outbox draft telling the applicant the decision, from the editable template of
    their language (French when theirs has none)."""
    if not submission.contact_email:
        return None
    templates = DecisionEmailTemplate.objects.filter(status=submission.status)
    template = (
        templates.filter(language=submission.language).first()
        or templates.filter(language="fr").first()
    )
    if template is None:
        return None
    values = {
        "reference": submission.reference,
        "project": submission.display_name,
        "call": submission.call.title,
        "status_url": private_links.placeholder("status", submission),
        "contact_email": settings.CONTACT_EMAIL,
    }
    return mail.queue(
        submission=submission,
        kind=EmailKind.DECISION,
        to=submission.contact_email,
        subject=Template(template.subject).safe_substitute(values),
        body=Template(template.body).safe_substitute(values),
        link_base=absolute("/").rstrip("/") if absolute else "",
        status=EmailStatus.DRAFT,
    )


class Released(NamedTuple):
    sent: int
    failed: int
    waiting: int  # queued for the `mail` process


def release_emails(emails):
    """Queue the chosen drafts (and failed ones) for sending. Each e-mail leaves at most
    once, however often this runs. With `EMAIL_SEND_AT_ONCE` they are sent now, until the
    first failure; otherwise (and after a failure) the `mail` process sends them."""
    pks = list(emails.order_by("created_at", "pk").values_list("pk", flat=True))
    with transaction.atomic():
        OutboundEmail.objects.filter(pk__in=pks, status=EmailStatus.DRAFT).update(
            status=EmailStatus.QUEUED
        )
    pks = list(
        OutboundEmail.objects.filter(pk__in=pks, status__in=mail.SENDABLE)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    sent, failed = mail.send_now(pks)
    return Released(sent, failed, len(pks) - sent - failed)
