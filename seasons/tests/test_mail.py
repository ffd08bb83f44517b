"""E-mails are rows first: a mail server that fails never loses an application or an e-mail."""

import smtplib

import pytest
from django.core import mail
from django.core.management import call_command

from seasons.models import EmailKind, EmailStatus, OutboundEmail, Submission, SubmissionStatus
from seasons.outbox import MAX_ATTEMPTS, send_email, send_queued_emails
from seasons.tests.factories import OutboundEmailFactory

from .application_helpers import (
    apply_url,
    open_call,
    send_complete_application,
    start,
)

pytestmark = pytest.mark.django_db


class BrokenServerBackend:
    """An e-mail backend whose server refuses the connection, as a real one down would."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenServerBackend"


def test_application_is_saved_when_the_mail_server_is_down_and_the_email_is_kept(
    client, post, mail_server_down, settings
):
    response = send_complete_application(client, post)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.SUBMITTED
    email = OutboundEmail.objects.get()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)
    assert email.last_error == "SMTPConnectError: (421, 'Service not available')"

    # The server is back: the command sends what failed, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_queued_emails() == (1, 0)
    assert send_queued_emails() == (0, 0)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 2, "")
    assert email.sent_at is not None
    assert mail.outbox[0].subject == email.subject


def test_sending_an_email_twice_sends_it_once():
    email = OutboundEmailFactory()
    assert send_email(email.pk) is True
    assert send_email(email.pk) is None
    assert len(mail.outbox) == 1


def test_drafts_written_by_staff_are_not_sent_by_the_queue():
    OutboundEmailFactory(status=EmailStatus.DRAFT)
    assert send_queued_emails() == (0, 0)
    assert mail.outbox == []


def test_an_email_that_keeps_failing_is_given_up_after_some_attempts(mail_server_down):
    email = OutboundEmailFactory()
    for _ in range(MAX_ATTEMPTS + 2):
        send_queued_emails()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)


def test_send_queued_emails_command_prints_a_summary(capsys):
    OutboundEmailFactory.create_batch(2)
    call_command("send_queued_emails")
    assert capsys.readouterr().out == "2 sent, 0 failed\n"


def test_draft_is_saved_when_the_mail_server_is_down_and_its_link_is_sent_later(
    client, post, mail_server_down, settings
):
    call = open_call()
    answers = {"contact_email": "a@example.org", "organisation_name": "Asso"}
    response = post(apply_url(call), start(client, call), "draft", answers)
    draft = Submission.objects.get()
    edit_url = f"/candidatures/{draft.access_key}/modifier/"
    assert (response.status_code, response["Location"]) == (302, edit_url)
    assert (draft.status, draft.organisation_name) == (SubmissionStatus.DRAFT, "Asso")
    email = OutboundEmail.objects.get()
    assert (email.kind, email.status, email.attempts) == (
        EmailKind.DRAFT_LINK,
        EmailStatus.FAILED,
        1,
    )
    assert email.last_error == "SMTPConnectError: (421, 'Service not available')"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_queued_emails() == (1, 0)
    assert mail.outbox[0].to == ["a@example.org"]
    assert f"http://testserver{edit_url}" in mail.outbox[0].body


def test_withdrawal_is_kept_when_the_mail_server_is_down_and_confirmed_later(
    client, post, mail_server_down, settings, django_capture_on_commit_callbacks
):
    send_complete_application(client, post)
    submission = Submission.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/candidatures/{submission.access_key}/retirer/")
    submission.refresh_from_db()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.WITHDRAWN
    assert sorted(OutboundEmail.objects.values_list("kind", "status")) == [
        (EmailKind.CONFIRMATION, EmailStatus.FAILED),
        (EmailKind.WITHDRAWAL, EmailStatus.FAILED),
    ]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_queued_emails() == (2, 0)
    assert sorted(OutboundEmail.objects.values_list("status", flat=True)) == [EmailStatus.SENT] * 2
