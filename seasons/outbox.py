"""The outbox, the one e-mail pipeline: written as rows, sent after commit, retried.

`queue_email` is called inside the transaction of what caused the e-mail; the row exists
as soon as that commits, and sending happens after. If the mail server is down the
application is still saved, the e-mail is marked failed with the error, and
`manage.py send_queued_emails` sends it later: nothing is lost silently.

Every e-mail goes this way (confirmations, draft links, decision e-mails once released,
follow-up reminders) and leaves through `send_email`. With `EMAIL_SEND_AT_ONCE` it is sent
right after the commit; without, only the `mail` process sends it. `EMAIL_TIMEOUT` bounds
each exchange with the mail server, so a server that hangs costs a request seconds, not
its worker. Private links are stored as placeholders and built here (`private_links`).

Decision e-mails are drafted here too (`draft_decision_email`, from the editable
`DecisionEmailTemplate`s, first `DEFAULT_DECISION_EMAILS`; a refusal's feedback fills
`${feedback}`, `redraft_feedback` follows later changes) until released (`release_emails`).
"""

import datetime
import logging
import re
from string import Template
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accelerator.dates import format_moment

from . import private_links
from .default_decision_emails import DEFAULT_DECISION_EMAILS  # noqa: F401 (the migrations')
from .models import (
    AwardOffer,
    DecisionEmailTemplate,
    DecisionFeedback,
    EmailKind,
    EmailStatus,
    OfferState,
    OutboundEmail,
    Submission,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SENDABLE = [EmailStatus.QUEUED, EmailStatus.FAILED]


def due():
    """What a sender may send now: not held for a later release date (`send_after`)."""
    return Q(send_after__isnull=True) | Q(send_after__lte=timezone.now())


def render_email(template, context, language):
    """(subject, body) from `<template>_subject.txt` and `<template>_body.txt`."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return " ".join(subject.split()), body


def queue_email(*, kind, to, template, context, language, submission=None, link_base=""):
    subject, body = render_email(template, context, language)
    return queue(
        kind=kind, to=to, subject=subject, body=body, submission=submission, link_base=link_base
    )


def queue(*, kind, to, subject, body, submission=None, link_base="", status=EmailStatus.QUEUED):
    """Store one e-mail (in the caller's transaction); a queued one is sent after the commit
    when `EMAIL_SEND_AT_ONCE` is on. `link_base` (scheme and host) starts the private links
    whose placeholders the subject or body hold."""
    email = OutboundEmail.objects.create(
        submission=submission,
        kind=kind,
        to=to,
        subject=subject,
        body=body,
        link_base=link_base,
        status=status,
    )
    if status == EmailStatus.QUEUED and settings.EMAIL_SEND_AT_ONCE:
        transaction.on_commit(lambda: send_email(email.pk))
    return email


def send_email(pk):
    """Send one queued or failed e-mail: True when it left, False when it failed (the
    failure is recorded on the row, logged, and retried by `send_queued_emails`), None
    when there was nothing to send (already sent, a draft, held until its release date,
    or taken by another sender).
    Never raises."""
    # Claim the row by bumping the attempt count it had: of two senders, one wins.
    sendable = OutboundEmail.objects.filter(due(), pk=pk, status__in=SENDABLE)
    attempts = sendable.values_list("attempts", flat=True).first()
    if attempts is None or not sendable.filter(attempts=attempts).update(attempts=attempts + 1):
        return None
    email = OutboundEmail.objects.get(pk=pk)
    try:
        EmailMessage(
            subject=resolve_links(email.subject, email.link_base),
            body=resolve_links(email.body, email.link_base),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
        ).send()
    except Exception as error:  # the mail server's failure must not lose the e-mail
        logger.exception("E-mail %s to %s failed", email.pk, email.to)
        # Conditional: a new decision may have superseded the e-mail meanwhile.
        OutboundEmail.objects.filter(pk=pk, status__in=SENDABLE).update(
            status=EmailStatus.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return False
    # A sign-in link sent is the addressee's alone: the row keeps it masked.
    OutboundEmail.objects.filter(pk=pk).update(
        status=EmailStatus.SENT,
        sent_at=timezone.now(),
        last_error="",
        body=private_links.without_sign_in_links(email.body),
    )
    return True


def send_queued_emails():
    """Send what is waiting or failed (fewer than MAX_ATTEMPTS tries) and due, oldest
    first; (sent, failed)."""
    pending = (
        OutboundEmail.objects.filter(due(), status__in=SENDABLE, attempts__lt=MAX_ATTEMPTS)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    results = [send_email(pk) for pk in list(pending)]
    return results.count(True), results.count(False)


def send_now(pks):
    """Send these e-mails now, inside the request, when `EMAIL_SEND_AT_ONCE` is on; stop at
    the first failure, so that a mail server that hangs holds the request for one timeout,
    not one per e-mail: the rest stays queued for the `mail` process. (sent, failed)."""
    results = []
    if settings.EMAIL_SEND_AT_ONCE:
        for pk in pks:
            results.append(send_email(pk))
            if results[-1] is False:
                break
    return results.count(True), results.count(False)


def resolve_links(text, link_base):
    """`text` with each placeholder replaced by the real link (`link_base` + path). A link
    to an application that no longer exists is left masked."""
    pks = {int(match.group(2)) for match in private_links.PLACEHOLDER.finditer(text)}
    if not pks:
        return text
    keys = dict(Submission.objects.filter(pk__in=pks).values_list("pk", "access_key"))

    def link(match):
        key = keys.get(int(match.group(2)))
        if key is None:
            return private_links.masked_label()
        return link_base + reverse(private_links.PAGES[match.group(1)], args=[key])

    return private_links.PLACEHOLDER.sub(link, text)


def decision_template(submission, occasion=None):
    """The editable template of the application's status, or of `occasion` (`PROMOTED`, a
    place offered from the waiting list), in its language (French when theirs has none);
    None when there is none."""
    templates = DecisionEmailTemplate.objects.filter(status=occasion or submission.status)
    return (
        templates.filter(language=submission.language).first()
        or templates.filter(language="fr").first()
    )


def feedback_entries(submission):
    """The application's feedback in the rubric's order: [(criterion title or None for
    the general remark, text)]."""
    entries = DecisionFeedback.objects.filter(submission=submission).in_rubric_order()
    return [(entry.criterion.title if entry.criterion else None, entry.text) for entry in entries]


def feedback_block(entries, language):
    """What `${feedback}` becomes: an introduction, one "criterion: text" line each and a
    blank line; nothing without feedback."""
    if not entries:
        return ""
    with translation.override(language):
        lines = [gettext("Our remarks on your application:")]
        for title, text in entries:
            label = title or gettext("General remark")
            lines.append("- " + gettext("%(label)s: %(value)s") % {"label": label, "value": text})
    return "\n".join(lines) + "\n\n"


# `$deadline` or `${deadline}`: the moment an award offer must be answered by. A decision
# drafted before the applicant is told keeps it until its release starts the offer's
# clock (`start_award_clocks` fills it in).
DEADLINE = re.compile(r"\$(?:deadline\b|\{deadline\})")


def deadline_text(deadline, language):
    """What `$deadline` becomes: "4 juillet 2030 à 11 h", in the program's time zone."""
    with translation.override(language):
        return format_moment(deadline)


def offer_deadline(submission, template):
    """The deadline of the application's award offer when its clock runs and the template
    quotes it; None otherwise (one query, only for such a template)."""
    if not DEADLINE.search(template.subject + template.body):
        return None
    return (
        AwardOffer.objects.filter(submission=submission, deadline__isnull=False)
        .values_list("deadline", flat=True)
        .first()
    )


def render_decision(submission, template, entries):
    """(subject, body) of the template for the application. `$deadline` stays as it is
    while the application's award offer has no deadline yet."""
    deadline = offer_deadline(submission, template)
    values = {
        "reference": submission.reference,
        "project": submission.display_name,
        "call": submission.call.title,
        "status_url": private_links.placeholder("status", submission),
        "contact_email": settings.CONTACT_EMAIL,
        "days": submission.call.award_acceptance_days,
        "feedback": feedback_block(entries, template.language),
    }
    if deadline is not None:
        values["deadline"] = deadline_text(deadline, template.language)
    return (
        Template(template.subject).safe_substitute(values),
        Template(template.body).safe_substitute(values),
    )


def draft_decision_email(submission, absolute=None, occasion=None, status=EmailStatus.DRAFT):
    """The outbox draft telling the applicant the decision, from the editable template of
    their language (of its status, or of `occasion`: `PROMOTED`, a place offered from the
    waiting list), with the feedback written so far (`${feedback}`): staff read in the
    outbox exactly what will leave. With `status` QUEUED it leaves without waiting for
    staff (a place passed on)."""
    if not submission.contact_email:
        return None
    template = decision_template(submission, occasion)
    if template is None:
        return None
    subject, body = render_decision(submission, template, feedback_entries(submission))
    return queue(
        submission=submission,
        kind=EmailKind.DECISION,
        to=submission.contact_email,
        subject=subject,
        body=body,
        link_base=absolute("/").rstrip("/") if absolute else "",
        status=status,
    )


def unsent_decision_emails(submission):
    """The application's decision e-mails not released yet: drafts, and those queued for
    a release date still to come."""
    held = Q(status=EmailStatus.DRAFT) | Q(status__in=SENDABLE, send_after__gt=timezone.now())
    return OutboundEmail.objects.filter(held, submission=submission, kind=EmailKind.DECISION)


class Redrafted(NamedTuple):
    updated: int  # e-mails now carrying the new feedback
    edited: int  # left alone: staff edited their text by hand


def redraft_feedback(submission, previous_entries):
    """After the feedback changed, the application's unsent decision e-mails carry the new
    one, if their text is still the one drafted from the template with the previous
    feedback; an e-mail staff edited by hand is left alone (counted in `edited`, for staff
    to update it themselves). Released e-mails never change."""
    template = decision_template(submission)
    updated = edited = 0
    if template is None:
        return Redrafted(0, 0)
    before = render_decision(submission, template, previous_entries)
    after = render_decision(submission, template, feedback_entries(submission))
    for email in unsent_decision_emails(submission):
        if (email.subject, email.body) != before:
            edited += 1
            continue
        # Conditional: a sender taking it at its release date wins.
        updated += (
            unsent_decision_emails(submission)
            .filter(pk=email.pk, subject=before[0], body=before[1])
            .update(subject=after[0], body=after[1])
        )
    return Redrafted(updated, edited)


def hold_until(emails, moment):
    """Queue the drafts among `emails` to leave at `moment` (a release date staff chose):
    no sender sends them before; the award offers they tell start at `moment`. Returns
    how many."""
    pks = list(emails.filter(status=EmailStatus.DRAFT).values_list("pk", flat=True))
    held = OutboundEmail.objects.filter(pk__in=pks).update(
        status=EmailStatus.QUEUED, send_after=moment
    )
    start_award_clocks(OutboundEmail.objects.filter(pk__in=pks), moment)
    return held


def start_award_clocks(emails, moment):
    """The award offers that these decision e-mails tell start at `moment` (when the
    applicant is told) and end the call's `award_acceptance_days` later; the e-mails'
    `$deadline` becomes that deadline. An offer whose clock runs already keeps it (an
    e-mail sent again does not give more time)."""
    decided = emails.filter(kind=EmailKind.DECISION)
    offers = AwardOffer.objects.filter(
        state=OfferState.PENDING,
        opens_at__isnull=True,
        submission__in=decided.values("submission"),
    ).select_related("submission__call")
    for offer in offers:
        offer.opens_at = moment
        days = offer.submission.call.award_acceptance_days
        offer.deadline = moment + datetime.timedelta(days=days)
        offer.save(update_fields=["opens_at", "deadline"])
        fill_deadline(decided.filter(submission=offer.submission_id), offer)


def fill_deadline(emails, offer):
    """Write the offer's deadline in place of `$deadline` in these (unsent) e-mails, in the
    language of the application's template."""
    template = decision_template(offer.submission)
    text = deadline_text(offer.deadline, template.language if template else "fr")
    for email in emails.exclude(status=EmailStatus.SENT):
        subject, body = (DEADLINE.sub(text, value) for value in (email.subject, email.body))
        if (subject, body) != (email.subject, email.body):
            OutboundEmail.objects.filter(pk=email.pk).update(subject=subject, body=body)


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
        start_award_clocks(OutboundEmail.objects.filter(pk__in=pks), timezone.now())
    pks = list(
        OutboundEmail.objects.filter(pk__in=pks, status__in=SENDABLE)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    sent, failed = send_now(pks)
    return Released(sent, failed, len(pks) - sent - failed)
