"""The "assign reviewers" page: reviewers by full name (their username only where two
share a name), in French order, for those who assign; nobody else reaches it."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.people import person_labels
from accelerator.tests.staff import login_staff
from seasons.models import Review, SubmissionStatus
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

QUERIES = 7
CHANGELIST = reverse("admin:seasons_submission_changelist")


def reviewer(username, first="", last=""):
    user = member_of(REVIEWER, username)
    User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def reviewers():
    return [
        reviewer("zmartin", "Camille", "Martin"),
        reviewer("fabrice", "Fabrice", "Aubert"),
        reviewer("cmartin", "Camille", "Martin"),
        reviewer("elodie", "Élodie", "Durand"),
        reviewer("denis", "Denis", "Dupont"),
        reviewer("anonyme"),
    ]


def test_people_are_labelled_by_name_and_by_username_where_two_share_a_name(reviewers):
    accents = reviewer("elodie2", "Elodie", "durand")  # the same name to a French reader
    labels = person_labels([*reviewers, accents])
    assert sorted(labels.values()) == [
        "Camille Martin (cmartin)",
        "Camille Martin (zmartin)",
        "Denis Dupont",
        "Elodie durand (elodie2)",
        "Fabrice Aubert",
        "anonyme",
        "Élodie Durand (elodie)",
    ]


def assign_page(client, user, submissions):
    login_staff(client, user)
    data = {"action": "assign_reviewers", "_selected_action": [s.pk for s in submissions]}
    return client.post(CHANGELIST, data)


def checkboxes(html):
    """[(value, label)] of the reviewers' checkboxes, in the page's order."""
    return re.findall(
        r'<label for="id_reviewers_\d+"><input type="checkbox" name="reviewers" '
        r'value="(\d+)"[^>]*>\s*([^<]+?)</label>',
        html,
    )


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, "superuser"])
def test_those_who_assign_see_reviewers_by_name_in_french_order(client, reviewers, role):
    if role == "superuser":
        user = User.objects.create_superuser("racine", "r@example.org", "pw")
    else:
        user = member_of(role, "responsable")
    submissions = SubmissionFactory.create_batch(2, status=SubmissionStatus.IN_REVIEW)
    response = assign_page(client, user, submissions)
    assert response.status_code == 200
    zmartin, fabrice, cmartin, elodie, denis, anonyme = reviewers
    # "Élodie" among the D… and E…, not after the Z as code points would put it.
    assert checkboxes(response.content.decode()) == [
        (str(anonyme.pk), "anonyme"),
        (str(cmartin.pk), "Camille Martin (cmartin)"),
        (str(zmartin.pk), "Camille Martin (zmartin)"),
        (str(denis.pk), "Denis Dupont"),
        (str(elodie.pk), "Élodie Durand"),
        (str(fabrice.pk), "Fabrice Aubert"),
    ]
    response = client.post(
        CHANGELIST,
        {
            "action": "assign_reviewers",
            "_selected_action": [s.pk for s in submissions],
            "confirm": "1",
            "reviewers": [cmartin.pk, elodie.pk],
        },
    )
    assert response.status_code == 302
    assert sorted(Review.objects.values_list("submission_id", "reviewer__username")) == sorted(
        (s.pk, name) for s in submissions for name in ["cmartin", "elodie"]
    )


@pytest.mark.parametrize("role", [OBSERVER, REVIEWER])
def test_observers_and_reviewers_cannot_assign(client, reviewers, role):
    submissions = SubmissionFactory.create_batch(2, status=SubmissionStatus.IN_REVIEW)
    response = assign_page(client, member_of(role, "personne"), submissions)
    # The admin neither offers nor runs the action for them: the list again, no
    # reviewer listed, nothing assigned.
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="assign_reviewers"' not in html
    assert 'name="reviewers"' not in html and 'name="confirm"' not in html
    assert Review.objects.count() == 0


def test_visitors_not_signed_in_are_sent_to_the_sign_in_page(client, reviewers):
    submission = SubmissionFactory(status=SubmissionStatus.IN_REVIEW)
    data = {"action": "assign_reviewers", "_selected_action": [submission.pk]}
    response = client.post(CHANGELIST, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Review.objects.count() == 0


def test_the_page_costs_the_same_queries_with_one_reviewer_and_with_many(client):
    manager = member_of(PROGRAM_MANAGER, "responsable")
    submissions = SubmissionFactory.create_batch(2, status=SubmissionStatus.IN_REVIEW)
    reviewer("seule", "Anne", "Seule")
    login_staff(client, manager)
    data = {"action": "assign_reviewers", "_selected_action": [s.pk for s in submissions]}

    def queries():
        with CaptureQueriesContext(connection) as captured:
            html = client.post(CHANGELIST, data).content.decode()
        return len(captured), len(checkboxes(html))

    # The content types the admin reads once per process, read before counting.
    client.post(CHANGELIST, data)
    # 3 for the session, user and OTP device, 2 for the rights (the list's filters' choices
    # and total, which the admin reads before any action, kept), 1 for the selected
    # applications, 1 for the reviewers.
    assert queries() == (QUERIES, 1)
    for n in range(6):
        reviewer(f"evaluateur{n}", "Camille", f"Nom {n}")
    assert queries() == (QUERIES, 7)
