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
        laureate = LaureateFactory(season=season, domains=domains)
        MilestoneFactory(laureate=laureate)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda season: "/",
        lambda season: reverse("seasons:season_list"),
        lambda season: season.get_absolute_url(),
        lambda season: reverse("laureates:laureate_list"),
    ],
    ids=["home", "season-list", "season-page", "laureate-list"],
)
def test_list_pages_query_count_does_not_grow(client, url_of):
    season = SeasonFactory()
    make_rows(season, 1)
    one = count_queries(client, url_of(season))
    make_rows(season, 20)
    SeasonFactory.create_batch(5)
    many = count_queries(client, url_of(season))
    assert one == many


ADMIN_CHANGELISTS = [
    "seasons_season",
    "seasons_call",
    "seasons_submission",
    "seasons_referent",
    "seasons_attachment",
    "seasons_outboundemail",
    "laureates_laureate",
    "laureates_milestone",
]


def make_admin_rows(rows):
    for _ in range(rows):
        referent = ReferentFactory()
        AttachmentFactory(submission=referent.submission)
        OutboundEmailFactory(submission=referent.submission)
        laureate = LaureateFactory(submission=referent.submission, domains=[DomainFactory()])
        MilestoneFactory(laureate=laureate)


@pytest.mark.parametrize("changelist", ADMIN_CHANGELISTS)
def test_admin_changelist_query_count_does_not_grow(admin_client, changelist):
    url = reverse(f"admin:{changelist}_changelist")
    make_admin_rows(1)
    one = count_queries(admin_client, url)
    make_admin_rows(30)
    many = count_queries(admin_client, url)
    assert one == many
