"""Reminders about the reports: before and after each report's due date, while the team
has not sent it (or not sent it again after staff asked for changes), once each, to its
active members and to the follow-up lead, through the outbox, in French."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laureates import reports
from laureates.models import ReportReminder, ReportStatus, TeamReminderKind
from laureates.space.report_reminders import (
    remind_report,
    report_reminders_due,
    send_report_reminders,
)
from laureates.tests.factories import FollowupLeadFactory, ReportFactory, TeamMemberFactory
from laureates.tests.team_helpers import SITE, closed_support, sent, umap_team
from laureates.tests.test_reports import six_month_report
from seasons.models import EmailKind, OutboundEmail
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 11, 10)
DUE = "« Revue à 6 mois » de uMap est à rendre le 15/11/2023"
OVERDUE = "« Revue à 6 mois » de uMap : son échéance (15/11/2023) est passée"
CHANGES = "« Revue à 6 mois » de uMap : des modifications à faire, puis à envoyer de nouveau"


@pytest.fixture
def remind(daily_run):
    return daily_run(send_report_reminders, SITE)


@pytest.fixture
def report():
    """uMap's 6-month review, due on 15/11/2023, two active members, one revoked, a lead."""
    lead = FollowupLeadFactory(
        username="dominique", email="dominique@example.org", first_name="Dominique",
        last_name="Suivi",
    )  # fmt: skip
    umap, _alice, _bob = umap_team(followup_lead=lead)
    # Never reminded: a report not due within 7 days, an accepted one, a closed support's.
    ReportFactory(laureate=umap, kind="final", due_on=dt.date(2024, 5, 14))
    ReportFactory(laureate=closed_support(dt.date(2023, 11, 1)), due_on=dt.date(2023, 11, 1))
    accepted = TeamMemberFactory(laureate__name="Accepté", email="accepte@example.org").laureate
    ReportFactory(
        laureate=accepted, status=ReportStatus.ACCEPTED, sent_at=timezone.now(),
        accepted_at=timezone.now(),
    )  # fmt: skip
    return ReportFactory(laureate=umap, due_on=dt.date(2023, 11, 15))


def test_before_the_due_date_each_member_and_the_lead_get_one_email(report, remind):
    summary = remind(TODAY)
    assert (summary.emails, summary.due_soon, summary.overdue, summary.already_sent) == (3, 3, 0, 0)
    assert sent(mail.outbox) == [
        ("alice@example.org", DUE),
        ("bob@example.org", DUE),
        ("dominique@example.org", DUE),
    ]
    assert set(OutboundEmail.objects.values_list("kind", flat=True)) == {EmailKind.REMINDER}
    assert ReportReminder.objects.count() == 3


def test_the_emails_are_in_french_with_the_link_to_the_report(report, remind):
    remind(TODAY)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert bodies["bob@example.org"] == (
        "Bonjour Bob Durand,\n\n"
        "« Revue à 6 mois » de uMap est à rendre le 15 novembre 2023, dans 5 jours.\n\n"
        "Rédigez-le et envoyez-le dans votre espace :\n\n"
        f"{SITE}/espace-laureat/rapports/{report.pk}/\n\n"
        "Si vous n’êtes pas connecté, l’espace vous demande votre adresse électronique et "
        f"vous envoie un lien de connexion : {SITE}/espace-laureat/connexion/\n\n"
        "Ce message est automatique. Pour toute question, écrivez à "
        f"{settings.CONTACT_EMAIL}.\n\n"
        "— Accélérateur d’initiatives citoyennes\n"
    )
    assert bodies["dominique@example.org"].startswith(
        "Bonjour Dominique Suivi,\n\n"
        "« Revue à 6 mois » de uMap est à rendre le 15 novembre 2023, dans 5 jours.\n\n"
        "Vous suivez ce lauréat ; son équipe a reçu ce rappel elle aussi. La page du rapport :"
        f"\n\n{SITE}/admin/laureates/report/{report.pk}/change/\n\n"
    )


def test_a_second_run_sends_nothing_then_the_overdue_one_leaves_once(report, remind):
    remind(TODAY)
    again = remind(TODAY)
    assert (again.emails, again.already_sent, mail.outbox) == (0, 3, [])
    later = remind(dt.date(2023, 11, 16))
    assert (later.emails, later.overdue, later.already_sent) == (3, 3, 0)
    assert sent(mail.outbox) == [
        ("alice@example.org", OVERDUE),
        ("bob@example.org", OVERDUE),
        ("dominique@example.org", OVERDUE),
    ]
    assert "était à rendre le 15 novembre 2023 et n’est pas encore envoyé." in mail.outbox[0].body
    assert remind(dt.date(2023, 11, 30)).emails == 0
    assert OutboundEmail.objects.count() == 6


def test_a_sent_report_is_not_reminded_until_sent_back_for_changes(remind):
    member, report = six_month_report()
    lead = FollowupLeadFactory(email="lead@example.org")
    report.laureate.followup_lead = lead
    report.laureate.save()
    reports.send(report, member, {"bilan": "Tout avance.", "usagers": "1200"},
                 reports.questions_of(report))  # fmt: skip
    day = report.due_on - dt.timedelta(days=3)
    assert remind(day).emails == 0
    reports.request_changes(report, member_of(PROGRAM_MANAGER, "responsable"), {"bilan": "Plus."})
    summary = remind(day)
    assert (summary.emails, sent(mail.outbox)) == (
        2, [("lead@example.org", CHANGES), (member.email, CHANGES)]
    )  # fmt: skip
    assert "Le programme a demandé des modifications sur certaines réponses" in mail.outbox[0].body
    assert list(ReportReminder.objects.values_list("round", flat=True)) == [1, 1]
    assert remind(day).emails == 0


def test_a_report_due_today_and_a_lead_without_email(report, remind):
    report.laureate.followup_lead.email = ""
    report.laureate.followup_lead.save()
    report.due_on = TODAY
    report.save()
    remind(TODAY)
    assert [m.to[0] for m in mail.outbox] == ["alice@example.org", "bob@example.org"]
    assert "« Revue à 6 mois » de uMap est à rendre aujourd’hui.\n" in mail.outbox[0].body


def test_a_reminder_another_run_recorded_first_is_not_queued(report):
    alice = report.laureate.members.get(name="Alice Martin")
    ReportReminder.objects.create(report=report, round=0, kind="due_soon", member=alice)
    report.round = 0
    assert remind_report(report, TeamReminderKind.DUE_SOON, alice, None, TODAY, SITE) is False
    assert (OutboundEmail.objects.count(), ReportReminder.objects.count()) == (0, 1)


def test_the_database_keeps_one_recipient_and_one_reminder_each(report):
    lead = report.laureate.followup_lead
    alice = report.laureate.members.get(name="Alice Martin")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportReminder.objects.create(report=report, round=0, kind="overdue")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportReminder.objects.create(
            report=report, round=0, kind="overdue", member=alice, lead=lead
        )
    ReportReminder.objects.create(report=report, round=0, kind="overdue", lead=lead)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportReminder.objects.create(report=report, round=0, kind="overdue", lead=lead)
    assert str(ReportReminder.objects.get()) == f"{report} → {lead} (échéance passée)"


def test_the_command_counts_steps_and_reports_in_one_line(report):
    out = StringIO()
    call_command("send_team_reminders", "--today", "2023-11-10", "--site-url", SITE, stdout=out)
    assert out.getvalue() == (
        "Rappels aux équipes : 3 courriel(s) envoyé(s) (3 avant une échéance, 0 après) ; "
        "0 déjà envoyé(s).\n"
    )


@pytest.mark.parametrize("count", [1, 20])
def test_a_run_takes_three_queries_to_find_its_reminders_with_1_or_20_reports(count):
    """The reports with their laureates and leads, the members, the reminders sent."""
    for _number in range(count):
        laureate = TeamMemberFactory(laureate__followup_lead=FollowupLeadFactory()).laureate
        ReportFactory(laureate=laureate, due_on=dt.date(2023, 11, 12))
    with CaptureQueriesContext(connection) as queries:
        due, _already = report_reminders_due(TODAY)
    assert (len(queries), len(due)) == (3, 2 * count)
    assert send_report_reminders(TODAY, SITE).emails == 2 * count
    # A second run finds everything sent: the same three queries, and nothing written.
    with CaptureQueriesContext(connection) as queries:
        again = send_report_reminders(TODAY, SITE)
    assert (len(queries), again.emails, again.already_sent) == (3, 0, 2 * count)
