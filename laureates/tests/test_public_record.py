"""A laureate's public record (issue 18): the sections of its page kept until its own rows
change, so that a miss of the page after another laureate's change costs one query; every
change of what the record shows is on the page at the next request."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accelerator import public_records
from laureates import followup
from laureates.models import MilestoneStatus, UpdateStatus
from laureates.space.updates import set_published
from laureates.tests.factories import (
    DomainFactory,
    FollowUpPlanStepFactory,
    ImpactIndicatorFactory,
    LaureateFactory,
    MeasurementFactory,
    MilestoneFactory,
    TeamUpdateFactory,
)

# Every request renders its page (a page cache miss); fragments and records stay kept.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_rendered_every_time")]


def shown(client, laureate):
    """The page's text and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(laureate.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def laureate():
    laureate = LaureateFactory(domains=[DomainFactory(name="Éducation")])
    MilestoneFactory(laureate=laureate, title="Premier atelier", is_public=True)
    indicator = ImpactIndicatorFactory(laureate=laureate, name="Repas servis")
    MeasurementFactory(indicator=indicator, value=Decimal("120"))
    return laureate


def test_a_second_miss_reads_nothing(client, laureate):
    first, queries = shown(client, laureate)
    # the public id of the slug (a fragment: storing it reads the next call's dates),
    # then the record: the laureate with its season, its domains, milestones,
    # indicators with their measurements, published updates
    assert queries == 8
    again, queries = shown(client, laureate)
    assert (again, queries) == (first, 0)
    assert "Premier atelier" in again and "Repas servis" in again and "Éducation" in again


def test_another_laureates_change_keeps_the_record(client, laureate):
    other = LaureateFactory(season=laureate.season)
    first, _queries = shown(client, laureate)
    MilestoneFactory(laureate=other, title="Ailleurs", is_public=True)
    other.name = "Autre nom"
    other.save()
    again, queries = shown(client, laureate)
    # the public id of the slug again (the pages' version changed), not the record
    assert (again, queries) == (first, 2)


def change_milestone(laureate):
    milestone = laureate.milestones.get()
    milestone.title = "Atelier renommé"
    milestone.save()
    return "Atelier renommé"


def change_status(laureate):
    followup.change_status(laureate.milestones.get(), MilestoneStatus.IN_PROGRESS)
    return "fr-badge--info"


def add_measurement(laureate):
    MeasurementFactory(indicator=laureate.indicators.get(), value=Decimal("987"))
    return "<td>987</td>"


def rename_indicator(laureate):
    indicator = laureate.indicators.get()
    indicator.name = "Familles aidées"
    indicator.save()
    return "Familles aidées"


def publish_update(laureate):
    milestone = laureate.milestones.get()
    update = TeamUpdateFactory(
        milestone=milestone, text="Nous avons ouvert.", status=UpdateStatus.CONFIRMED
    )
    set_published(update, True)
    return "Nous avons ouvert."


def rename_domain(laureate):
    domain = laureate.domains.get()
    domain.name = "Éducation populaire"
    domain.save()
    return "Éducation populaire"


def add_domain(laureate):
    laureate.domains.add(DomainFactory(name="Culture"))
    return "Culture"


def add_laureate_from_domain(laureate):
    DomainFactory(name="Santé").laureates.add(laureate)
    return "Santé"


def apply_plan(laureate):
    FollowUpPlanStepFactory(plan__season=laureate.season, title="Étape du plan", is_public=True)
    followup.apply_plan(laureate)
    return "Étape du plan"


@pytest.mark.parametrize(
    "change",
    [
        change_milestone,
        change_status,
        add_measurement,
        rename_indicator,
        publish_update,
        rename_domain,
        add_domain,
        add_laureate_from_domain,
        apply_plan,
    ],
)
def test_every_change_of_what_the_record_shows_is_on_the_page(client, laureate, change):
    first, _queries = shown(client, laureate)
    expected = change(laureate)
    assert expected not in first
    again, _queries = shown(client, laureate)
    assert expected in again


def test_a_deleted_milestone_leaves_the_page(client, laureate):
    assert "Premier atelier" in shown(client, laureate)[0]
    laureate.milestones.get().delete()
    assert "Premier atelier" not in shown(client, laureate)[0]


def test_each_language_has_its_own_record(client, laureate):
    french, _queries = shown(client, laureate)
    english = Client()
    english.cookies["django_language"] = "en"
    text, queries = shown(english, laureate)
    assert queries == 6  # the record in English; the public id of the slug is kept
    assert "Suivi" in french and "Follow-up" in text and "Follow-up" not in french


def test_the_progress_follows_the_day_with_a_kept_record(client, laureate, monkeypatch):
    laureate.support_starts_on, laureate.support_ends_on = dt.date(2024, 1, 1), dt.date(2025, 1, 1)
    laureate.save()
    monkeypatch.setattr(followup, "today", lambda on=None: dt.date(2024, 1, 1))
    assert 'width="0"' in shown(client, laureate)[0]
    monkeypatch.setattr(followup, "today", lambda on=None: dt.date(2024, 7, 2))
    page, queries = shown(client, laureate)
    assert ('width="50"' in page, queries) == (True, 0)


def test_a_cache_that_fails_renders_the_record(client, laureate, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(public_records.cache, "get_many", broken)
    page, queries = shown(client, laureate)
    # the public id of the slug, the record (6)
    assert "Premier atelier" in page and queries == 7


def test_records_off_render_every_time(client, laureate, settings):
    settings.PUBLIC_FRAGMENT_CACHE_SECONDS = 0
    shown(client, laureate)
    assert shown(client, laureate)[1] == 7


def test_a_season_renamed_is_on_the_page(client, laureate):
    shown(client, laureate)
    season = laureate.season
    season.title = "Saison renommée"
    season.save()
    assert "Saison renommée" in shown(client, laureate)[0]


def test_a_laureate_no_longer_public_is_not_found_though_its_record_is_kept(client, laureate):
    shown(client, laureate)
    season = laureate.season
    season.published = False
    season.save()
    assert client.get(laureate.get_absolute_url()).status_code == 404
    season.published = True
    season.save()
    shown(client, laureate)
    laureate.awaiting_acceptance = True
    laureate.save()
    assert client.get(laureate.get_absolute_url()).status_code == 404


def test_an_unknown_address_is_not_found_twice(client, django_assert_num_queries):
    assert client.get("/laureats/personne/").status_code == 404
    with django_assert_num_queries(0):  # the slug's absence is kept as well
        assert client.get("/laureats/personne/").status_code == 404
