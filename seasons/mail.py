"""E-mails to applicants: written as rows, sent after commit, retried when they fail.

`queue_email` is called inside the transaction of what caused the e-mail; the row exists
as soon as that commits, and sending happens after. If the mail server is down the
application is still saved, the e-mail is marked failed with the error, and
`manage.py send_queued_emails` sends it later: nothing is lost silently.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def render_email(template, context, language):
    """(subject, body) from `<template>_subject.txt` and `<template>_body.txt`."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return " ".join(subject.split()), body


def queue_email(*, kind, to, template, context, language, submission=None):
    email = OutboundEmail.objects.create(
        submission=submission,
        kind=kind,
        to=to,
        **dict(zip(["subject", "body"], render_email(template, context, language), strict=True)),
    )
    if settings.EMAIL_SEND_AT_ONCE:
        transaction.on_commit(lambda: send_email(email.pk))
    return email


def send_email(pk):
    """Send one queued or failed e-mail: True when it left, False when it failed (the
    failure is recorded on the row, logged, and retried by `send_queued_emails`), None
    when there was nothing to send (already sent, a draft, or taken by another sender).
    Never raises."""
    # Claim the row by bumping the attempt count it had: of two senders, one wins.
    sendable = OutboundEmail.objects.filter(
        pk=pk, status__in=[EmailStatus.QUEUED, EmailStatus.FAILED]
    )
    attempts = sendable.values_list("attempts", flat=True).first()
    if attempts is None or not sendable.filter(attempts=attempts).update(attempts=attempts + 1):
        return None
    email = OutboundEmail.objects.get(pk=pk)
    try:
        EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.to],
        ).send()
    except Exception as error:  # the mail server's failure must not lose the e-mail
        logger.exception("E-mail %s to %s failed", email.pk, email.to)
        OutboundEmail.objects.filter(pk=pk).update(
            status=EmailStatus.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return False
    OutboundEmail.objects.filter(pk=pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def send_queued_emails():
    """Send what is waiting or failed (fewer than MAX_ATTEMPTS tries); (sent, failed)."""
    pending = OutboundEmail.objects.filter(
        status__in=[EmailStatus.QUEUED, EmailStatus.FAILED], attempts__lt=MAX_ATTEMPTS
    ).values_list("pk", flat=True)
    results = [send_email(pk) for pk in list(pending)]
    return results.count(True), results.count(False)
