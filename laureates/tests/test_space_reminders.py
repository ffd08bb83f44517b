"""Reminders to the laureate's team: before and after each step's due date, once each,
to its active members only, with the link to the step in the space."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from laureates.models import MilestoneStatus, TeamReminder, UpdateStatus
from laureates.space.reminders import send_team_reminders
from laureates.tests.factories import MilestoneFactory, TeamMemberFactory, TeamUpdateFactory
from laureates.tests.space_helpers import sign_in
from laureates.tests.team_helpers import SITE, closed_support, sent, umap_team
from seasons.models import EmailKind, OutboundEmail

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 3, 10)


@pytest.fixture
def remind(daily_run):
    return daily_run(send_team_reminders, SITE)


@pytest.fixture
def team():
    umap, alice, bob = umap_team()
    steps = {
        "Revue": MilestoneFactory(laureate=umap, title="Revue", due_on=dt.date(2024, 3, 12)),
        "Diagnostic": MilestoneFactory(
            laureate=umap, title="Diagnostic", due_on=dt.date(2024, 3, 1)
        ),
    }
    # Not reminded on TODAY: 8 days away (`REMINDER_DAYS` is 7). Never: done, cancelled,
    # and asked done by the team.
    MilestoneFactory(laureate=umap, title="Plus tard", due_on=dt.date(2024, 3, 18))
    MilestoneFactory(
        laureate=umap, title="Fait", due_on=dt.date(2024, 3, 5), status=MilestoneStatus.DONE,
        completed_on=dt.date(2024, 3, 4),
    )  # fmt: skip
    MilestoneFactory(
        laureate=umap, title="Annulé", due_on=dt.date(2024, 3, 5),
        status=MilestoneStatus.CANCELLED,
    )  # fmt: skip
    asked = MilestoneFactory(laureate=umap, title="Demandé", due_on=dt.date(2024, 3, 8))
    TeamUpdateFactory(milestone=asked, author=alice, asks_done=True)
    # A closed support is not reminded either.
    closed = closed_support(dt.date(2024, 3, 1))
    MilestoneFactory(laureate=closed, title="Restée ouverte", due_on=dt.date(2024, 3, 1))
    return alice, bob, steps


def test_one_email_per_active_member_and_reminder(team, remind):
    summary = remind(TODAY)
    assert (summary.emails, summary.due_soon, summary.overdue, summary.already_sent) == (4, 2, 2, 0)
    assert sent(mail.outbox) == [
        ("alice@example.org", "« Diagnostic » : son échéance (01/03/2024) est passée"),
        ("alice@example.org", "« Revue » est à rendre le 12/03/2024"),
        ("bob@example.org", "« Diagnostic » : son échéance (01/03/2024) est passée"),
        ("bob@example.org", "« Revue » est à rendre le 12/03/2024"),
    ]
    assert set(OutboundEmail.objects.values_list("kind", flat=True)) == {EmailKind.REMINDER}
    assert TeamReminder.objects.count() == 4


def test_email_says_what_is_due_in_french_with_the_link_to_the_step(team, remind):
    _alice, _bob, steps = team
    remind(TODAY)
    bodies = {message.subject: message.body for message in mail.outbox if "bob" in message.to[0]}
    revue = steps["Revue"].pk
    assert bodies["« Revue » est à rendre le 12/03/2024"] == (
        "Bonjour Bob Durand,\n\n"
        "L’étape « Revue » de la feuille de route de uMap est à rendre le 12 mars 2024, "
        "dans 2 jours.\n\n"
        "Dites où elle en est par une mise à jour sur l’étape, et demandez qu’elle soit "
        "marquée faite quand elle l’est :\n\n"
        f"{SITE}/espace-laureat/etapes/{revue}/\n\n"
        "Si vous n’êtes pas connecté, l’espace vous demande votre adresse électronique et "
        f"vous envoie un lien de connexion : {SITE}/espace-laureat/connexion/\n\n"
        "Ce message est automatique. Pour toute question, écrivez à "
        f"{settings.CONTACT_EMAIL}.\n\n"
        "— Accélérateur d’initiatives citoyennes\n"
    )
    overdue = bodies["« Diagnostic » : son échéance (01/03/2024) est passée"]
    assert (
        "L’étape « Diagnostic » de la feuille de route de uMap était à rendre le 1 mars 2024 "
        "et n’est pas encore marquée faite."
    ) in overdue
    assert f"{SITE}/espace-laureat/etapes/{steps['Diagnostic'].pk}/" in overdue


def test_the_link_opens_the_step_or_the_sign_in_page(team, client):
    alice, _bob, steps = team
    path = f"/espace-laureat/etapes/{steps['Revue'].pk}/"
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, "/espace-laureat/connexion/")
    sign_in(client, alice)
    assert client.get(path).status_code == 200


def test_a_second_run_sends_nothing_more(team, remind):
    remind(TODAY)
    again = remind(TODAY)
    assert (again.emails, again.already_sent) == (0, 4)
    assert mail.outbox == []
    # The next day: Revue and Diagnostic are not reminded again; Plus tard comes within 7 days
    assert sent(remind(dt.date(2024, 3, 11)) and mail.outbox) == [
        ("alice@example.org", "« Plus tard » est à rendre le 18/03/2024"),
        ("bob@example.org", "« Plus tard » est à rendre le 18/03/2024"),
    ]
    assert OutboundEmail.objects.count() == 6


def test_after_the_due_date_the_second_reminder_leaves_once(team, remind):
    remind(TODAY)
    later = remind(dt.date(2024, 3, 13))
    assert (later.emails, later.overdue, later.due_soon, later.already_sent) == (4, 2, 2, 2)
    assert [m for m in sent(mail.outbox) if "Revue" in m[1]] == [
        ("alice@example.org", "« Revue » : son échéance (12/03/2024) est passée"),
        ("bob@example.org", "« Revue » : son échéance (12/03/2024) est passée"),
    ]
    remind(dt.date(2024, 3, 20))
    assert [m for m in sent(mail.outbox) if "Revue" in m[1] or "Diagnostic" in m[1]] == []


def test_no_email_to_a_revoked_member_nor_for_a_done_step(team, remind):
    alice, _bob, steps = team
    alice.revoked_at = timezone.now()
    alice.save()
    steps["Diagnostic"].status = MilestoneStatus.DONE
    steps["Diagnostic"].completed_on = TODAY
    steps["Diagnostic"].save()
    remind(TODAY)
    assert sent(mail.outbox) == [("bob@example.org", "« Revue » est à rendre le 12/03/2024")]
    assert not OutboundEmail.objects.filter(to__in=["alice@example.org", "carole@example.org"])


def test_a_step_sent_back_to_the_team_is_reminded_again(team, remind):
    """An update asking the step done but sent back leaves the next move to the team."""
    alice, _bob, _steps = team
    alice.updates.update(status=UpdateStatus.SENT_BACK, staff_comment="Il manque le compte rendu.")
    remind(TODAY)
    assert ("alice@example.org", "« Demandé » : son échéance (08/03/2024) est passée") in sent(
        mail.outbox
    )


def test_command_prints_the_summary_and_uses_the_site_url(team):
    out = StringIO()
    call_command(
        "send_team_reminders", "--today", "2024-03-10", "--site-url", f"{SITE}/", stdout=out
    )
    assert out.getvalue() == (
        "Rappels aux équipes : 4 courriel(s) envoyé(s) (2 avant une échéance, 2 après) ; "
        "0 déjà envoyé(s).\n"
    )
    assert all(f"{SITE}/espace-laureat/etapes/" in body
               for body in OutboundEmail.objects.values_list("body", flat=True))  # fmt: skip


def test_a_step_due_today_is_said_due_today(team, remind):
    _alice, _bob, steps = team
    steps["Revue"].due_on = TODAY
    steps["Revue"].save()
    remind(TODAY)
    body = next(m.body for m in mail.outbox if m.subject == "« Revue » est à rendre le 10/03/2024")
    assert "L’étape « Revue » de la feuille de route de uMap est à rendre aujourd’hui.\n" in body


def test_a_reminder_another_run_recorded_first_is_not_queued(team):
    """Two runs at once: the second's insert hits the unique constraint and queues nothing."""
    from laureates.models import TeamReminderKind
    from laureates.space.reminders import remind as remind_one

    alice, _bob, steps = team
    TeamReminder.objects.create(
        member=alice, milestone=steps["Revue"], kind=TeamReminderKind.DUE_SOON
    )
    assert remind_one(alice, steps["Revue"], TeamReminderKind.DUE_SOON, TODAY, SITE) is False
    assert OutboundEmail.objects.count() == 0
    assert TeamReminder.objects.count() == 1


def test_finding_the_reminders_takes_three_queries_with_2_or_51_steps(team):
    """The steps, their teams' active members, the reminders already sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laureates.space.reminders import reminders_due

    with CaptureQueriesContext(connection) as queries:
        due, _already = reminders_due(TODAY)
    assert (len(queries), len(due)) == (3, 4)
    for _number in range(49):
        laureate = TeamMemberFactory().laureate
        MilestoneFactory(laureate=laureate, due_on=dt.date(2024, 3, 12))
    with CaptureQueriesContext(connection) as queries:
        due, _already = reminders_due(TODAY)
    assert (len(queries), len(due)) == (3, 53)
