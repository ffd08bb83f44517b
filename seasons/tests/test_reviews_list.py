"""The reviews list: reviewers named as people, and a call filter listing only the calls
the reader has reviews in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.selection import reviewing
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of
from seasons.tests.test_review_conflicts import declare_conflict

pytestmark = pytest.mark.django_db

URL = reverse("admin:seasons_review_changelist")


def named(role, username, first_name, last_name):
    user = member_of(role, username)
    user.first_name, user.last_name = first_name, last_name
    user.save()
    return user


@pytest.fixture
def calls():
    """Four calls: Anne reviews in two, Bruno in another, nobody in the last."""
    maps, data, hedges, _none = (
        CallFactory(title=title)
        for title in ["Appel des cartes", "Appel des données", "Appel des haies", "Appel vide"]
    )
    anne = named(REVIEWER, "a.martin", "Anne", "Martin")
    bruno = named(REVIEWER, "b.roux", "Bruno", "Roux")
    ReviewFactory(reviewer=anne, submission=SubmissionFactory(call=maps))
    ReviewFactory(reviewer=anne, submission=SubmissionFactory(call=hedges))
    ReviewFactory(reviewer=bruno, submission=SubmissionFactory(call=data))
    return anne, bruno


def cells(response, name):
    return [getattr(review, name) for review in response.context["cl"].result_list]


def call_choices(response):
    spec = next(f for f in response.context["cl"].filter_specs if f.title == "appel")
    return [label for _pk, label in spec.lookup_choices]


def test_a_reviewer_reads_their_reviews_under_their_full_name(client, calls):
    anne, _bruno = calls
    login_staff(client, anne)
    response = client.get(URL)
    assert cells(response, "reviewer_label") == ["Anne Martin", "Anne Martin"]
    assert '<td class="field-reviewer_name">Anne Martin</td>' in response.content.decode()


def test_a_reviewers_call_filter_lists_only_their_calls(client, calls):
    anne, _bruno = calls
    login_staff(client, anne)
    assert sorted(call_choices(client.get(URL))) == ["Appel des cartes", "Appel des haies"]


def test_a_managers_call_filter_lists_the_calls_with_reviews(client, calls):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    response = client.get(URL)
    assert sorted(call_choices(response)) == [
        "Appel des cartes",
        "Appel des données",
        "Appel des haies",
    ]
    assert sorted(cells(response, "reviewer_label")) == ["Anne Martin", "Anne Martin", "Bruno Roux"]


def test_two_reviewers_of_one_name_are_told_apart_by_their_username(client, calls):
    anne, _bruno = calls
    namesake = named(REVIEWER, "a.martin2", "Anne", "Martin")
    ReviewFactory(reviewer=namesake, submission=anne.reviews.first().submission)
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    assert sorted(cells(client.get(URL), "reviewer_label")) == [
        "Anne Martin (a.martin)",
        "Anne Martin (a.martin)",
        "Anne Martin (a.martin2)",
        "Bruno Roux",
    ]


def test_who_took_over_a_conflict_is_named_by_full_name(client, calls):
    anne, _bruno = calls
    conflict = declare_conflict(anne.reviews.first())
    reviewing.reassign(conflict)
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    page = client.get(URL, {"state": "conflict"}).content.decode()
    assert '<td class="field-offered_to">Bruno Roux</td>' in page


def test_the_reviewers_names_cost_no_query_per_row(client, calls):
    anne, _bruno = calls
    login_staff(client, anne)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(3):
        ReviewFactory(
            reviewer=anne, submission=SubmissionFactory(call=anne.reviews.first().submission.call)
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert (len(one), len(many), response.context["cl"].result_count) == (10, 10, 5)
