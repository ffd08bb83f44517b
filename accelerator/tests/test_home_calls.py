"""The home page's current season and open calls, kept as a public record of the seasons
and calls (issue 18): a miss after a laureate's change does not read them again; a change
of a season or a call, and a call's opening or closing, are on the page at once."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laureates.tests.factories import LaureateFactory, MilestoneFactory
from seasons.tests.factories import CallFactory, SeasonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_rendered_every_time")]


def home(client):
    """The page, its open-calls section, and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    calls = page.split('id="open-calls-title"')[1].split('id="latest-laureates-title"')[0]
    return page, calls, len(queries)


@pytest.fixture
def season():
    season = SeasonFactory(title="Saison des communs")
    CallFactory(season=season, title="Appel ouvert", is_open=True)
    CallFactory(season=season, title="Appel clos")  # of 2023
    return season


def test_the_open_calls_are_listed_and_kept(client, season):
    page, calls, queries = home(client)
    assert (calls.count('class="fr-card '), "Appel ouvert" in calls) == (1, True)
    assert "Saison des communs" in page and "Appel clos" not in page
    # the season, the open calls, the next opening or closing; the latest laureates'
    # ids (none) and, storing them, the next call's dates
    assert queries == 5
    again, _calls, queries = home(client)
    assert (again, queries) == (page, 0)


def test_a_laureates_change_keeps_the_calls(client, season):
    laureate = LaureateFactory(season=season)
    home(client)
    MilestoneFactory(laureate=laureate, title="Jalon nouveau")
    laureate.name = "Nouveau nom"
    laureate.save()
    page, _calls, queries = home(client)
    # the latest laureates' ids, the next call's dates, their rows and domains (the
    # pages' version changed), not the season nor the calls
    assert ("Nouveau nom" in page, "Appel ouvert" in page, queries) == (True, True, 4)


def rename_call(season):
    call = season.calls.get(title="Appel ouvert")
    call.title = "Appel renommé"
    call.save()
    return "Appel renommé"


def open_a_call(season):
    CallFactory(season=season, title="Appel nouveau", is_open=True)
    return "Appel nouveau"


def rename_season(season):
    season.title = "Saison renommée"
    season.save()
    return "Saison renommée"


def newer_season(season):
    SeasonFactory(number=season.number + 1, title="Saison suivante")
    return "Saison suivante"


@pytest.mark.parametrize("change", [rename_call, open_a_call, rename_season, newer_season])
def test_every_change_of_a_season_or_a_call_is_on_the_page(client, season, change):
    first, _calls, _tables = home(client)
    expected = change(season)
    assert expected not in first
    assert expected in home(client)[0]


def test_a_call_deleted_leaves_the_page(client, season):
    assert "Appel ouvert" in home(client)[1]
    season.calls.get(title="Appel ouvert").delete()
    assert "Appel ouvert" not in home(client)[1]


def test_a_call_that_closes_leaves_the_list_at_its_deadline(client, season, monkeypatch):
    closes_at = season.calls.get(title="Appel ouvert").closes_at
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: closes_at - dt.timedelta(seconds=1))
    assert "Appel ouvert" in home(client)[1]
    monkeypatch.setattr(timezone, "now", lambda: closes_at + dt.timedelta(seconds=1))
    assert "Appel ouvert" not in home(client)[1]
    assert real_now() < closes_at


def test_a_call_that_opens_joins_the_list_at_its_opening(client, season, monkeypatch):
    opens_at = timezone.now() + dt.timedelta(days=2)
    CallFactory(season=season, title="Appel à venir", opens_at=opens_at,
                closes_at=opens_at + dt.timedelta(days=20))  # fmt: skip
    monkeypatch.setattr(timezone, "now", lambda: opens_at - dt.timedelta(seconds=1))
    assert "Appel à venir" not in home(client)[1]
    monkeypatch.setattr(timezone, "now", lambda: opens_at)
    assert "Appel à venir" in home(client)[1]


def test_the_days_left_follow_the_day(client, season, monkeypatch):
    closes_at = season.calls.get(title="Appel ouvert").closes_at
    monkeypatch.setattr(timezone, "now", lambda: closes_at - dt.timedelta(days=5, hours=1))
    assert "5 jours restants" in home(client)[1]
    monkeypatch.setattr(timezone, "now", lambda: closes_at - dt.timedelta(days=4, hours=1))
    assert "4 jours restants" in home(client)[1]


def test_each_language_has_its_own_calls(client, season):
    french = home(client)[1]
    english = Client()
    english.cookies["django_language"] = "en"
    text, queries = home(english)[1:]
    assert ("Apply before" in text, "Déposez votre projet avant" in french) == (True, True)
    # its own season, open calls and next opening or closing; the latest laureates kept
    assert ("Déposez votre projet avant" in text, queries) == (False, 3)
