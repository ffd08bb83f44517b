"""Unsuccessful and withdrawn applications lose their personal data after 24 months."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from seasons.models import Attachment, OutboundEmail, Referent, Submission, SubmissionStatus
from seasons.retention import anonymise, due_for_anonymisation
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.application_helpers import apply_url, complete_files, start
from seasons.tests.factories import (
    AttachmentFactory,
    OutboundEmailFactory,
    ReferentFactory,
    ReviewFactory,
    SubmissionFactory,
)
from seasons.tests.own_form_helpers import call_with_form, own_form_answers
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

S = SubmissionStatus


def ended(status, months_ago, **values):
    when = timezone.now() - dt.timedelta(days=round(months_ago * 30.5))
    submission = SubmissionFactory(status=status, submitted_at=when, **values)
    ReferentFactory(submission=submission, email="referent@example.org", phone="0102030405")
    AttachmentFactory(submission=submission)
    OutboundEmailFactory(submission=submission, body="Bonjour Camille")
    ReviewFactory(submission=submission, comment="Camille connaît bien le sujet")
    return submission


@pytest.fixture
def applications():
    return {
        "old_rejected": ended(S.REJECTED, 30, organisation_name="Asso A", contributors_count=7),
        "old_withdrawn": ended(S.WITHDRAWN, 25, organisation_name="Asso B"),
        "recent_rejected": ended(S.REJECTED, 6, organisation_name="Asso C"),
        "old_selected": ended(S.SELECTED, 30, organisation_name="Asso D"),
        "old_submitted": ended(S.SUBMITTED, 30, organisation_name="Asso E"),
    }


def test_dry_run_lists_what_would_change_and_changes_nothing(applications, capsys):
    call_command("purge_personal_data")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(
        f"À anonymiser : {applications['old_rejected'].reference} (non retenue, terminée le "
    )
    assert out[1].startswith(
        f"À anonymiser : {applications['old_withdrawn'].reference} (retirée, terminée le "
    )
    assert out[2] == (
        "2 candidature(s) terminée(s) depuis plus de 24 mois : rien n’a été modifié "
        "(simulation ; ajoutez --apply)."
    )
    assert Submission.objects.filter(anonymised_at__isnull=False).count() == 0
    assert Referent.objects.count() == 5


def test_apply_removes_personal_data_and_keeps_statistics(applications, capsys):
    call_command("purge_personal_data", "--apply")
    old = Submission.objects.get(pk=applications["old_rejected"].pk)
    assert old.organisation_name == "Candidature anonymisée"
    assert (old.contact_email, old.description, old.website) == ("", "", "")
    assert (old.status, old.contributors_count, old.organisation_type) == (
        S.REJECTED,
        7,
        "association",
    )
    assert old.anonymised_at is not None
    assert not Referent.objects.filter(submission=old).exists()
    assert not Attachment.objects.filter(submission=old).exists()
    assert not OutboundEmail.objects.filter(submission=old).exists()
    review = old.reviews.get()
    assert (review.comment, review.history.count()) == ("", 0)
    assert [v.organisation_name for v in old.history.all()] == ["Candidature anonymisée"]
    # The others are untouched.
    for name in ["recent_rejected", "old_selected", "old_submitted"]:
        kept = Submission.objects.get(pk=applications[name].pk)
        assert kept.anonymised_at is None
        assert kept.referents.count() == 1
    # Running again finds nothing more.
    call_command("purge_personal_data", "--apply")
    assert capsys.readouterr().out.splitlines()[-1] == (
        "0 candidature(s) terminée(s) depuis plus de 24 mois : anonymisée(s)."
    )


def test_the_period_counts_from_the_last_status_change(applications):
    recent = applications["recent_rejected"]
    assert recent not in due_for_anonymisation(24)
    assert recent in due_for_anonymisation(3)
    old = applications["old_rejected"]
    old.transitions.create(from_status=S.IN_REVIEW, to_status=S.REJECTED, at=timezone.now())
    assert old not in due_for_anonymisation(24)


def test_waiting_list_and_abandoned_drafts_are_anonymised_after_the_period(capsys):
    now = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)
    waitlisted = ended(S.WAITLISTED, 0, organisation_name="Asso attente")
    waitlisted.transitions.create(
        from_status=S.IN_REVIEW, to_status=S.WAITLISTED, at=dt.datetime(2024, 11, 1, tzinfo=dt.UTC)
    )
    recent_waitlisted = ended(S.WAITLISTED, 0, organisation_name="Asso attente récente")
    recent_waitlisted.transitions.create(
        from_status=S.IN_REVIEW, to_status=S.WAITLISTED, at=dt.datetime(2025, 1, 10, tzinfo=dt.UTC)
    )
    draft = SubmissionFactory(status=S.DRAFT, reference="", submitted_at=None,
                              organisation_name="Brouillon oublié")  # fmt: skip
    recent_draft = SubmissionFactory(status=S.DRAFT, reference="", submitted_at=None,
                                     organisation_name="Brouillon récent")  # fmt: skip
    Submission.objects.filter(pk=draft.pk).update(
        updated_at=dt.datetime(2024, 10, 2, tzinfo=dt.UTC)
    )
    Submission.objects.filter(pk=recent_draft.pk).update(
        updated_at=dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
    )
    assert [s.pk for s in due_for_anonymisation(24, now=now)] == [draft.pk, waitlisted.pk]

    from seasons.retention import anonymise

    for submission in due_for_anonymisation(24, now=now):
        anonymise(submission)
    names = dict(Submission.objects.values_list("pk", "organisation_name"))
    assert (names[draft.pk], names[waitlisted.pk]) == ("Candidature anonymisée",) * 2
    assert (names[recent_draft.pk], names[recent_waitlisted.pk]) == (
        "Brouillon récent", "Asso attente récente",
    )  # fmt: skip
    assert not Referent.objects.filter(submission=waitlisted).exists()


def test_command_names_a_draft_by_its_number_in_french(capsys):
    draft = SubmissionFactory(status=S.DRAFT, reference="", submitted_at=None)
    Submission.objects.filter(pk=draft.pk).update(
        updated_at=dt.datetime(2020, 3, 2, 12, tzinfo=dt.UTC)
    )
    call_command("purge_personal_data")
    assert capsys.readouterr().out.splitlines() == [
        f"À anonymiser : brouillon n° {draft.pk} (brouillon, terminée le 2020-03-02, "
        f"{draft.call.title})",
        "1 candidature(s) terminée(s) depuis plus de 24 mois : rien n’a été modifié "
        "(simulation ; ajoutez --apply).",
    ]


def test_the_period_ends_on_the_same_day_of_the_month_not_the_28th():
    """On 30 March 2026, an application ended on 29 March 2024 is 24 months old (the
    period used to end on the 28th, two days late)."""
    submission = SubmissionFactory(
        status=S.REJECTED, submitted_at=dt.datetime(2024, 3, 29, 12, 0, tzinfo=dt.UTC)
    )
    now = dt.datetime(2026, 3, 30, 12, 0, tzinfo=dt.UTC)
    assert list(due_for_anonymisation(24, now=now)) == [submission]
    assert list(due_for_anonymisation(24, now=now - dt.timedelta(days=1))) == []


def test_the_answers_of_questions_marked_personal_are_anonymised(client, post):
    call = call_with_form()
    post(apply_url(call), start(client, call), "send", own_form_answers(), complete_files())
    submission = Submission.objects.get()
    anonymise(submission)
    submission.refresh_from_db()
    assert submission.answers == {
        "organisation_type": "association",
        "commons_nature": "digital",
        "budget_last_year": "120000",
        "budget_year_before": "95000",
        "has_paid_activity": False,
        "has_related_structures": False,
        "contributors_count": "40",
        "availability_confirmed": True,
        "impact_baseline": "12.00",
        "impact_target": "500.00",
        "heard_about": "website",
    }
    assert submission.attachments.count() == 0


def test_a_group_keeps_the_answers_of_its_questions_not_marked_personal(client, post):
    call = call_with_form()
    call.application_form.questions.filter(key="role").update(personal_data=False)
    post(apply_url(call), start(client, call), "send", own_form_answers(), complete_files())
    submission = anonymise(Submission.objects.get())
    assert submission.answers["referents"] == [{"role": "Présidente"}]


def test_the_season_two_answers_are_anonymised_as_their_columns():
    submission = SubmissionFactory(
        status=S.REJECTED,
        answers={
            "contact_email": "a@example.org",
            "organisation_name": "Asso",
            "organisation_type": "association",
            "description": "Camille et Dominique",
            "budget_last_year": "1000",
            "referents": [{"first_name": "Camille"}],
        },
    )
    anonymise(submission)
    submission.refresh_from_db()
    assert submission.answers == {"organisation_type": "association", "budget_last_year": "1000"}


def test_staff_read_what_the_anonymisation_date_means_without_a_command_name(client, login_staff):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    submission = ended(SubmissionStatus.REJECTED, months_ago=30)
    url = reverse("admin:seasons_submission_change", args=[submission.pk])
    page = client.get(url).content.decode()
    assert "purge_personal_data" not in page
    assert (
        "<div>Jour où les données personnelles de la candidature (noms, coordonnées, textes "
        "libres, fichiers, courriels) ont été effacées, une fois passée la durée de "
        "conservation qui suit sa fin (non retenue, retirée, laissée en liste d’attente, ou "
        "brouillon jamais envoyé). Vide tant qu’elles sont conservées.</div>"
    ) in page
