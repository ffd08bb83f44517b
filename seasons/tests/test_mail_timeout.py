"""A mail server that hangs costs a request one timeout, never its worker, and every e-mail
goes through the outbox and the same sender (issue 12, point 8). The server here is real:
a socket on 127.0.0.1 that accepts connections and never answers."""

import socket
import threading
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import EmailKind, EmailStatus, OutboundEmail, Submission, SubmissionStatus
from seasons.outbox import send_queued_emails
from seasons.selection import decisions
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import SubmissionFactory

from .application_helpers import apply_url, complete_answers, complete_files, open_call, start

pytestmark = pytest.mark.django_db

S = SubmissionStatus
TIMEOUT = 1  # seconds; the default (10) would make these tests slow
HANGUP = "SMTPServerDisconnected: Connection unexpectedly closed: timed out"


@pytest.fixture
def hanging_mail_server(settings):
    """An SMTP server that accepts each connection and never says a word."""
    # The project bounds every SMTP exchange by default; the tests only shorten it.
    assert settings.EMAIL_TIMEOUT == 10
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop, connections = threading.Event(), []

    def accept():
        while not stop.is_set():
            try:
                connections.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = TIMEOUT
    yield connections
    stop.set()
    thread.join()
    for connection in connections:
        connection.close()
    listener.close()


def server_is_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_application_is_confirmed_within_the_timeout_when_the_mail_server_hangs(
    client, post, hanging_mail_server, settings
):
    call = open_call()
    stamp = start(client, call)
    began = time.monotonic()
    response = post(apply_url(call), stamp, "send", complete_answers(), complete_files())
    elapsed = time.monotonic() - began
    submission = Submission.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        f"/candidatures/{submission.access_key}/envoyee/",
    )
    assert TIMEOUT <= elapsed < TIMEOUT + 5
    assert len(hanging_mail_server) == 1
    email = OutboundEmail.objects.get()
    assert (email.kind, email.status, email.attempts, email.last_error) == (
        EmailKind.CONFIRMATION,
        EmailStatus.FAILED,
        1,
        HANGUP,
    )
    # The page answered; the applicant need not apply again. The mail process sends it.
    page = client.get(response["Location"])
    assert submission.reference in page.content.decode()
    server_is_back(settings)
    assert send_queued_emails() == (1, 0)
    assert OutboundEmail.objects.get().status == EmailStatus.SENT
    assert [message.to for message in mail.outbox] == [["contact@asso-exemple.org"]]
    assert f"http://testserver/candidatures/{submission.access_key}/" in mail.outbox[0].body


def test_mail_process_fails_each_email_within_the_timeout_when_the_server_hangs(
    hanging_mail_server,
):
    SubmissionFactory.create_batch(2, status=S.IN_REVIEW)
    for submission in Submission.objects.all():
        OutboundEmail.objects.create(
            submission=submission, kind=EmailKind.CONFIRMATION, to="a@example.org", subject="s"
        )
    began = time.monotonic()
    assert send_queued_emails() == (0, 2)
    assert time.monotonic() - began < 2 * TIMEOUT + 5
    assert set(OutboundEmail.objects.values_list("status", "last_error")) == {
        (EmailStatus.FAILED, HANGUP)
    }


@pytest.fixture
def manager(client):
    user = User.objects.create_user("responsable", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    login_staff(client, user)
    return user


def release_in_the_admin(client):
    return client.post(
        reverse("admin:seasons_outboundemail_changelist"),
        {
            "action": "send_selected",
            "_selected_action": list(OutboundEmail.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )


def test_released_decisions_stop_at_the_first_failure_when_the_server_hangs(
    client, manager, hanging_mail_server, settings
):
    submissions = SubmissionFactory.create_batch(3, status=S.SHORTLISTED)
    decisions.decide(submissions, S.WAITLISTED, user=manager)
    began = time.monotonic()
    page = release_in_the_admin(client)
    assert time.monotonic() - began < TIMEOUT + 5
    assert (
        "0 envoyé(s), 1 en échec. 2 en attente : le processus d’envoi les envoie dans la minute."
        in page.content.decode()
    )
    assert sorted(OutboundEmail.objects.values_list("status", flat=True)) == [
        EmailStatus.FAILED,
        EmailStatus.QUEUED,
        EmailStatus.QUEUED,
    ]
    server_is_back(settings)
    assert send_queued_emails() == (3, 0)
    assert len(mail.outbox) == 3


def test_released_decisions_wait_for_the_mail_process_when_not_sent_at_once(
    client, manager, settings
):
    settings.EMAIL_SEND_AT_ONCE = False
    submissions = SubmissionFactory.create_batch(2, status=S.SHORTLISTED)
    decisions.decide(submissions, S.WAITLISTED, user=manager)
    page = release_in_the_admin(client)
    assert mail.outbox == []
    assert "0 envoyé(s), 0 en échec. 2 en attente" in page.content.decode()
    assert list(OutboundEmail.objects.values_list("status", flat=True)) == [EmailStatus.QUEUED] * 2
    assert send_queued_emails() == (2, 0)
    assert len(mail.outbox) == 2
