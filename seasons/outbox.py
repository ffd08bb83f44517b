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
`DecisionEmailTemplate`, whose first versions are `DEFAULT_DECISION_EMAILS`), and wait
as drafts until staff release them (`release_emails`).
"""

import logging
from string import Template
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import private_links
from .models import DecisionEmailTemplate, EmailKind, EmailStatus, OutboundEmail, Submission

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
    OutboundEmail.objects.filter(pk=pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
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
    return queue(
        submission=submission,
        kind=EmailKind.DECISION,
        to=submission.contact_email,
        subject=Template(template.subject).safe_substitute(values),
        body=Template(template.body).safe_substitute(values),
        link_base=absolute("/").rstrip("/") if absolute else "",
        status=EmailStatus.DRAFT,
    )


def hold_until(emails, moment):
    """Queue the drafts among `emails` to leave at `moment` (a release date staff chose):
    no sender sends them before. Returns how many."""
    return emails.filter(status=EmailStatus.DRAFT).update(
        status=EmailStatus.QUEUED, send_after=moment
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
        OutboundEmail.objects.filter(pk__in=pks, status__in=SENDABLE)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    sent, failed = send_now(pks)
    return Released(sent, failed, len(pks) - sent - failed)


# The default decision e-mails, in French and English; staff edit them in the admin.
DEFAULT_DECISION_EMAILS = {
    ("shortlisted", "fr"): (
        "Votre candidature $reference est présélectionnée",
        "Bonjour,\n\nVotre candidature $reference ($project) à « $call » est présélectionnée. "
        "L’équipe du programme vous contactera pour la suite de la sélection.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("shortlisted", "en"): (
        "Your application $reference is shortlisted",
        "Hello,\n\nYour application $reference ($project) to “$call” is shortlisted. "
        "The program team will contact you for the next steps.\n\n"
        "Follow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("selected", "fr"): (
        "Votre candidature $reference est retenue",
        "Bonjour,\n\nNous avons le plaisir de vous annoncer que votre candidature $reference "
        "($project) à « $call » est retenue. L’équipe du programme vous contactera très vite "
        "pour préparer l’accompagnement.\n\nSuivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("selected", "en"): (
        "Your application $reference is selected",
        "Hello,\n\nWe are glad to tell you that your application $reference ($project) to "
        "“$call” is selected. The program team will contact you very soon to prepare the "
        "support.\n\nFollow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("waitlisted", "fr"): (
        "Votre candidature $reference est sur liste d’attente",
        "Bonjour,\n\nVotre candidature $reference ($project) à « $call » est placée sur liste "
        "d’attente. Nous vous écrirons dès qu’une place se libère.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("waitlisted", "en"): (
        "Your application $reference is on the waiting list",
        "Hello,\n\nYour application $reference ($project) to “$call” is on the waiting list. "
        "We will write to you as soon as a place opens.\n\n"
        "Follow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("rejected", "fr"): (
        "Votre candidature $reference n’est pas retenue",
        "Bonjour,\n\nNous vous remercions pour votre candidature $reference ($project) à "
        "« $call ». Elle n’est pas retenue cette fois-ci. Merci pour votre engagement : nous "
        "vous encourageons à candidater de nouveau lors d’un prochain appel.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("rejected", "en"): (
        "Your application $reference is not selected",
        "Hello,\n\nThank you for your application $reference ($project) to “$call”. It is not "
        "selected this time. Thank you for your commitment: we encourage you to apply again "
        "to a future call.\n\nFollow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
}
