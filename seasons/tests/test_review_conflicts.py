"""A conflict of interest is a state of its own: never done, never scored, and offered
to another reviewer."""

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import Review, ReviewState, Submission
from seasons.selection import reviewing
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all

pytestmark = pytest.mark.django_db


def declare_conflict(review):
    return reviewing.save_review(
        review, conflict_of_interest=True, conflict_details="Membre du bureau", submit=True
    )


@pytest.fixture
def reviewers():
    return [member_of(REVIEWER, name) for name in ["anne", "bruno", "chloe", "david"]]


def test_each_review_state_is_read_from_what_was_declared(reviewers):
    anne, bruno, chloe, _david = reviewers
    submission = SubmissionFactory()
    open_ = ReviewFactory(submission=submission, reviewer=anne)
    done = score_all(ReviewFactory(submission=submission, reviewer=bruno), 4)
    conflict = declare_conflict(ReviewFactory(submission=submission, reviewer=chloe))
    assert [r.state for r in (open_, done, conflict)] == [
        ReviewState.OPEN,
        ReviewState.DONE,
        ReviewState.CONFLICT,
    ]
    assert conflict.get_state_display() == "conflit d’intérêts"
    assert list(Review.objects.still_open()) == [open_]
    assert list(Review.objects.done()) == [done]
    assert list(Review.objects.conflicts()) == [conflict]


def test_a_conflict_is_never_counted_as_done_nor_in_the_score(reviewers):
    anne, bruno, chloe, _david = reviewers
    submission = SubmissionFactory()
    score_all(ReviewFactory(submission=submission, reviewer=anne), 4)
    declare_conflict(ReviewFactory(submission=submission, reviewer=bruno))
    ReviewFactory(submission=submission, reviewer=chloe)
    annotated = reviewing.with_review_figures(Submission.objects.all()).get()
    assert (
        annotated.reviews_assigned,
        annotated.reviews_done,
        annotated.reviews_conflicts,
        annotated.reviews_open,
        float(annotated.weighted_score),
    ) == (3, 1, 1, 1, 4.0)
    assert reviewing.progress_label(annotated) == "1/2 · 1 conflit d’intérêts"


def test_applications_list_shows_the_conflict_and_filters_on_open_reviews(client, reviewers):
    anne, bruno, _chloe, _david = reviewers
    submission = SubmissionFactory(organisation_name="Tiers-lieu des Vosges")
    score_all(ReviewFactory(submission=submission, reviewer=anne), 4)
    declare_conflict(ReviewFactory(submission=submission, reviewer=bruno))
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    url = reverse("admin:seasons_submission_changelist")
    page = client.get(url).content.decode()
    assert '1/1<br><span class="conflicts">1 conflit d’intérêts</span>' in page
    # Every review that counts is done: the conflict is not one to wait for.
    done = client.get(url, {"reviews": "done"}).context["cl"].result_list
    pending = client.get(url, {"reviews": "pending"}).context["cl"].result_list
    assert ([s.pk for s in done], list(pending)) == ([submission.pk], [])


def test_reviews_list_shows_the_state_and_filters_on_it(client, reviewers):
    anne, bruno, _chloe, _david = reviewers
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    ReviewFactory(reviewer=bruno)
    login_staff(client, member_of(OBSERVER, "observatrice"))
    url = reverse("admin:seasons_review_changelist")
    assert '<td class="field-state">conflit d’intérêts</td>' in client.get(url).content.decode()
    listed = client.get(url, {"state": "conflict"}).context["cl"].result_list
    assert [r.pk for r in listed] == [conflict.pk]


def test_replacement_is_the_reviewer_with_fewest_open_reviews_in_the_call(reviewers):
    anne, bruno, chloe, david = reviewers
    submission = SubmissionFactory()
    conflict = declare_conflict(ReviewFactory(submission=submission, reviewer=anne))
    ReviewFactory(submission=submission, reviewer=david)  # already assigned: not offered
    # Bruno has two open reviews in the call; Chloé one, and many in another call,
    # and a done one in this call: only open ones in this call weigh.
    for _ in range(2):
        ReviewFactory(submission=SubmissionFactory(call=submission.call), reviewer=bruno)
    ReviewFactory(submission=SubmissionFactory(call=submission.call), reviewer=chloe)
    score_all(ReviewFactory(submission=SubmissionFactory(call=submission.call), reviewer=chloe), 3)
    for _ in range(3):
        ReviewFactory(reviewer=chloe)
    assert reviewing.propose_replacement(conflict) == chloe


def test_reviewers_outside_the_group_or_inactive_are_never_proposed(reviewers):
    anne, bruno, chloe, david = reviewers
    User.objects.filter(pk__in=[bruno.pk, chloe.pk]).update(is_active=False)
    User.objects.create_user("manager-only", is_staff=True)
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    assert reviewing.propose_replacement(conflict) == david


def test_reassign_offers_the_application_once(reviewers):
    anne, bruno, _chloe, _david = reviewers
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    first = reviewing.reassign(conflict)
    again = reviewing.reassign(conflict)
    conflict.refresh_from_db()
    assert (first.reviewer, again.pk, conflict.replacement_id) == (bruno, first.pk, first.pk)
    assert first.state == ReviewState.OPEN
    assert Review.objects.filter(submission=conflict.submission).count() == 2


def test_reassign_refuses_what_is_not_a_conflict_and_says_none_when_nobody_is_left(reviewers):
    anne, bruno, chloe, david = reviewers
    submission = SubmissionFactory()
    done = score_all(ReviewFactory(submission=submission, reviewer=anne), 3)
    with pytest.raises(reviewing.ReviewRefused, match="conflit d’intérêts"):
        reviewing.reassign(done)
    for reviewer in (bruno, chloe):
        ReviewFactory(submission=submission, reviewer=reviewer)
    conflict = declare_conflict(ReviewFactory(submission=submission, reviewer=david))
    assert reviewing.reassign(conflict) is None
    assert Review.objects.filter(submission=submission).count() == 4


def test_database_refuses_a_replacement_on_a_review_without_conflict(reviewers):
    anne, bruno, _chloe, _david = reviewers
    review, other = ReviewFactory(reviewer=anne), ReviewFactory(reviewer=bruno)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(replacement=other)


def test_manager_offers_conflicts_from_the_reviews_list(client, reviewers):
    anne, bruno, _chloe, _david = reviewers
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    done = score_all(ReviewFactory(reviewer=bruno), 2)
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    response = client.post(
        reverse("admin:seasons_review_changelist"),
        {"action": "offer_to_another_reviewer", "_selected_action": [conflict.pk, done.pk]},
        follow=True,
    )
    messages = sorted(str(m) for m in response.context["messages"])
    assert messages == sorted(
        [
            f"{conflict.submission} : proposée à bruno.",
            f"{done.submission}: Seul un conflit d’intérêts déclaré est proposé à un autre "
            "évaluateur.",
        ]
    )
    assert Review.objects.get(pk=conflict.pk).replacement.reviewer == bruno


@pytest.mark.parametrize("group", [REVIEWER, OBSERVER])
def test_only_who_assigns_reviewers_may_offer_a_conflict(client, reviewers, group):
    anne = reviewers[0]
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    login_staff(client, member_of(group, "lecteur") if group == OBSERVER else anne)
    url = reverse("admin:seasons_review_changelist")
    assert "offer_to_another_reviewer" not in client.get(url).content.decode()
    client.post(url, {"action": "offer_to_another_reviewer", "_selected_action": [conflict.pk]})
    assert Review.objects.count() == 1


def test_reviews_list_costs_the_same_queries_with_one_and_many_reviews(client, reviewers):
    anne, bruno, chloe, david = reviewers
    declare_conflict(ReviewFactory(reviewer=anne))
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    url = reverse("admin:seasons_review_changelist")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for reviewer in (bruno, chloe, david):
        conflict = declare_conflict(ReviewFactory(reviewer=reviewer))
        reviewing.reassign(conflict)
        score_all(ReviewFactory(reviewer=reviewer), 3)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["cl"].result_count == 10
    assert len(many) == len(one)


def test_only_staff_who_see_everything_read_who_took_over_a_conflict(client, reviewers):
    anne, _bruno, _chloe, _david = reviewers
    conflict = declare_conflict(ReviewFactory(reviewer=anne))
    reviewing.reassign(conflict)
    url = reverse("admin:seasons_review_change", args=[conflict.pk])
    login_staff(client, anne)
    assert "Proposée à la place à" not in client.get(url).content.decode()
    login_staff(client, member_of(OBSERVER, "observatrice"))
    html = client.get(url).content.decode()
    assert "Proposée à la place à" in html and "— bruno" in html
