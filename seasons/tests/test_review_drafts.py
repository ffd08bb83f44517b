"""Drafts are the applicant's alone: never assigned, reviewed or shown to a reviewer."""

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import Review, Submission
from seasons.selection import reviewing
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


def draft(**fields):
    return SubmissionFactory(status="draft", reference="", submitted_at=None, **fields)


def review_of_a_draft(reviewer, **fields):
    """A review left on a draft, as the defect of bulk assignment made them before the
    database refused it: assigned while sent, then the row turned back into a draft."""
    review = ReviewFactory(submission=SubmissionFactory(**fields), reviewer=reviewer)
    Submission.objects.filter(pk=review.submission_id).update(
        status="draft", reference="", submitted_at=None
    )
    review.submission.refresh_from_db()
    return review


def test_assign_leaves_drafts_out():
    reviewer = member_of(REVIEWER, "evaluatrice")
    sent, unsent = SubmissionFactory(), draft()
    assert reviewing.assign([sent, unsent], [reviewer]) == 1
    assert list(Review.objects.values_list("submission_id", flat=True)) == [sent.pk]


def test_bulk_assignment_in_the_admin_leaves_drafts_out_and_says_so(client):
    manager = member_of(PROGRAM_MANAGER, "responsable")
    reviewer = member_of(REVIEWER, "evaluatrice")
    sent, unsent = SubmissionFactory(), draft(organisation_name="Brouillon secret")
    login_staff(client, manager)
    changelist = reverse("admin:seasons_submission_changelist")
    selection = {"action": "assign_reviewers", "_selected_action": [sent.pk, unsent.pk]}
    page = client.post(changelist, selection).content.decode()
    assert "Brouillon secret" not in page
    assert "1 brouillon(s) écarté(s) : une candidature pas encore envoyée" in page
    response = client.post(
        changelist, {**selection, "confirm": "1", "reviewers": [reviewer.pk]}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "1 attribution(s) faite(s).",
        "1 brouillon(s) écarté(s) : une candidature pas encore envoyée ne peut pas être évaluée.",
    ]
    assert list(Review.objects.values_list("submission_id", flat=True)) == [sent.pk]


def test_a_draft_assigned_earlier_stays_out_of_the_reviewers_sight(client):
    reviewer = member_of(REVIEWER, "evaluatrice")
    review = review_of_a_draft(reviewer, organisation_name="Brouillon secret")
    unsent = review.submission
    login_staff(client, reviewer)
    for name in ["seasons_submission_changelist", "seasons_review_changelist"]:
        assert "Brouillon secret" not in client.get(reverse(f"admin:{name}")).content.decode()
    change = client.get(reverse("admin:seasons_submission_change", args=[unsent.pk]))
    assert "Brouillon secret" not in change.content.decode()
    review_page = client.get(reverse("admin:seasons_review_change", args=[review.pk]))
    assert "Brouillon secret" not in review_page.content.decode()
    assert reviewing.submissions_visible_to(User.objects.get(pk=reviewer.pk)).count() == 0


def test_a_draft_cannot_be_scored():
    review = review_of_a_draft(member_of(REVIEWER, "evaluatrice"))
    criteria = review.submission.call.criteria.all()
    with pytest.raises(reviewing.ReviewRefused, match="brouillon"):
        reviewing.save_review(
            review, conflict_of_interest=False, scores={c.pk: 3 for c in criteria}
        )
    assert review.scores.count() == 0


def test_the_database_refuses_a_review_of_a_draft():
    reviewer = member_of(REVIEWER, "evaluatrice")
    unsent, sent = draft(), SubmissionFactory()
    with pytest.raises(IntegrityError, match="a draft cannot be reviewed"), transaction.atomic():
        Review.objects.create(submission=unsent, reviewer=reviewer)
    review = Review.objects.create(submission=sent, reviewer=reviewer)
    with pytest.raises(IntegrityError, match="a draft cannot be reviewed"), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(submission=unsent)
    assert list(Review.objects.values_list("submission_id", flat=True)) == [sent.pk]
