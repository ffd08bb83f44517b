"""With EMAIL_SEND_AT_ONCE off, a request only stores its e-mails; the mail process sends."""

import pytest
from django.core import mail
from django.core.management import call_command

from seasons.models import EmailStatus, OutboundEmail, Submission, SubmissionStatus

from .application_helpers import send_complete_application

pytestmark = pytest.mark.django_db


def test_application_sent_stores_its_email_without_sending_it(client, post, settings):
    settings.EMAIL_SEND_AT_ONCE = False
    response = send_complete_application(client, post)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.SUBMITTED
    assert mail.outbox == []
    assert list(OutboundEmail.objects.values_list("to", "status")) == [
        ("contact@asso-exemple.org", EmailStatus.QUEUED)
    ]


def test_mail_process_sends_what_the_requests_stored(client, post, settings, capsys):
    settings.EMAIL_SEND_AT_ONCE = False
    send_complete_application(client, post)
    call_command("send_queued_emails")
    assert capsys.readouterr().out == "1 sent, 0 failed\n"
    assert [message.to for message in mail.outbox] == [["contact@asso-exemple.org"]]
    assert OutboundEmail.objects.get().status == EmailStatus.SENT
