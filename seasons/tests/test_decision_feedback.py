"""Feedback to declined applications: who may receive it, what the decision e-mail says
with it (drafted, redrafted, never once released), and when the status page shows it."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from seasons import outbox
from seasons.models import (
    DecisionEmailTemplate,
    DecisionFeedback,
    EmailStatus,
    OutboundEmail,
    SubmissionStatus,
)
from seasons.retention import anonymise
from seasons.selection import committee, decisions, feedback
from seasons.tests.committee_helpers import make_session
from seasons.tests.factories import CallFactory, SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
S = SubmissionStatus
REFUSED_WHEN_NOT_DECLINED = (
    "Seule une candidature non retenue reçoit un retour : videz ces champs ou choisissez "
    "« non retenue »."
)


def criteria_keys(call):
    """{criterion title: field key} of the call's rubric."""
    return {c.title: feedback.field_key(c) for c in call.criteria.all()}


@pytest.fixture
def manager():
    return member_of("Responsable de programme", "responsable")


@pytest.fixture
def declined():
    return SubmissionFactory(
        status=S.REJECTED, organisation_name="Les Jardins", reference="AIC-2024-0007"
    )


def write(submission, user, **texts):
    keys = criteria_keys(submission.call)
    by_key = {keys.get(title, title): text for title, text in texts.items()}
    return feedback.write_feedback(submission, by_key, user=user)


def test_feedback_is_written_per_criterion_and_general_remark_then_changed_and_removed(
    declined, manager
):
    write(declined, manager, Impact="Trop local.", general="Revenez l’an prochain.")
    assert outbox.feedback_entries(declined) == [
        ("Impact", "Trop local."),
        (None, "Revenez l’an prochain."),
    ]
    write(declined, manager, **{"Porteur juridique": "  Statuts à finaliser. "}, Impact="")
    assert outbox.feedback_entries(declined) == [
        ("Porteur juridique", "Statuts à finaliser."),
        (None, "Revenez l’an prochain."),
    ]
    entry = DecisionFeedback.objects.get(criterion__title="Porteur juridique")
    assert (entry.written_by, entry.history.count()) == (manager, 1)
    # The removed entry is kept in the history: created, then deleted.
    assert list(
        DecisionFeedback.history.filter(criterion__title="Impact").values_list(
            "history_type", flat=True
        )
    ) == ["-", "+"]


@pytest.mark.parametrize(
    "status", [S.SUBMITTED, S.IN_REVIEW, S.SHORTLISTED, S.WAITLISTED, S.SELECTED]
)
def test_feedback_is_refused_to_an_application_not_declined(manager, status):
    submission = SubmissionFactory(status=status)
    with pytest.raises(feedback.FeedbackRefused) as refused:
        write(submission, manager, Impact="Trop local.")
    assert refused.value.errors == {
        criteria_keys(submission.call)["Impact"]: REFUSED_WHEN_NOT_DECLINED
    }
    assert not DecisionFeedback.objects.exists()
    # Emptying fields is always allowed (nothing is written).
    write(submission, manager, Impact="")


def test_feedback_is_accepted_for_the_decision_being_taken(manager):
    submission = SubmissionFactory(status=S.SHORTLISTED)
    keys = criteria_keys(submission.call)
    feedback.write_feedback(submission, {keys["Impact"]: "Trop local."}, user=manager,
                            decision=S.REJECTED)  # fmt: skip
    assert outbox.feedback_entries(submission) == [("Impact", "Trop local.")]


def test_too_long_a_text_and_another_calls_criterion_are_refused(declined, manager):
    other = CallFactory().criteria.get(title="Impact")
    keys = criteria_keys(declined.call)
    with pytest.raises(feedback.FeedbackRefused) as refused:
        feedback.write_feedback(
            declined,
            {keys["Impact"]: "x" * 601, feedback.field_key(other): "Ailleurs"},
            user=manager,
        )
    assert refused.value.errors == {
        None: "Ce critère n’est pas dans la grille de l’appel de la candidature.",
        keys["Impact"]: "600 caractères au plus (601 saisis) : raccourcissez ce texte.",
    }
    assert not DecisionFeedback.objects.exists()
    write(declined, manager, Impact="x" * 600)
    assert DecisionFeedback.objects.get().text == "x" * 600


def closed_with_feedback(manager, release_at=None):
    """A session whose best application is selected and the two others declined, the
    first of them with feedback: closed, its e-mails drafted (or held until `release_at`)."""
    session = make_session()
    committee.assemble_docket(session)
    items = list(session.items.order_by("position"))
    for item, decision in zip(items, [S.SELECTED, S.REJECTED, S.REJECTED], strict=True):
        committee.record_outcome(
            item, decision=decision, by_consensus=True, votes={}, reasons="", not_voting=[],
            user=manager,
        )  # fmt: skip
    with_feedback = items[1].submission
    keys = criteria_keys(session.call)
    feedback.write_feedback(
        with_feedback,
        {keys["Impact"]: "Trop local pour l’instant.", feedback.GENERAL: "Revenez l’an prochain."},
        user=manager,
        decision=S.REJECTED,
    )
    committee.close_session(session, user=manager, release_at=release_at)
    return session, with_feedback, items[2].submission


def body_fr(submission, block):
    return (
        f"Bonjour,\n\nNous vous remercions pour votre candidature {submission.reference} "
        f"({submission.display_name}) à « {submission.call.title} ». Elle n’est pas retenue "
        f"cette fois-ci.\n\n{block}Merci pour votre engagement : nous vous encourageons à "
        "candidater de nouveau lors d’un prochain appel.\n\n"
        f"Suivre votre candidature : [[private-link:status:{submission.pk}]]\n"
        "Pour toute question, écrivez à contact@localhost.\n"
    )


FEEDBACK_BLOCK_FR = (
    "Nos remarques sur votre candidature :\n"
    "- Impact : Trop local pour l’instant.\n"
    "- Remarque générale : Revenez l’an prochain.\n\n"
)


def test_the_decision_email_drafted_at_closing_carries_the_feedback(manager):
    _session, with_feedback, without = closed_with_feedback(manager)
    email = OutboundEmail.objects.get(submission=with_feedback)
    assert email.status == EmailStatus.DRAFT
    assert email.body == body_fr(with_feedback, FEEDBACK_BLOCK_FR)
    # Without feedback, the e-mail reads as before: no heading left alone.
    assert OutboundEmail.objects.get(submission=without).body == body_fr(without, "")


def test_english_decision_email_carries_the_feedback_in_english(manager):
    submission = SubmissionFactory(status=S.IN_REVIEW, language="en")
    keys = criteria_keys(submission.call)
    feedback.write_feedback(submission, {keys["Impact"]: "Too local.", "general": "Try again."},
                            user=manager, decision=S.REJECTED)  # fmt: skip
    decisions.decide([submission], S.REJECTED, user=manager)
    body = OutboundEmail.objects.get(submission=submission).body
    assert "It is not selected this time.\n\nOur remarks on your application:\n" in body
    assert "- Impact: Too local.\n- General remark: Try again.\n\nThank you for" in body


def test_feedback_written_after_drafting_updates_the_unsent_email(declined, manager):
    email = outbox.draft_decision_email(declined)
    assert email.body == body_fr(declined, "")
    redrafted = write(declined, manager, Impact="Trop local pour l’instant.")
    assert redrafted == outbox.Redrafted(updated=1, edited=0)
    email.refresh_from_db()
    assert email.body == body_fr(
        declined, "Nos remarques sur votre candidature :\n- Impact : Trop local pour l’instant.\n\n"
    )
    # Removed again: the e-mail reads as without feedback.
    assert write(declined, manager, Impact="") == outbox.Redrafted(updated=1, edited=0)
    email.refresh_from_db()
    assert email.body == body_fr(declined, "")


def test_a_hand_edited_draft_is_left_alone_and_a_released_email_never_changes(declined, manager):
    edited = outbox.draft_decision_email(declined)
    OutboundEmail.objects.filter(pk=edited.pk).update(body="Texte réécrit par l’équipe.")
    sent = outbox.draft_decision_email(declined)
    OutboundEmail.objects.filter(pk=sent.pk).update(status=EmailStatus.SENT, sent_at=timezone.now())
    assert write(declined, manager, Impact="Trop local.") == outbox.Redrafted(updated=0, edited=1)
    edited.refresh_from_db()
    sent.refresh_from_db()
    assert edited.body == "Texte réécrit par l’équipe."
    assert sent.body == body_fr(declined, "")


def test_an_email_held_until_its_release_date_gets_the_new_feedback(manager):
    moment = timezone.now() + dt.timedelta(days=3)
    _session, with_feedback, _without = closed_with_feedback(manager, release_at=moment)
    keys = criteria_keys(with_feedback.call)
    redrafted = feedback.write_feedback(with_feedback, {keys["Impact"]: ""}, user=manager)
    assert redrafted == outbox.Redrafted(updated=1, edited=0)
    email = OutboundEmail.objects.get(submission=with_feedback)
    assert (email.status, email.send_after) == (EmailStatus.QUEUED, moment)
    assert email.body == body_fr(
        with_feedback, "Nos remarques sur votre candidature :\n- Remarque générale : Revenez l’an "
        "prochain.\n\n"
    )  # fmt: skip


def status_page(client, submission):
    response = client.get(reverse("applications:status", args=[submission.access_key]))
    assert response.status_code == 200
    return response.content.decode()


FEEDBACK_HTML = (
    '<dt class="fr-text--bold">Impact</dt>\n'
    '        <dd class="prose">Trop local pour l’instant.</dd>'
)


def test_the_status_page_shows_the_feedback_only_once_the_decision_is_released(
    client, manager, settings
):
    settings.EMAIL_SEND_AT_ONCE = False
    moment = timezone.now() + dt.timedelta(days=3)
    _session, with_feedback, without = closed_with_feedback(manager, release_at=moment)
    page = status_page(client, with_feedback)
    assert "Nos remarques sur votre candidature" not in page
    assert "Trop local" not in page
    # The release date has come: the e-mail may leave, the page shows the feedback.
    OutboundEmail.objects.update(send_after=timezone.now() - dt.timedelta(minutes=1))
    page = status_page(client, with_feedback)
    assert '<h2 id="decision-feedback-title">Nos remarques sur votre candidature</h2>' in page
    assert FEEDBACK_HTML in page
    assert "Remarque générale</dt>" in page
    # Another applicant's link shows nothing of it.
    other = status_page(client, without)
    assert "decision-feedback" not in other and "Trop local" not in other


def test_a_draft_decision_email_hides_the_feedback_until_staff_release_it(client, manager):
    _session, with_feedback, _without = closed_with_feedback(manager)
    assert "Trop local" not in status_page(client, with_feedback)
    outbox.release_emails(OutboundEmail.objects.filter(submission=with_feedback))
    assert OutboundEmail.objects.get(submission=with_feedback).status == EmailStatus.SENT
    assert FEEDBACK_HTML in status_page(client, with_feedback)


def test_without_a_decision_email_the_status_page_is_the_announcement(client, declined, manager):
    write(declined, manager, Impact="Trop local pour l’instant.")
    assert FEEDBACK_HTML in status_page(client, declined)


def test_feedback_of_an_application_no_longer_declined_is_not_shown(client, declined, manager):
    write(declined, manager, Impact="Trop local pour l’instant.")
    declined.status = S.WAITLISTED
    declined.save()
    assert "Trop local" not in status_page(client, declined)


def test_the_status_page_costs_the_same_queries_with_one_entry_and_with_six(
    client, declined, manager
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            status_page(client, declined)
        return len(queries)

    write(declined, manager, Impact="Trop local.")
    one = count()
    write(declined, manager, **dict.fromkeys(criteria_keys(declined.call), "Texte."),
          general="Merci.")  # fmt: skip
    assert DecisionFeedback.objects.count() == 6
    assert (one, count()) == (one, one)
    # The application twice, its referents and attachments, its call and the call's own
    # form (the answers' summary), then whether the decision is released and the feedback
    # with its criteria: two more than a page without feedback.
    assert one == 8


def test_anonymising_erases_the_feedback_and_its_history(declined, manager):
    write(declined, manager, Impact="Trop local.")
    anonymise(declined)
    assert not DecisionFeedback.objects.exists()
    assert not DecisionFeedback.history.exists()


def test_the_migration_adds_the_placeholder_to_untouched_templates_only():
    migration = importlib.import_module("seasons.migrations.0028_decision_feedback")
    templates = DecisionEmailTemplate.objects.filter(status=S.REJECTED)
    french = templates.get(language="fr")
    english = templates.get(language="en")
    old_fr = french.body.replace("cette fois-ci.\n\n${feedback}Merci", "cette fois-ci. Merci")
    french.body = old_fr
    french.save()
    english.body = "Hello, edited by the team."
    english.save()
    migration.forwards(apps, None)
    french.refresh_from_db()
    english.refresh_from_db()
    assert french.body == outbox.DEFAULT_DECISION_EMAILS["rejected", "fr"][1]
    assert english.body == "Hello, edited by the team."
    migration.backwards(apps, None)
    french.refresh_from_db()
    assert french.body == old_fr
