"""No staff screen shows an applicant's private link: e-mails store placeholders, and only
the e-mail that leaves holds the real link (issue 12, point 2)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons import outbox
from seasons.applying import services
from seasons.models import EmailKind, EmailStatus, OutboundEmail, Submission, SubmissionStatus
from seasons.outbox import send_queued_emails
from seasons.selection import decisions
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER
from seasons.tests.factories import SubmissionFactory

from .application_helpers import send_complete_application

pytestmark = pytest.mark.django_db

S = SubmissionStatus


def absolute(path):
    return f"http://testserver{path}"


@pytest.fixture
def emails(client, post, django_capture_on_commit_callbacks, settings):
    """Every kind of e-mail that carries a private link, none sent yet."""
    settings.EMAIL_SEND_AT_ONCE = False
    send_complete_application(client, post)
    sent = Submission.objects.get()
    draft = SubmissionFactory(status=S.DRAFT, contact_email="brouillon@example.org")
    services.send_draft_link(draft, absolute)
    services.send_links_again("contact@asso-exemple.org", absolute)
    decided = SubmissionFactory(status=S.IN_REVIEW, contact_email="decision@example.org")
    manager = User.objects.create_user("decideur", is_staff=True)
    manager.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    decisions.decide([decided], S.SHORTLISTED, user=manager, absolute=absolute)
    assert sorted(OutboundEmail.objects.values_list("kind", flat=True)) == sorted(
        [EmailKind.CONFIRMATION, EmailKind.DRAFT_LINK, EmailKind.LINKS, EmailKind.DECISION]
    )
    return [sent, draft, decided]


def staff(client, group):
    user = User.objects.create_user(f"staff-{group}", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    login_staff(client, user)
    return user


def outbox_pages(client):
    """Every staff page about the outbox: list, each e-mail, its history, and the
    applications' pages that list their e-mails."""
    pages = {"list": client.get(reverse("admin:seasons_outboundemail_changelist"))}
    for email in OutboundEmail.objects.all():
        for view in ("change", "history"):
            url = reverse(f"admin:seasons_outboundemail_{view}", args=[email.pk])
            pages[f"{view} {email.kind}"] = client.get(url)
    for submission in Submission.objects.all():
        url = reverse("admin:seasons_submission_change", args=[submission.pk])
        pages[f"application {submission.pk}"] = client.get(url)
    return {name: (page.status_code, page.content.decode()) for name, page in pages.items()}


@pytest.mark.parametrize("group", [OBSERVER, PROGRAM_MANAGER])
def test_outbox_pages_never_show_a_private_key_to_staff(client, emails, group):
    staff(client, group)
    pages = outbox_pages(client)
    assert {name: status for name, (status, _html) in pages.items()} == dict.fromkeys(pages, 200)
    for submission in emails:
        for name, (_status, html) in pages.items():
            assert submission.access_key not in html, name
    for kind in [EmailKind.CONFIRMATION, EmailKind.DRAFT_LINK, EmailKind.LINKS]:
        assert "[lien privé]" in pages[f"change {kind}"][1]
    # The decision draft is editable by the manager, readable by the observer: masked both.
    assert "[lien privé]" in pages[f"change {EmailKind.DECISION}"][1]


def test_rows_never_hold_a_private_key(emails):
    keys = [submission.access_key for submission in emails]
    for email in OutboundEmail.objects.all():
        for key in keys:
            assert key not in email.subject + email.body + email.link_base
        assert email.link_base == "http://testserver"


def test_sent_emails_hold_working_private_links(client, emails, settings):
    sent, draft, decided = emails
    settings.EMAIL_SEND_AT_ONCE = True
    drafts = OutboundEmail.objects.filter(status=EmailStatus.DRAFT)
    assert outbox.release_emails(drafts) == (1, 0, 0)
    assert send_queued_emails() == (3, 0)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    status = f"http://testserver/candidatures/{sent.access_key}/"
    assert status in bodies["contact@asso-exemple.org"]
    assert (
        f"http://testserver/candidatures/{draft.access_key}/modifier/"
        in (bodies["brouillon@example.org"])
    )
    assert (
        f"http://testserver/candidatures/{decided.access_key}/" in (bodies["decision@example.org"])
    )
    assert "[lien privé]" not in "".join(bodies.values())
    page = client.get(status.removeprefix("http://testserver"))
    assert sent.reference in page.content.decode()


def test_manager_edits_a_masked_draft_and_the_sent_email_keeps_the_link(client, emails, settings):
    _sent, _draft, decided = emails
    settings.EMAIL_SEND_AT_ONCE = True
    staff(client, PROGRAM_MANAGER)
    email = OutboundEmail.objects.get(kind=EmailKind.DECISION)
    url = reverse("admin:seasons_outboundemail_change", args=[email.pk])
    form = client.get(url).content.decode()
    assert "Suivre votre candidature : [lien privé]" in form
    client.post(url, {"subject": "Objet revu", "body": "Texte revu.\nVotre page : [lien privé]"})
    email.refresh_from_db()
    assert email.body == f"Texte revu.\nVotre page : [[private-link:status:{decided.pk}]]"
    history = client.get(reverse("admin:seasons_outboundemail_history", args=[email.pk]))
    assert decided.access_key not in history.content.decode()
    client.post(
        reverse("admin:seasons_outboundemail_changelist"),
        {"action": "send_selected", "_selected_action": [email.pk]},
    )
    assert [(m.subject, m.body) for m in mail.outbox] == [
        (
            "Objet revu",
            f"Texte revu.\nVotre page : http://testserver/candidatures/{decided.access_key}/",
        )
    ]


def test_migration_masks_the_private_links_already_stored():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("seasons.migrations.0012_outbound_email_links_superseded_reminders")
    sent = SubmissionFactory(status=S.SUBMITTED)
    draft = SubmissionFactory(status=S.DRAFT)
    gone = "A" * 43
    stored = OutboundEmail.objects.create(
        kind=EmailKind.LINKS,
        to="a@example.org",
        subject="Vos liens",
        body=(
            f"Suivre : https://aic.example.org/candidatures/{sent.access_key}/\n"
            f"Reprendre : https://aic.example.org/candidatures/{draft.access_key}/modifier/\n"
            f"Ancienne : https://aic.example.org/candidatures/{gone}/\n"
        ),
    )
    migration.mask_stored_links(apps, None)
    stored.refresh_from_db()
    assert (stored.link_base, stored.body) == (
        "https://aic.example.org",
        f"Suivre : [[private-link:status:{sent.pk}]]\n"
        f"Reprendre : [[private-link:edit:{draft.pk}]]\n"
        "Ancienne : [private link]\n",
    )
    assert send_queued_emails() == (1, 0)
    assert mail.outbox[0].body == (
        f"Suivre : https://aic.example.org/candidatures/{sent.access_key}/\n"
        f"Reprendre : https://aic.example.org/candidatures/{draft.access_key}/modifier/\n"
        "Ancienne : [private link]\n"
    )


def test_observer_cannot_send_emails_from_the_outbox(client, emails):
    staff(client, OBSERVER)
    drafts = list(OutboundEmail.objects.values_list("pk", flat=True))
    page = client.get(reverse("admin:seasons_outboundemail_changelist"))
    assert "send_selected" not in page.content.decode()
    client.post(
        reverse("admin:seasons_outboundemail_changelist"),
        {"action": "send_selected", "_selected_action": drafts},
    )
    assert mail.outbox == []
    assert OutboundEmail.objects.get(kind=EmailKind.DECISION).status == EmailStatus.DRAFT
