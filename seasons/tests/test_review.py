"""Reviewers: their scope, the conflict-of-interest rule, hidden scores, the rubric."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import Call, Criterion, Review, Score, Submission
from seasons.selection import reviewing
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import CallFactory, ReviewFactory, SeasonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def member_of(group, username):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


def reader_in(group):
    """Who reads a staff page as `group`: a member named "lecteur", or with "superuser" a
    superuser in no group."""
    if group == "superuser":
        return User.objects.create_superuser("racine", "racine@example.org", "x")
    return member_of(group, "lecteur")


def logged_in_as(client, group):
    """`client` logged in, past both factors, as `reader_in(group)`."""
    return login_staff(client, reader_in(group))


@pytest.fixture
def reviewer():
    return member_of(REVIEWER, "evaluatrice")


@pytest.fixture
def other_reviewer():
    return member_of(REVIEWER, "evaluateur")


def score_all(review, value, submit=True):
    criteria = review.submission.call.criteria.all()
    return reviewing.save_review(
        review,
        conflict_of_interest=False,
        scores={c.pk: value for c in criteria},
        comment=f"note {value}",
        submit=submit,
    )


def test_new_call_gets_the_five_season_two_criteria():
    call = CallFactory()
    assert list(call.criteria.values_list("position", "title")) == [
        (1, "Intérêt général et ressource commune"),
        (2, "Impact"),
        (3, "Maturité et structuration"),
        (4, "Porteur juridique"),
        (5, "Gouvernance partagée"),
    ]


SEASON_TWO_TITLES = [
    "Intérêt général et ressource commune",
    "Impact",
    "Maturité et structuration",
    "Porteur juridique",
    "Gouvernance partagée",
]


def call_form(prefix=""):
    return {
        f"{prefix}title": "Appel ajouté",
        f"{prefix}slug": "appel-ajoute",
        f"{prefix}operator": "DINUM",
        f"{prefix}track": "Communs numériques",
        f"{prefix}opens_at_0": "03/04/2023",
        f"{prefix}opens_at_1": "00:00:00",
        f"{prefix}closes_at_0": "08/09/2023",
        f"{prefix}closes_at_1": "12:00:00",
    }


def criteria_of_call_added(admin_client, add_page, data):
    """Post `data` to the admin's `add_page` (a URL name); the titles of the criteria of
    the call it added."""
    response = admin_client.post(reverse(add_page), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    call = Call.objects.get(slug="appel-ajoute")
    return list(call.criteria.values_list("title", flat=True))


def test_call_added_in_the_admin_gets_the_default_rubric(admin_client):
    season = SeasonFactory()
    data = {
        **call_form(),
        "season": season.pk,
        "description": "Un appel.",
        "eligibility": "Associations.",
        "selection_criteria": "Intérêt général.",
        "eligible_organisation_types": ["association"],
        "divergence_threshold": "1.50",
        "award_acceptance_days": "14",
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
    }
    assert criteria_of_call_added(admin_client, "admin:seasons_call_add", data) == SEASON_TWO_TITLES


def test_call_added_under_its_season_in_the_admin_gets_the_default_rubric(admin_client):
    data = {
        "title": "Saison 3",
        "slug": "saison-3",
        "number": "3",
        "year": "2024",
        "theme": "Communs",
        "calls-TOTAL_FORMS": "1",
        "calls-INITIAL_FORMS": "0",
        **call_form("calls-0-"),
    }
    added = criteria_of_call_added(admin_client, "admin:seasons_season_add", data)
    assert added == SEASON_TWO_TITLES


def test_roles_are_created_with_their_permissions():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    manager, reviewer_perms, observer = (
        codenames(PROGRAM_MANAGER),
        codenames(REVIEWER),
        codenames(OBSERVER),
    )
    assert {
        "decide_submission",
        "view_all_submissions",
        "export_submissions",
        "change_submission",
    } <= manager
    assert reviewer_perms == {
        "view_submission",
        "view_review",
        "change_review",
        "view_criterion",
        "view_referent",
        "view_attachment",
        "export_submissions",
    }
    assert "decide_submission" not in observer
    assert {"view_submission", "view_all_submissions", "view_laureate"} <= observer
    assert not {c for c in observer if not c.startswith("view_")}


def test_assigning_twice_keeps_one_assignment(reviewer, other_reviewer):
    submissions = SubmissionFactory.create_batch(2)
    assert reviewing.assign(submissions, [reviewer, other_reviewer]) == 4
    assert reviewing.assign(submissions, [reviewer]) == 0
    assert Review.objects.count() == 4


def test_reviewer_with_a_conflict_cannot_score(reviewer):
    review = ReviewFactory(reviewer=reviewer)
    criterion = review.submission.call.criteria.first()
    with pytest.raises(reviewing.ReviewRefused, match="conflit d’intérêts"):
        reviewing.save_review(review, conflict_of_interest=True, scores={criterion.pk: 4})
    reviewing.save_review(
        review, conflict_of_interest=True, conflict_details="Je suis membre du bureau", submit=True
    )
    review.refresh_from_db()
    assert (review.conflict_of_interest, review.is_submitted, review.scores.count()) == (
        True,
        True,
        0,
    )


def test_reviewer_must_declare_before_scoring_and_score_everything_to_submit(reviewer):
    review = ReviewFactory(reviewer=reviewer)
    first = review.submission.call.criteria.first()
    with pytest.raises(reviewing.ReviewRefused, match="Déclarez d’abord"):
        reviewing.save_review(review, conflict_of_interest=None, scores={first.pk: 3})
    with pytest.raises(reviewing.ReviewRefused, match="Notez chaque critère"):
        reviewing.save_review(review, conflict_of_interest=False, scores={first.pk: 3}, submit=True)
    reviewing.save_review(review, conflict_of_interest=False, scores={first.pk: 3})
    assert Score.objects.get(review=review).value == 3


def test_submitted_review_cannot_change(reviewer):
    review = score_all(ReviewFactory(reviewer=reviewer), 4)
    with pytest.raises(reviewing.ReviewRefused, match="soumise"):
        score_all(review, 1)
    assert set(review.scores.values_list("value", flat=True)) == {4}


def test_weighted_score_uses_the_weights_and_only_submitted_reviews(reviewer, other_reviewer):
    submission = SubmissionFactory()
    Criterion.objects.filter(call=submission.call, position=1).update(weight=3)
    score_all(ReviewFactory(submission=submission, reviewer=reviewer), 5)
    # Draft scores of another reviewer do not count yet.
    score_all(ReviewFactory(submission=submission, reviewer=other_reviewer), 0, submit=False)
    annotated = reviewing.with_review_figures(Submission.objects.all()).get()
    assert round(float(annotated.weighted_score), 2) == 5.0
    assert (annotated.reviews_done, annotated.reviews_assigned) == (1, 2)
    score_all(Review.objects.get(reviewer=other_reviewer), 1)
    annotated = reviewing.with_review_figures(Submission.objects.all()).get()
    # (5×3 + 5×4 + 1×3 + 1×4) / (7 + 7) = 42 / 14
    assert round(float(annotated.weighted_score), 2) == 3.0
    assert annotated.reviews_done == 2


def test_reviewer_sees_others_scores_only_after_submitting_their_own(reviewer, other_reviewer):
    submission = SubmissionFactory()
    score_all(ReviewFactory(submission=submission, reviewer=other_reviewer), 2)
    mine = ReviewFactory(submission=submission, reviewer=reviewer)
    assert list(reviewing.visible_reviews(reviewer, submission)) == [mine]
    score_all(mine, 4)
    assert {r.reviewer.username for r in reviewing.visible_reviews(reviewer, submission)} == {
        "evaluatrice",
        "evaluateur",
    }


def test_hidden_scores_do_not_reach_the_reviewers_pages(client, reviewer, other_reviewer):
    submission = SubmissionFactory()
    score_all(ReviewFactory(submission=submission, reviewer=other_reviewer), 2)
    Review.objects.filter(reviewer=other_reviewer).update(comment="avis très secret")
    ReviewFactory(submission=submission, reviewer=reviewer)
    login_staff(client, reviewer)
    page = client.get(reverse("admin:seasons_submission_change", args=[submission.pk]))
    listing = client.get(reverse("admin:seasons_submission_changelist"))
    assert page.status_code == 200
    assert "avis très secret" not in page.content.decode()
    assert "note pondérée" not in listing.content.decode().lower()


def test_reviewer_lists_opens_exports_only_assigned_applications(client, reviewer):
    assigned = SubmissionFactory(organisation_name="Assignée")
    hidden = SubmissionFactory(organisation_name="Cachée")
    ReviewFactory(submission=assigned, reviewer=reviewer)
    login_staff(client, reviewer)
    listing = client.get(reverse("admin:seasons_submission_changelist")).content.decode()
    assert "Assignée" in listing
    assert "Cachée" not in listing
    assert (
        client.get(reverse("admin:seasons_submission_change", args=[assigned.pk])).status_code
        == 200
    )
    guessed = client.get(reverse("admin:seasons_submission_change", args=[hidden.pk]))
    assert guessed.status_code == 404  # as an application that does not exist
    assert "Cachée" not in guessed.content.decode()
    # Their export holds only what is assigned to them, without anybody's scores.
    export = client.get(reverse("admin:seasons_submission_export", args=["csv"]))
    lines = export.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert "Assignée" in lines[1]
    assert "Note pondérée" not in lines[0]
    # And a reviewer may not decide.
    response = client.post(
        reverse("admin:seasons_submission_changelist"),
        {"action": "select", "_selected_action": [assigned.pk]},
    )
    assert response.status_code == 200
    assert Submission.objects.get(pk=assigned.pk).status == "submitted"


def test_reviewer_sees_only_their_own_reviews(client, reviewer, other_reviewer):
    ReviewFactory(reviewer=reviewer, submission__organisation_name="La mienne")
    theirs = ReviewFactory(reviewer=other_reviewer, submission__organisation_name="La sienne")
    login_staff(client, reviewer)
    listing = client.get(reverse("admin:seasons_review_changelist")).content.decode()
    assert "La mienne" in listing
    assert "La sienne" not in listing
    assert client.get(reverse("admin:seasons_review_change", args=[theirs.pk])).status_code == 404


def test_reviewer_scores_through_the_admin_form(client, reviewer):
    review = ReviewFactory(reviewer=reviewer)
    criteria = list(review.submission.call.criteria.all())
    login_staff(client, reviewer)
    url = reverse("admin:seasons_review_change", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Gouvernance partagée (×1)" in page
    data = {"conflict_of_interest": "False", "comment": "Solide", "submit_review": "on"}
    data |= {f"score_{c.pk}": "4" for c in criteria}
    response = client.post(url, data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_submitted
    assert sorted(review.scores.values_list("value", flat=True)) == [4, 4, 4, 4, 4]


def test_admin_form_refuses_scores_with_a_conflict_and_says_why(client, reviewer):
    review = ReviewFactory(reviewer=reviewer)
    criterion = review.submission.call.criteria.first()
    login_staff(client, reviewer)
    url = reverse("admin:seasons_review_change", args=[review.pk])
    response = client.post(url, {"conflict_of_interest": "True", f"score_{criterion.pk}": "5"})
    assert response.status_code == 200
    assert "vous ne pouvez pas noter cette candidature" in response.content.decode()
    assert Score.objects.count() == 0
