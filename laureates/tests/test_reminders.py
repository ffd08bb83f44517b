"""`send_followup_reminders`: who gets what, and a second run the same day sends nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from laureates.models import MilestoneReminder, MilestoneStatus
from laureates.reminders import send_followup_reminders
from laureates.tests.factories import LaureateFactory, MilestoneFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 3, 10)


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
    MilestoneFactory(
        laureate=pyronear,
        owner=bob,
        title="Déjà fait",
        due_on=dt.date(2024, 3, 1),
        status=MilestoneStatus.DONE,
        completed_on=dt.date(2024, 3, 2),
    )
    MilestoneFactory(
        laureate=pyronear,
        owner=bob,
        title="Annulé",
        due_on=dt.date(2024, 3, 1),
        status=MilestoneStatus.CANCELLED,
    )
    MilestoneFactory(laureate=pyronear, title="Sans responsable", due_on=dt.date(2024, 3, 1))
    return alice, bob


def test_reminders_one_email_per_owner_with_overdue_and_due_soon(owners):
    summary = send_followup_reminders(TODAY)
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


def test_reminders_second_run_the_same_day_sends_nothing(owners):
    send_followup_reminders(TODAY)
    mail.outbox.clear()
    summary = send_followup_reminders(TODAY)
    assert (summary.emails, summary.milestones, summary.already_sent) == (0, 0, 3)
    assert mail.outbox == []
    assert MilestoneReminder.objects.count() == 3


def test_reminders_next_day_remind_again_what_is_still_open(owners):
    send_followup_reminders(TODAY)
    mail.outbox.clear()
    summary = send_followup_reminders(TODAY + dt.timedelta(days=1))
    # The 18 March step now falls within 7 days.
    assert (summary.emails, summary.milestones) == (2, 4)


def test_reminders_skip_owner_without_email(owners):
    alice, _ = owners
    alice.email = ""
    alice.save()
    summary = send_followup_reminders(TODAY)
    assert (summary.emails, summary.without_email) == (1, 2)
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]


def test_failed_email_records_nothing_so_the_next_run_retries(owners, settings):
    settings.EMAIL_BACKEND = "laureates.tests.failing_email.Backend"
    with pytest.raises(ConnectionError):
        send_followup_reminders(TODAY)
    assert MilestoneReminder.objects.count() == 0


def test_command_prints_summary_and_second_run_sends_zero(owners):
    out = StringIO()
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
