"""The applications list's total, kept until an application is added or deleted
(accelerator.admin_counts); filtered, searched and reviewers' lists counted each time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.admin_counts import invalidate_admin_counts, whole_table
from accelerator.tests.staff import login_staff
from seasons.models import Submission, SubmissionStatus
from seasons.selection.roles import REVIEWER
from seasons.tests.factories import SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

URL = reverse("admin:seasons_submission_changelist")


def total(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.context["cl"].result_count


def counts_sent(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        found = total(client, query)
    return found, sum(q["sql"].startswith("SELECT COUNT(*)") for q in queries.captured_queries)


def test_the_total_is_kept_until_an_application_is_added_or_deleted(admin_client):
    SubmissionFactory.create_batch(3)
    assert counts_sent(admin_client) == (3, 1)
    assert counts_sent(admin_client) == (3, 0)
    added = SubmissionFactory()
    assert counts_sent(admin_client) == (4, 1)
    # A change of status changes no total.
    added.status = SubmissionStatus.IN_REVIEW
    added.save()
    assert counts_sent(admin_client) == (4, 0)
    added.delete()
    assert counts_sent(admin_client) == (3, 1)
    Submission.objects.filter(pk__in=Submission.objects.values("pk")[:1]).delete()
    assert counts_sent(admin_client) == (2, 1)


def test_a_write_that_skips_signals_invalidates_by_hand(admin_client):
    existing = SubmissionFactory()
    assert counts_sent(admin_client) == (1, 1)
    Submission.objects.bulk_create([Submission(call=existing.call, access_key="k" * 64)])
    assert counts_sent(admin_client) == (1, 0)  # what the signals did not see
    invalidate_admin_counts()
    assert counts_sent(admin_client) == (2, 1)


def test_filtered_and_searched_lists_are_counted_each_time(admin_client):
    SubmissionFactory(project_name="Verger", status=SubmissionStatus.SUBMITTED)
    SubmissionFactory(project_name="Atelier", status=SubmissionStatus.IN_REVIEW)
    for query, expected in [("?q=verger", 1), ("?status__exact=in_review", 1), ("?q=zzz", 0)]:
        assert counts_sent(admin_client, query) == (expected, 1)
        assert counts_sent(admin_client, query) == (expected, 1)


def test_a_reviewer_s_list_is_counted_each_time(client, admin_client):
    SubmissionFactory.create_batch(2)
    assert counts_sent(admin_client) == (2, 1)
    login_staff(client, member_of(REVIEWER, "evaluateur"))
    assert counts_sent(client) == (0, 1)
    assert counts_sent(client) == (0, 1)


def test_only_a_whole_table_is_kept():
    every = Submission.objects.all()
    assert whole_table(every)
    assert not whole_table(every.filter(status=SubmissionStatus.DRAFT))
    assert not whole_table(every.distinct())
    assert not whole_table(every[:5])
    assert not whole_table(every.union(every))
    assert not whole_table([1, 2])
