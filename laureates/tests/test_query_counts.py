"""Laureate pages, exports and the staff board use a constant number of queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates.models import MilestoneStatus, SupportKind
from laureates.tests.factories import (
    DomainFactory,
    FollowUpPlanStepFactory,
    ImpactIndicatorFactory,
    LaureateFactory,
    MeasurementFactory,
    MilestoneFactory,
    StaffUserFactory,
)
from seasons.tests.factories import CallFactory, SeasonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """What is counted is the render; the page cache has its own tests
    (accelerator/tests/test_page_cache.py), with 0 queries on a hit."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


def count_queries(client, url, results=None):
    """The queries of one GET; `results` checks the page lists that many laureates, so
    that a constant count is not the trivial one of an empty page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if results is not None:
        assert response.context["page_obj"].paginator.count == results
    return len(queries)


def make_laureates(season, rows, domains):
    """`rows` laureates with every kind of related row the pages show."""
    from laureates.tests.factories import SupportLogFactory, TrancheFactory

    owner = StaffUserFactory()
    for _ in range(rows):
        laureate = LaureateFactory(season=season, domains=domains)
        MilestoneFactory(laureate=laureate, due_on=dt.date(2024, 3, 1), owner=owner)
        TrancheFactory(laureate=laureate, number=1, committee_decided_on=dt.date(2024, 1, 1))
        SupportLogFactory(laureate=laureate, staff_member=owner)
        MilestoneFactory(
            laureate=laureate,
            kind=SupportKind.FINANCIAL,
            status=MilestoneStatus.DONE,
            completed_on=dt.date(2024, 1, 1),
            amount_granted=Decimal("80000"),
            amount_paid=Decimal("80000"),
        )
        CallFactory(season=season)


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-staff-1")
    login_staff(client, user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:laureates_laureate_board") + "?as_of=2024-03-10",
        reverse("admin:laureates_followupplan_changelist"),
        reverse("admin:laureates_impactindicator_changelist"),
        reverse("admin:laureates_milestonereminder_changelist"),
    ],
    ids=["board", "plans", "indicators", "reminders"],
)
def test_staff_pages_query_count_does_not_grow(staff_client, url, request):
    # 3 for the admin's session, user and OTP device, then the page's own
    # (the board: its laureates with their last update's day, overdue, due soon, hours
    # given, hours planned, ready tranches, updates awaiting confirmation, reports
    # awaiting review)
    expected = {"board": 12, "plans": 6, "indicators": 7, "reminders": 8}[request.node.callspec.id]
    from laureates.models import MilestoneReminder

    season = SeasonFactory()
    domains = [DomainFactory(), DomainFactory()]

    def more(rows):
        make_laureates(season, rows, domains)
        for laureate in season.laureates.filter(indicators__isnull=True):
            FollowUpPlanStepFactory(plan__season=SeasonFactory())
            MeasurementFactory(indicator=ImpactIndicatorFactory(laureate=laureate))
            MilestoneReminder.objects.create(
                milestone=laureate.milestones.first(),
                recipient=StaffUserFactory(),
                sent_on=dt.date(2024, 3, 10),
            )

    more(1)
    assert count_queries(staff_client, url) == expected
    more(100)
    assert count_queries(staff_client, url) == expected


def test_board_query_count_with_updates_awaiting_and_silent_laureates(staff_client):
    """1 and 50 laureates, each with an update awaiting confirmation (its author, step and
    laureate shown) and a report awaiting review, half of them silent for 60 days: the
    same 12 queries."""
    from laureates.models import TeamUpdate
    from laureates.tests.factories import ReportFactory, TeamMemberFactory, TeamUpdateFactory

    season = SeasonFactory()
    url = reverse("admin:laureates_laureate_board") + "?as_of=2024-03-10"

    def more(rows):
        make_laureates(season, rows, [DomainFactory()])
        for laureate in season.laureates.filter(updates__isnull=True):
            update = TeamUpdateFactory(
                milestone=laureate.milestones.first(), author=TeamMemberFactory(laureate=laureate)
            )
            silent = laureate.pk % 2 == 0  # 100 days before the board's day, else 50
            day = (
                dt.datetime(2023, 12, 1, 12, tzinfo=dt.UTC)
                if silent
                else dt.datetime(2024, 1, 20, 12, tzinfo=dt.UTC)
            )
            TeamUpdate.objects.filter(pk=update.pk).update(created_at=day)
            ReportFactory(laureate=laureate, status="sent", sent_at=day)

    more(1)
    with CaptureQueriesContext(connection) as queries:
        board = staff_client.get(url).context["board"]
    assert (len(queries), len(board.awaiting_updates), len(board.awaiting_reports)) == (12, 1, 1)
    more(49)
    with CaptureQueriesContext(connection) as queries:
        board = staff_client.get(url).context["board"]
    assert (len(queries), len(board.awaiting_updates), len(board.silent)) == (12, 50, 25)
    assert len(board.awaiting_reports) == 50
    page = staff_client.get(url).content.decode()
    assert len(re.findall(r"/admin/laureates/report/\d+/change/", page)) == 50


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # the ids of every public laureate in the list's order, and the filters' seasons
        # and domains, each kept as a fragment until the next change or announcement (the
        # next call's dates, read for each); then (their cards not kept yet) the page's
        # laureates and their domains; a filter reads the ids it matches (a season or a
        # domain is checked against the choices, by its slug, without a query)
        ("", 7),
        ("?saison=saison-1", 8),
        ("?domaine=domaine-qc&parcours=full_support&accompagnement=methodological&q=Projet", 8),
    ],
    ids=["no-filter", "season", "all-filters"],
)
def test_laureate_list_query_count_does_not_grow(client, params, expected):
    season = SeasonFactory(number=1, slug="saison-1")
    domains = [DomainFactory(slug="domaine-qc"), DomainFactory()]
    make_laureates(season, 1, domains)
    url = reverse("laureates:laureate_list") + params
    assert count_queries(client, url, results=1) == expected
    make_laureates(season, 100, domains)
    SeasonFactory.create_batch(3)
    assert count_queries(client, url, results=101) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [("?page=1", 2), ("?saison=saison-1&page=1", 3), ("?domaine=domaine-qc&q=Projet&page=1", 3)],
    ids=["no-filter", "season", "filters"],
)
def test_another_page_of_the_list_reads_only_its_laureates(client, params, expected):
    """Another page of a filter already shown (a page cache miss: another address) reads
    (their cards not kept yet) its laureates and their domains; a filter, the ids it
    matches; the public laureates' order and the filters'
    choices come from the cache, however many laureates."""
    season = SeasonFactory(number=1, slug="saison-1")
    domains = [DomainFactory(slug="domaine-qc"), DomainFactory()]
    make_laureates(season, 25, domains)
    url = reverse("laureates:laureate_list") + params
    client.get(url.replace("page=1", "page=2"))
    assert count_queries(client, url, results=25) == expected
    make_laureates(season, 100, domains)
    client.get(url.replace("page=1", "page=2"))
    assert count_queries(client, url, results=125) == expected


def test_laureate_page_query_count_does_not_grow(client):
    laureate = LaureateFactory(domains=[DomainFactory()])

    def more(rows):
        for _ in range(rows):
            MilestoneFactory(laureate=laureate, kind=SupportKind.TECHNICAL)
            indicator = ImpactIndicatorFactory(laureate=laureate)
            MeasurementFactory.create_batch(3, indicator=indicator)
            laureate.domains.add(DomainFactory())

    more(1)
    # the public id of the slug (a fragment: storing it reads the next call's dates); its
    # record (laureates.public_record): the laureate with its season, domains, milestones,
    # indicators with their measurements, published updates
    assert count_queries(client, laureate.get_absolute_url()) == 8
    # both kept: nothing
    assert count_queries(client, laureate.get_absolute_url()) == 0
    more(100)
    LaureateFactory.create_batch(10, season=laureate.season)
    assert count_queries(client, laureate.get_absolute_url()) == 8
    assert count_queries(client, laureate.get_absolute_url()) == 0


def test_season_page_query_count_does_not_grow(client):
    season = SeasonFactory()
    domains = [DomainFactory(), DomainFactory()]
    make_laureates(season, 1, domains)
    assert count_queries(client, season.get_absolute_url()) == 4  # season, calls, laureates
    make_laureates(season, 100, domains)
    assert count_queries(client, season.get_absolute_url()) == 4


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # laureates, their domains, milestones and indicators; the feed and the deadlines
        # one list each; the index counts what each dataset holds
        ("laureates_csv", 5),
        ("laureates_json", 5),
        ("laureates_feed", 1),
        ("call_deadlines", 1),
        ("index", 4),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_open_data_query_count_does_not_grow(client, name, expected):
    season = SeasonFactory()
    domains = [DomainFactory(), DomainFactory()]
    make_laureates(season, 1, domains)
    url = reverse(f"open_data:{name}")
    client.get(url)  # the feed reads the sites framework's row once, then keeps it cached
    assert count_queries(client, url) == expected
    make_laureates(season, 100, domains)
    assert count_queries(client, url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # session, user, OTP device; then the counts, the rows, the seasons of the filter
        (reverse("admin:laureates_tranche_changelist"), 7),
        (reverse("admin:laureates_supportlog_changelist"), 9),  # and the dates
    ],
    ids=["tranches", "support"],
)
def test_tranche_and_support_lists_query_count_does_not_grow(staff_client, url, expected):
    from laureates.tests.factories import SupportLogFactory, TrancheFactory

    def more(rows):
        for _ in range(rows):
            step = MilestoneFactory(status=MilestoneStatus.DONE, completed_on=dt.date(2024, 1, 1))
            TrancheFactory(laureate=step.laureate, condition="step_done", milestone=step)
            SupportLogFactory(
                laureate=step.laureate, milestone=step, staff_member=StaffUserFactory()
            )

    more(1)
    assert count_queries(staff_client, url) == expected
    more(49)
    assert count_queries(staff_client, url) == expected
