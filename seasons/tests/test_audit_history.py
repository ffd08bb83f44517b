"""Every change to applications, reviews and decisions is kept, with who made it."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from accelerator.tests.staff import login_staff
from seasons.models import Submission, SubmissionStatus
from seasons.selection import reviewing
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import ReviewFactory, SubmissionFactory

from .application_helpers import apply_url, complete_answers, complete_files, open_call, start

pytestmark = pytest.mark.django_db

S = SubmissionStatus


def staff_in(group, username):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


def test_applicants_answers_and_sending_are_kept_in_the_history(client, post):
    call = open_call()
    stamp = start(client, call)
    post(apply_url(call), stamp, "draft", {"organisation_name": "Première version"})
    submission = Submission.objects.get()
    link = reverse("applications:edit", args=[submission.access_key])
    post(
        link, stamp, "send", complete_answers(organisation_name="Version envoyée"), complete_files()
    )
    versions = list(submission.history.order_by("history_date", "history_id"))
    assert versions[0].organisation_name == ""
    assert "Première version" in [v.organisation_name for v in versions]
    assert versions[-1].organisation_name == "Version envoyée"
    assert versions[-1].status == S.SUBMITTED
    assert versions[-1].history_change_reason == "déposée"
    assert not hasattr(versions[-1], "access_key")


def test_a_staff_decision_is_kept_with_its_author_and_reason(client):
    manager = staff_in(PROGRAM_MANAGER, "responsable")
    login_staff(client, manager)
    submission = SubmissionFactory(status=S.SUBMITTED)
    client.post(
        reverse("admin:seasons_submission_changelist"),
        {
            "action": "put_in_review",
            "_selected_action": [submission.pk],
            "confirm": "1",
            "reason": "Éligible",
        },
    )
    latest = submission.history.latest("history_date")
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        S.IN_REVIEW,
        manager,
        "Éligible",
    )
    page = client.get(reverse("admin:seasons_submission_history", args=[submission.pk]))
    assert page.status_code == 200
    assert "Éligible" in page.content.decode()


def test_reviews_and_their_scores_are_kept_in_the_history():
    review = ReviewFactory()
    criterion = review.submission.call.criteria.first()
    reviewing.save_review(review, conflict_of_interest=False, scores={criterion.pk: 3})
    assert review.history.count() == 2
    assert criterion.scores.get().history.count() == 1


def test_a_reviewer_cannot_read_the_history_of_an_application_not_assigned(client):
    reviewer = staff_in(REVIEWER, "evaluatrice")
    hidden = SubmissionFactory(organisation_name="Cachée")
    assigned = SubmissionFactory()
    ReviewFactory(submission=assigned, reviewer=reviewer)
    login_staff(client, reviewer)
    response = client.get(reverse("admin:seasons_submission_history", args=[hidden.pk]))
    assert response.status_code == 404  # as for an application that does not exist
    assert "Cachée" not in response.content.decode()
    assert (
        client.get(reverse("admin:seasons_submission_history", args=[assigned.pk])).status_code
        == 200
    )


def test_history_page_shows_labels_and_paris_times_not_stored_values(admin_client):
    submission = SubmissionFactory(
        status=S.SHORTLISTED, submitted_at=dt.datetime(2023, 5, 1, 10, 0, tzinfo=dt.UTC)
    )
    submission.status = S.SELECTED
    submission.submitted_at = dt.datetime(2023, 5, 2, 22, 30, tzinfo=dt.UTC)
    submission.save()
    url = reverse("admin:seasons_submission_history", args=[submission.pk])
    html = admin_client.get(url).content.decode()
    changes = re.findall(r"<li>\s*<strong>([^<]+)</strong>\s*([^<]*?)\s*</li>", html)
    assert ("Statut :", "présélectionnée&nbsp;&rarr;&nbsp;&nbsp;retenue") in changes
    assert (
        "Déposée le :",
        "1 mai 2023 12:00&nbsp;&rarr;&nbsp;&nbsp;3 mai 2023 00:30",
    ) in changes
    assert "shortlisted" not in html
    assert "+00:00" not in html


def test_admin_titles_read_as_french_whatever_the_gender(admin_client):
    review = ReviewFactory()
    changelist = admin_client.get(reverse("admin:seasons_submission_changelist")).content.decode()
    assert "<h1>Candidatures</h1>" in changelist
    assert "<title>Candidatures | " in changelist
    assert "Sélectionnez l’objet" not in changelist
    assert ">Supprimer la sélection (candidatures)</option>" in changelist
    change = admin_client.get(reverse("admin:seasons_review_change", args=[review.pk]))
    assert "<h1>Modification : évaluation</h1>" in change.content.decode()


def test_history_page_reads_french_without_none_nor_inline_style(admin_client):
    submission = SubmissionFactory(status=S.SHORTLISTED)  # created without a user nor reason
    url = reverse("admin:seasons_submission_history", args=[submission.pk])
    html = admin_client.get(url).content.decode()
    cells = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", html, re.S)]
    assert cells[-3:] == ["système", "", ""]
    assert '<th scope="col">Modifications</th>' in html
    assert f"<h1>Historique des changements\u00a0: {submission}</h1>" in html
    assert "None" not in html
    assert "Aucun" not in html
    assert '<p class="paginator">' in html
    assert 'style="' not in html


def test_view_only_history_title_has_the_french_space():
    # Staff who may only view get simple-history's own title: "Historique de vue: …".
    with translation.override("fr"):
        assert translation.gettext("View history: %s") == "Historique : %s"
