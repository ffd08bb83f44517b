"""The calibration page of a call: its figures, and only for managers and observers."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import Call
from seasons.selection import reviewing
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, reader_in, score_all
from seasons.tests.test_review_conflicts import declare_conflict
from seasons.tests.test_review_progress import same_but_the_address

pytestmark = pytest.mark.django_db


def page(client, pk):
    return client.get(reverse("admin:seasons_call_calibration", args=[pk]))


@pytest.fixture
def call():
    """Anne scores 2 and 4, Bruno 3 and 5; Chloé declares a conflict on the first."""
    call = CallFactory(divergence_threshold="1.5")
    anne, bruno, chloe = (member_of(REVIEWER, n) for n in ["anne", "bruno", "chloe"])
    first = SubmissionFactory(call=call, reference="AIC-2023-0001", organisation_name="Un")
    second = SubmissionFactory(call=call, reference="AIC-2023-0002", organisation_name="Deux")
    third = SubmissionFactory(call=call, reference="AIC-2023-0003", organisation_name="Trois")
    score_all(ReviewFactory(submission=first, reviewer=anne), 2)
    score_all(ReviewFactory(submission=second, reviewer=anne), 4)
    score_all(ReviewFactory(submission=first, reviewer=bruno), 5)
    score_all(ReviewFactory(submission=third, reviewer=bruno), 3)
    declare_conflict(ReviewFactory(submission=first, reviewer=chloe))
    ReviewFactory(submission=third, reviewer=chloe)  # open: no score yet
    return call


def test_review_scores_read_one_weighted_score_per_review_done(call):
    scores, reviewers, applications = reviewing.review_scores(call)
    assert sorted(
        (applications[s.application].reference, reviewers[s.reviewer], s.score) for s in scores
    ) == [
        ("AIC-2023-0001", "anne", 2.0),
        ("AIC-2023-0001", "bruno", 5.0),
        ("AIC-2023-0002", "anne", 4.0),
        ("AIC-2023-0003", "bruno", 3.0),
    ]


@pytest.mark.parametrize("group", [PROGRAM_MANAGER, OBSERVER, "superuser"])
def test_managers_observers_and_superusers_read_the_calibration(client, call, group):
    login_staff(client, reader_in(group))
    response = page(client, call.pk)
    html = response.content.decode()
    assert [(name, s.count, s.mean, s.stdev) for name, s, _d in response.context["reviewers"]] == [
        ("anne", 2, 3.0, 1.0),
        ("bruno", 2, 4.0, 1.0),
    ]
    rows = [
        (s.reference, r.raw, r.normalised, r.divergent) for s, r in response.context["applications"]
    ]
    # Anne puts the second above her mean, Bruno the third under his; on the first they
    # cancel out (Anne's -1, Bruno's +1), and their 2 and 5 diverge.
    assert rows == [
        ("AIC-2023-0002", 4.0, 1.0, False),
        ("AIC-2023-0001", 3.5, 0.0, True),
        ("AIC-2023-0003", 3.0, -1.0, False),
    ]
    assert "La note normalisée corrige cet effet" in html
    assert "évaluateurs en désaccord" in html
    assert "diffèrent de plus de 1,50 (le seuil de l’appel)" in html


@pytest.mark.parametrize("who", ["assigned reviewer", "other reviewer"])
def test_reviewers_never_see_the_calibration_guessed_or_not(client, call, who):
    if who == "assigned reviewer":
        user = User.objects.get(username="anne")
    else:
        user = member_of(REVIEWER, "ailleurs")
    login_staff(client, user)
    hidden, missing = page(client, call.pk), page(client, 999999)
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert same_but_the_address(hidden, call.pk) == same_but_the_address(missing, 999999)


def test_anonymous_visitors_are_sent_to_the_staff_login(client, call):
    response = page(client, call.pk)
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("admin:login"))


def test_the_page_costs_the_same_queries_with_one_and_many_reviews(client):
    call = CallFactory()
    anne = member_of(REVIEWER, "anne")
    score_all(ReviewFactory(submission=SubmissionFactory(call=call), reviewer=anne), 3)
    login_staff(client, member_of(OBSERVER, "lecteur"))
    with CaptureQueriesContext(connection) as one:
        assert page(client, call.pk).status_code == 200
    for n in range(4):
        reviewer = member_of(REVIEWER, f"r{n}")
        for value in (1, 4):
            submission = SubmissionFactory(call=call)
            score_all(ReviewFactory(submission=submission, reviewer=reviewer), value)
    with CaptureQueriesContext(connection) as many:
        response = page(client, call.pk)
    assert len(response.context["applications"]) == 9
    assert len(many) == len(one)


def test_a_call_without_reviews_says_so(client):
    call = CallFactory()
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    html = page(client, call.pk).content.decode()
    assert html.count("Aucune évaluation faite dans cet appel pour l’instant.") == 2


def test_the_threshold_out_of_the_scale_is_refused_next_to_the_field(admin_client):
    call = CallFactory()
    url = reverse("admin:seasons_call_change", args=[call.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "season"}
    response = admin_client.post(
        url, {**data, "season": call.season_id, "divergence_threshold": "7"}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["divergence_threshold"] == [
        "Assurez-vous que cette valeur est inférieure ou égale à 5."
    ]
    assert Call.objects.get(pk=call.pk).divergence_threshold == 1.5
