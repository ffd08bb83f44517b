"""The e-mails of the award offer: the selected and the promoted applicants are told the
deadline (date and time in Paris, in their language) and their status page's link; the
applicant whose offer lapsed is told so, once."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from laureates.tests.test_award_offers import DAY, LINKS
from seasons import outbox
from seasons.models import (
    DecisionEmailTemplate,
    EmailKind,
    EmailStatus,
    OutboundEmail,
    SubmissionStatus,
)
from seasons.selection import award, decisions
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.award_helpers import RELEASE, decided_call, fresh
from seasons.tests.factories import SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def decision_emails(submission):
    return list(
        OutboundEmail.objects.filter(submission=submission, kind=EmailKind.DECISION).order_by("pk")
    )


def test_the_selected_applicant_is_told_the_deadline_and_the_status_page():
    _call, apps = decided_call()  # released on 20 June 2030 at 11 h in Paris
    selected = apps["Projet 5"]
    [email] = decision_emails(selected)
    assert (email.status, email.send_after) == (EmailStatus.QUEUED, RELEASE)
    assert email.body == (
        "Bonjour,\n\nNous avons le plaisir de vous annoncer que votre candidature "
        f"{selected.reference} ({selected.display_name}) à « {selected.call.title} » est "
        "retenue.\n\nAcceptez la place de lauréat (ou déclinez-la) sur votre page de suivi "
        "dans les 14 jours, avant le 4 juillet 2030 à 11\N{NO-BREAK SPACE}h (heure de Paris) : "
        "passé ce délai, elle sera proposée à la candidature suivante. Dès votre réponse, "
        "l’équipe du programme vous contactera pour préparer l’accompagnement.\n\n"
        f"Votre page de suivi : [[private-link:status:{selected.pk}]]\n"
        f"Pour toute question, écrivez à {settings.CONTACT_EMAIL}.\n"
    )
    sent = outbox.resolve_links(email.body, email.link_base)
    assert f"Votre page de suivi : {LINKS}/candidatures/{selected.access_key}/\n" in sent


def test_a_draft_keeps_the_placeholder_until_its_release_writes_the_deadline(monkeypatch):
    monkeypatch.setattr(settings, "EMAIL_SEND_AT_ONCE", False)
    manager = member_of(PROGRAM_MANAGER, "responsable")
    submission = SubmissionFactory(status=S.SHORTLISTED, language="en")
    decisions.decide([fresh(submission)], S.SELECTED, user=manager)
    [draft] = decision_emails(submission)
    assert (draft.status, draft.body.count("before $deadline (Paris time)")) == (
        EmailStatus.DRAFT,
        1,
    )
    released_at = dt.datetime(2030, 3, 1, 8, 30, tzinfo=dt.UTC)  # 9 h 30 in Paris
    monkeypatch.setattr(timezone, "now", lambda: released_at)
    outbox.release_emails(OutboundEmail.objects.filter(pk=draft.pk))
    [email] = decision_emails(submission)
    assert email.status == EmailStatus.QUEUED
    assert "within 14 days, before 15 March 2030 at 9:30 (Paris time): after" in email.body
    assert "$deadline" not in email.body


def test_an_edited_draft_keeps_its_text_and_gets_the_deadline_where_staff_left_it():
    manager = member_of(PROGRAM_MANAGER, "responsable")
    submission = SubmissionFactory(status=S.SHORTLISTED)
    decisions.decide([fresh(submission)], S.SELECTED, user=manager)
    OutboundEmail.objects.filter(submission=submission).update(body="Réponse avant le ${deadline}.")
    outbox.hold_until(OutboundEmail.objects.filter(submission=submission), RELEASE)
    [email] = decision_emails(submission)
    assert email.body == "Réponse avant le 4 juillet 2030 à 11\N{NO-BREAK SPACE}h."


def test_the_promoted_applicant_is_told_the_deadline():
    _call, apps = decided_call()
    award.decline(apps["Projet 5"], now=RELEASE + 3 * DAY)  # 23 June, 11 h in Paris
    email = decision_emails(apps["Projet 4"])[-1]
    assert email.status == EmailStatus.QUEUED
    assert (
        "Acceptez-la (ou déclinez-la) sur votre page de suivi dans les 14 jours, avant le "
        "7 juillet 2030 à 11\N{NO-BREAK SPACE}h (heure de Paris) : passé ce délai" in email.body
    )
    assert f"Votre page de suivi : [[private-link:status:{apps['Projet 4'].pk}]]" in email.body


def test_the_applicant_whose_offer_lapsed_is_told_once(capsys):
    _call, apps = decided_call()
    lapsed = apps["Projet 5"]
    for _run in range(2):
        call_command("expire_award_offers", "--at", "2030-07-04T11:00", "--site-url", LINKS)
    assert capsys.readouterr().out == (
        "1 offer(s) lapsed, 1 place(s) passed on.\n0 offer(s) lapsed, 0 place(s) passed on.\n"
    )
    held, told = decision_emails(lapsed)
    assert held.send_after == RELEASE  # the selection's e-mail, sent on its day
    assert (told.status, told.send_after, told.link_base, told.to) == (
        EmailStatus.QUEUED,
        None,
        LINKS,
        lapsed.contact_email,
    )
    assert (
        told.subject
        == f"Votre place de lauréat n’est plus réservée : candidature {lapsed.reference}"
    )
    assert told.body == (
        f"Bonjour,\n\nVotre candidature {lapsed.reference} ({lapsed.display_name}) à "
        f"« {lapsed.call.title} » était retenue, mais nous n’avons pas reçu votre réponse "
        "avant le 4 juillet 2030 à 11\N{NO-BREAK SPACE}h (heure de Paris). La place a donc été "
        "proposée à la candidature suivante.\n\n"
        f"Votre page de suivi : [[private-link:status:{lapsed.pk}]]\n"
        f"Si vous pensez qu’il s’agit d’une erreur, écrivez-nous vite à {settings.CONTACT_EMAIL}.\n"
    )
    # The next lapse tells the next applicant, and only them.
    award.lapse_overdue(RELEASE + 30 * DAY, absolute=lambda path: LINKS + path)
    assert len(decision_emails(lapsed)) == 2
    assert decision_emails(apps["Projet 4"])[-1].subject.startswith(
        "Votre place de lauréat n’est plus réservée"
    )


def test_the_migration_updates_the_shipped_texts_and_keeps_the_edited_ones():
    migration = importlib.import_module("seasons.migrations.0030_award_deadline_and_lapse_emails")
    templates = DecisionEmailTemplate.objects
    templates.filter(status="selected", language="fr").update(body=migration.OLD["selected", "fr"])
    templates.filter(status="selected", language="en").update(body="Edited by staff.")
    templates.filter(status="lapsed").delete()
    migration.forwards(django_apps, None)
    assert (
        templates.get(status="selected", language="fr").body
        == (outbox.DEFAULT_DECISION_EMAILS["selected", "fr"][1])
    )
    assert templates.get(status="selected", language="en").body == "Edited by staff."
    assert sorted(templates.filter(status="lapsed").values_list("language", flat=True)) == [
        "en",
        "fr",
    ]
    migration.backwards(django_apps, None)
    assert templates.get(status="selected", language="fr").body == migration.OLD["selected", "fr"]
    assert templates.filter(status="lapsed").count() == 0
