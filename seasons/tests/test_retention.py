"""Unsuccessful and withdrawn applications lose their personal data after 24 months."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from seasons.models import Attachment, OutboundEmail, Referent, Submission, SubmissionStatus
from seasons.retention import due_for_anonymisation
from seasons.tests.factories import (
    AttachmentFactory,
    OutboundEmailFactory,
    ReferentFactory,
    ReviewFactory,
    SubmissionFactory,
)

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
        f"Would anonymise {applications['old_rejected'].reference} (non retenue, ended "
    )
    assert out[1].startswith(
        f"Would anonymise {applications['old_withdrawn'].reference} (retirée, ended "
    )
    assert (
        out[2]
        == "2 application(s) ended more than 24 months ago: nothing changed (dry run; add --apply)."
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
        "0 application(s) ended more than 24 months ago: anonymised."
    )


def test_the_period_counts_from_the_last_status_change(applications):
    recent = applications["recent_rejected"]
    assert recent not in due_for_anonymisation(24)
    assert recent in due_for_anonymisation(3)
    old = applications["old_rejected"]
    old.transitions.create(from_status=S.IN_REVIEW, to_status=S.REJECTED, at=timezone.now())
    assert old not in due_for_anonymisation(24)
