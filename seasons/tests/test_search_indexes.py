"""The admin's search of applications is served by trigram indexes on PostgreSQL."""

import pytest
from django.db import connection

from seasons.models import Submission
from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

SEARCHED = ["reference", "organisation_name", "project_name", "contact_email"]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Trigram indexes exist on PostgreSQL only: run with DATABASE_URL=postgres://…")


def test_every_searched_field_has_a_trigram_index(postgresql):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'seasons_submission' "
            "AND indexdef LIKE '%%gin_trgm_ops%%' ORDER BY indexname"
        )
        indexes = cursor.fetchall()
    assert [name for name, _definition in indexes] == sorted(
        f"submission_{field}_trgm" for field in SEARCHED
    )
    assert all("USING gin (upper(" in definition for _name, definition in indexes)


def test_admin_search_of_a_name_uses_the_trigram_indexes(postgresql):
    SubmissionFactory.create_batch(3)
    words = Submission.objects.none()
    for field in SEARCHED:
        words = words | Submission.objects.filter(**{f"{field}__icontains": "cartes"})
    with connection.cursor() as cursor:
        # On three rows a scan is cheaper: forbid it to see which index the planner picks.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = words.order_by().explain()
    assert "Bitmap Index Scan on submission_organisation_name_trgm" in plan
    assert "Bitmap Index Scan on submission_contact_email_trgm" in plan


def test_admin_list_order_is_read_from_an_index(postgresql):
    SubmissionFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Submission.objects.order_by("-submitted_at", "-pk")[:100].explain()
    assert "submission_sent_order_idx" in plan
