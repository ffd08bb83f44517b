"""The public list's queries on PostgreSQL: its search is served by a trigram index, and
the announcement rule reads the applications only through a subquery."""

import pytest
from django.db import connection

from laureates.models import Laureate
from laureates.tests.factories import LaureateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Trigram indexes exist on PostgreSQL only: run with DATABASE_URL=postgres://…")


def test_the_list_s_search_uses_the_trigram_index(postgresql):
    LaureateFactory.create_batch(3)
    searched = Laureate.objects.published().filter(search_text__contains="cartes")
    with connection.cursor() as cursor:
        # On three rows a scan is cheaper: forbid it to see which index the planner picks.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = searched.explain()
    assert "Bitmap Index Scan on laureate_search_text_trgm" in plan


def test_the_public_rule_joins_no_application():
    sql = str(Laureate.objects.published().order_by("name")[:24].query)
    head = sql.split("WHERE")[0]
    assert "seasons_submission" not in head
    assert "seasons_call" not in head
    assert "EXISTS" in sql
