"""List pages use a constant number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laureates.tests.factories import DomainFactory, LaureateFactory, MilestoneFactory
from seasons.tests.factories import (
    AttachmentFactory,
    CallFactory,
    OutboundEmailFactory,
    ReferentFactory,
    SeasonFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_rows(season, rows):
    domains = [DomainFactory(), DomainFactory()]
    for _ in range(rows):
        CallFactory(season=season)
        CallFactory(season=season, is_open=True)  # the home page lists only open calls
        laureate = LaureateFactory(season=season, domains=domains)
        MilestoneFactory(laureate=laureate)


# The exact count at 1 row and at 21 rows: a page that always made 40 queries would pass a
# test that only compared the two. Every public page ends with one query for the dates of
# the next call (the header's banner).
@pytest.mark.parametrize(
    ("url_of", "expected"),
    [
        # season, open calls and the next opening or closing (kept as a record of the
        # seasons and calls), the ids of the latest laureates (kept as a fragment: its
        # storing reads the next call's dates), then (their cards not kept yet) those
        # laureates and their domains
        (lambda season: "/", 8),
        (lambda season: reverse("seasons:season_list"), 2),
        (lambda season: season.get_absolute_url(), 5),  # as the home page
        # the public laureates' ids in order, seasons and domains (the order and the
        # filters' choices are kept as fragments, each storing reads the next call's
        # dates), then (their cards not kept yet) the page's laureates and their domains
        (lambda season: reverse("laureates:laureate_list"), 8),
    ],
    ids=["home", "season-list", "season-page", "laureate-list"],
)
def test_list_pages_query_count_does_not_grow(client, url_of, expected):
    season = SeasonFactory()
    make_rows(season, 1)
    assert count_queries(client, url_of(season)) == expected
    make_rows(season, 20)
    SeasonFactory.create_batch(5)
    assert count_queries(client, url_of(season)) == expected


def test_home_page_lists_every_open_call(client):
    season = SeasonFactory()
    make_rows(season, 3)
    page = client.get("/").content.decode()
    calls = page.split('id="open-calls-title"')[1].split('id="latest-laureates-title"')[0]
    titles = season.calls.filter(closes_at__year__gt=2023).values_list("title", flat=True)
    assert len(titles) == 3
    assert [title in calls for title in titles] == [True, True, True]
    assert calls.count('class="fr-card ') == 3


# (changelist, exact queries at 1 and at 31 rows of each model). Every admin page starts
# with 3 (session, user, OTP device); a changelist counts its rows twice (filtered and in
# all), then lists them, plus one query per filter that lists choices from the database
# and, with a date hierarchy, its range and its days.
ADMIN_CHANGELISTS = [
    ("seasons_season", 6),
    ("seasons_call", 10),
    # A list whole on its page reads its dates from its rows (no range, no years).
    ("seasons_submission", 7),
    ("seasons_referent", 6),
    ("seasons_attachment", 6),
    ("seasons_outboundemail", 6),
    ("laureates_laureate", 9),
    ("laureates_milestone", 9),
]


def make_admin_rows(rows):
    for _ in range(rows):
        referent = ReferentFactory()
        AttachmentFactory(submission=referent.submission)
        OutboundEmailFactory(submission=referent.submission)
        laureate = LaureateFactory(submission=referent.submission, domains=[DomainFactory()])
        MilestoneFactory(laureate=laureate)


@pytest.mark.parametrize(
    ("changelist", "expected"), ADMIN_CHANGELISTS, ids=[name for name, _ in ADMIN_CHANGELISTS]
)
def test_admin_changelist_query_count_does_not_grow(admin_client, changelist, expected):
    url = reverse(f"admin:{changelist}_changelist")
    make_admin_rows(1)
    assert count_queries(admin_client, url) == expected
    make_admin_rows(30)
    assert count_queries(admin_client, url) == expected


def test_a_second_miss_of_the_home_page_reads_nothing(client, settings, django_assert_num_queries):
    """The current season and the open calls are a record of the seasons and calls, the
    latest laureates' ids and their cards fragments: another address of the home page (a
    page cache miss) reads nothing, however many laureates."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    season = SeasonFactory()
    make_rows(season, 8)
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/?utm_source=lettre")
    latest = response.content.decode().split('id="latest-laureates-title"')[1]
    assert latest.count('class="fr-card ') == 6
