"""`send_followup_reminders`: who gets what, and a second run the same day sends nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from laureates.models import MilestoneReminder, MilestoneStatus
from laureates.reminders import send_followup_reminders
from laureates.tests.factories import LaureateFactory, MilestoneFactory, StaffUserFactory
from seasons.models import EmailKind, EmailStatus, OutboundEmail
from seasons.outbox import send_queued_emails

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 3, 10)


@pytest.fixture
def remind(daily_run):
    # The outbox is kept from run to run: a test counts what two runs sent together.
    return daily_run(send_followup_reminders, fresh_outbox=False)


@pytest.fixture
def owners():
    alice = StaffUserFactory(username="alice", first_name="Alice", last_name="Martin")
    bob = StaffUserFactory(username="bob", first_name="Bob", last_name="Durand")
    umap = LaureateFactory(name="uMap")
    pyronear = LaureateFactory(name="Pyronear")
    MilestoneFactory(laureate=umap, owner=alice, title="Revue à 6 mois", due_on=dt.date(2024, 3, 1))
    MilestoneFactory(laureate=umap, owner=alice, title="Feuille de route", due_on=TODAY)
    MilestoneFactory(laureate=pyronear, owner=bob, title="Audit", due_on=dt.date(2024, 3, 17))
    # Not reminded: 8 days away, done, cancelled, without owner.
    MilestoneFactory(laureate=pyronear, owner=bob, title="Plus tard", due_on=dt.date(2024, 3, 18))
    MilestoneFactory(laureate=pyronear, owner=bob, title="Déjà fait", due_on=dt.date(2024, 3, 1),
                     status=MilestoneStatus.DONE, completed_on=dt.date(2024, 3, 2))  # fmt: skip
    MilestoneFactory(laureate=pyronear, owner=bob, title="Annulé", due_on=dt.date(2024, 3, 1),
                     status=MilestoneStatus.CANCELLED)  # fmt: skip
    MilestoneFactory(laureate=pyronear, title="Sans responsable", due_on=dt.date(2024, 3, 1))
    return alice, bob


def test_reminders_one_email_per_owner_with_overdue_and_due_soon(owners, remind):
    summary = remind(TODAY)
    assert (summary.emails, summary.milestones, summary.overdue, summary.due_soon) == (2, 3, 1, 2)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == ["alice@example.org", "bob@example.org"]
    alice = by_recipient["alice@example.org"]
    assert alice.subject == "Suivi : 2 jalon(s) à regarder"
    assert alice.body == (
        "Bonjour Alice Martin,\n\n"
        "En retard :\n"
        "- uMap — Revue à 6 mois (méthodologique, échéance le 01/03/2024)\n\n"
        "À échéance dans les 7 jours :\n"
        "- uMap — Feuille de route (méthodologique, échéance le 10/03/2024)\n\n"
        "— Accélérateur d’initiatives citoyennes\n"
    )
    assert "Audit" in by_recipient["bob@example.org"].body
    assert "Plus tard" not in by_recipient["bob@example.org"].body


def test_reminders_second_run_the_same_day_sends_nothing(owners, remind):
    remind(TODAY)
    mail.outbox.clear()
    summary = remind(TODAY)
    assert (summary.emails, summary.milestones, summary.already_sent) == (0, 0, 3)
    assert mail.outbox == []
    assert MilestoneReminder.objects.count() == 3


def test_reminders_next_day_remind_again_what_is_still_open(owners, remind):
    remind(TODAY)
    mail.outbox.clear()
    summary = remind(TODAY + dt.timedelta(days=1))
    # The 18 March step now falls within 7 days.
    assert (summary.emails, summary.milestones) == (2, 4)


def test_reminders_skip_owner_without_email(owners, remind):
    alice, _ = owners
    alice.email = ""
    alice.save()
    summary = remind(TODAY)
    assert (summary.emails, summary.without_email) == (1, 2)
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]


def test_failed_reminder_email_is_kept_and_sent_later_by_the_mail_process(owners, remind, settings):
    settings.EMAIL_BACKEND = "laureates.tests.failing_email.Backend"
    summary = remind(TODAY)
    assert (summary.emails, summary.milestones) == (2, 3)
    assert mail.outbox == []
    assert sorted(OutboundEmail.objects.values_list("kind", "to", "status", "attempts")) == [
        (EmailKind.REMINDER, "alice@example.org", EmailStatus.FAILED, 1),
        (EmailKind.REMINDER, "bob@example.org", EmailStatus.FAILED, 1),
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_queued_emails() == (2, 0)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
    ]
    assert mail.outbox[0].subject.startswith("Suivi : ")


def test_reminders_go_through_the_outbox_and_a_second_run_queues_nothing_new(
    owners, remind, settings
):
    settings.EMAIL_SEND_AT_ONCE = False
    remind(TODAY)
    assert mail.outbox == []
    rows = OutboundEmail.objects.order_by("to")
    assert [(e.kind, e.to, e.status, e.subject) for e in rows] == [
        (
            EmailKind.REMINDER,
            "alice@example.org",
            EmailStatus.QUEUED,
            "Suivi : 2 jalon(s) à regarder",
        ),
        (
            EmailKind.REMINDER,
            "bob@example.org",
            EmailStatus.QUEUED,
            "Suivi : 1 jalon(s) à regarder",
        ),
    ]
    assert send_queued_emails() == (2, 0)
    summary = remind(TODAY)
    assert (summary.emails, summary.already_sent) == (0, 3)
    assert OutboundEmail.objects.count() == 2
    assert send_queued_emails() == (0, 0)
    assert len(mail.outbox) == 2


def test_command_prints_summary_and_second_run_sends_zero(
    owners, django_capture_on_commit_callbacks
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_followup_reminders", today="2024-03-10", stdout=out)
        call_command("send_followup_reminders", today="2024-03-10", stdout=out)
    assert out.getvalue().splitlines() == [
        "Rappels de suivi : 2 e-mail(s) envoyé(s) pour 3 jalon(s) (1 en retard, 2 à échéance "
        "dans les 7 jours) ; 0 déjà rappelé(s) aujourd’hui ; 0 sans adresse e-mail du "
        "responsable.",
        "Rappels de suivi : 0 e-mail(s) envoyé(s) pour 0 jalon(s) (0 en retard, 0 à échéance "
        "dans les 7 jours) ; 3 déjà rappelé(s) aujourd’hui ; 0 sans adresse e-mail du "
        "responsable.",
    ]
    assert len(mail.outbox) == 2
