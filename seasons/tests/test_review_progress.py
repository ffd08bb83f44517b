"""Each reviewer's progress in a call: the function, its page, who sees which lines."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from seasons.models import Call, Submission
from seasons.selection.progress import ReviewerProgress, review_progress
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import PARIS, CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, reader_in, score_all
from seasons.tests.test_review_conflicts import declare_conflict

pytestmark = pytest.mark.django_db

DEADLINE = dt.datetime(2023, 10, 1, 18, 0, tzinfo=PARIS)


def named(username, first, last):
    user = member_of(REVIEWER, username)
    User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    user.refresh_from_db()
    return user


@pytest.fixture
def anne():
    return named("anne", "Anne", "Aubry")


@pytest.fixture
def bruno():
    return named("bruno", "Bruno", "Bernard")


def assigned(reviewer, call, count=1):
    return [
        ReviewFactory(submission=SubmissionFactory(call=call), reviewer=reviewer)
        for _ in range(count)
    ]


def test_progress_counts_each_state_and_overdue_after_the_deadline(anne, bruno):
    call = CallFactory(review_deadline=DEADLINE)
    done, conflict, _open = assigned(anne, call, 3)
    score_all(done, 4)
    declare_conflict(conflict)
    assigned(bruno, call, 2)
    # A review left on an application turned back into a draft never counts.
    stale = assigned(bruno, call)[0]
    Submission.objects.filter(pk=stale.submission_id).update(status="draft", reference="")
    before = review_progress([call], now=DEADLINE - dt.timedelta(minutes=1))[call.pk]
    after = review_progress(Call.objects.filter(pk=call.pk), now=DEADLINE)[call.pk]
    assert before.reviewers == [
        ReviewerProgress(anne.pk, "Anne Aubry", assigned=3, done=1, conflicts=1, remaining=1),
        ReviewerProgress(bruno.pk, "Bruno Bernard", assigned=2, remaining=2),
    ]
    assert [(r.name, r.overdue) for r in after.reviewers] == [
        ("Anne Aubry", 1),
        ("Bruno Bernard", 2),
    ]
    assert after.total == ReviewerProgress(
        None, "", assigned=5, done=1, conflicts=1, remaining=3, overdue=3
    )
    assert after.of(bruno) == [after.reviewers[1]]


def test_progress_without_deadline_has_nothing_overdue_and_lists_every_call(anne):
    call, empty = CallFactory(), CallFactory()
    assigned(anne, call, 2)
    progress = review_progress([call, empty], now=dt.datetime(2030, 1, 1, tzinfo=PARIS))
    assert [(r.remaining, r.overdue) for r in progress[call.pk].reviewers] == [(2, 0)]
    assert (progress[empty.pk].reviewers, progress[empty.pk].total.assigned) == ([], 0)


def test_progress_is_one_query_whatever_the_number_of_calls_and_reviewers(
    anne, django_assert_num_queries
):
    call = CallFactory()
    assigned(anne, call)
    with django_assert_num_queries(1):
        review_progress([call])
    calls = [call, *CallFactory.create_batch(3)]
    for index, other in enumerate(calls):
        for reviewer in [named(f"r{index}{n}", "R", str(n)) for n in range(3)]:
            score_all(assigned(reviewer, other, 2)[0], 3)
    with django_assert_num_queries(1):
        progress = review_progress(calls)
    assert [len(progress[c.pk].reviewers) for c in calls] == [4, 3, 3, 3]


def same_but_the_address(response, pk):
    """The page's text with the address asked for (plain and URL-encoded) blanked."""
    return response.content.decode().replace(f"/{pk}/", "/N/").replace(f"%2F{pk}%2F", "%2FN%2F")


def page(client, call_pk):
    return client.get(reverse("admin:seasons_call_reviews", args=[call_pk]))


@pytest.mark.parametrize("group", [PROGRAM_MANAGER, OBSERVER, "superuser"])
def test_managers_observers_and_superusers_see_every_reviewer(client, anne, bruno, group):
    call = CallFactory(review_deadline=DEADLINE)
    assigned(anne, call, 2)
    assigned(bruno, call)
    login_staff(client, reader_in(group))
    response = page(client, call.pk)
    html = response.content.decode()
    assert [r.name for r in response.context["rows"]] == ["Anne Aubry", "Bruno Bernard"]
    assert response.context["total"].assigned == 3
    assert "Les évaluations sont attendues au plus tard le 1 octobre 2023 18:00." in html


def test_a_reviewer_sees_only_their_own_line(client, anne, bruno):
    call = CallFactory()
    assigned(anne, call, 2)
    assigned(bruno, call)
    login_staff(client, anne)
    response = page(client, call.pk)
    html = response.content.decode()
    assert [r.name for r in response.context["rows"]] == ["Anne Aubry"]
    assert ("Bruno" in html, response.context["total"]) == (False, None)
    assert "Cet appel ne fixe pas de date limite" in html


def test_the_page_is_missing_for_others_and_for_guessed_calls(client, anne, bruno):
    theirs, other = CallFactory(), CallFactory()
    assigned(bruno, theirs)
    assigned(anne, other)
    login_staff(client, anne)
    hidden, missing = page(client, theirs.pk), page(client, 999999)
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert same_but_the_address(hidden, theirs.pk) == same_but_the_address(missing, 999999)
    client.logout()
    anonymous = page(client, theirs.pk)
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("admin:login"))


def test_the_page_costs_the_same_queries_with_one_and_many_reviewers(client, anne):
    call = CallFactory(review_deadline=DEADLINE)
    assigned(anne, call)
    login_staff(client, member_of(OBSERVER, "lecteur"))
    with CaptureQueriesContext(connection) as one:
        assert page(client, call.pk).status_code == 200
    for n in range(5):
        score_all(assigned(named(f"r{n}", "R", str(n)), call, 2)[0], 2)
    with CaptureQueriesContext(connection) as many:
        response = page(client, call.pk)
    assert len(response.context["rows"]) == 6
    assert len(many) == len(one)


def test_reviews_list_links_each_call_the_reader_reviews_in(client, anne, bruno):
    mine, theirs = CallFactory(title="Appel d’Anne"), CallFactory(title="Appel de Bruno")
    assigned(anne, mine)
    assigned(bruno, theirs)
    login_staff(client, anne)
    html = client.get(reverse("admin:seasons_review_changelist")).content.decode()
    assert reverse("admin:seasons_call_reviews", args=[mine.pk]) in html
    assert reverse("admin:seasons_call_reviews", args=[theirs.pk]) not in html
