"""Fragments shared by public pages (the laureate filters' choices) follow every change."""

import datetime as dt
import re
import time

import pytest
from django.test import Client
from django.utils import timezone

from accelerator import page_cache
from laureates.tests.factories import DomainFactory, LaureateFactory
from seasons.tests.factories import CallFactory, SeasonFactory, SubmissionFactory

# Every request renders its page (a page cache miss); fragments stay cached.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_rendered_every_time")]

LIST = "/laureats/"


def options(client, name):
    """The (value, label) options of one filter's select, as shown."""
    page = client.get(LIST).content.decode()
    select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_choices_are_the_ones_read_from_the_database(client):
    LaureateFactory(season=SeasonFactory(title="Saison 1", slug="s1"), domains=[
        DomainFactory(name="Éducation", slug="education"),
        DomainFactory(name="Alimentation", slug="alimentation"),
    ])  # fmt: skip
    DomainFactory(name="Culture", slug="culture")  # no public laureate: not offered
    expected = [("", "Tous les domaines"), ("alimentation", "Alimentation"),
                ("education", "Éducation")]  # fmt: skip
    assert options(client, "domaine") == expected
    assert options(client, "domaine") == expected  # from the fragment
    assert options(client, "saison") == [("", "Toutes les saisons"), ("s1", "Saison 1")]


def test_domain_given_to_a_laureate_is_offered_at_once(client):
    laureate = LaureateFactory()
    assert options(client, "domaine") == [("", "Tous les domaines")]
    laureate.domains.add(DomainFactory(name="Santé", slug="sante"))
    assert options(client, "domaine") == [("", "Tous les domaines"), ("sante", "Santé")]


def test_season_published_is_offered_at_once_and_unpublished_withdrawn(client):
    season = SeasonFactory(title="Saison 2", slug="s2", published=False)
    LaureateFactory(season=season)
    assert options(client, "saison") == [("", "Toutes les saisons")]
    season.published = True
    season.save()
    assert options(client, "saison") == [("", "Toutes les saisons"), ("s2", "Saison 2")]
    season.published = False
    season.save()
    assert options(client, "saison") == [("", "Toutes les saisons")]


def test_domain_of_laureates_announced_by_the_clock_is_offered_after_the_announcement(client):
    """No save happens at the announcement: the fragment expires at that moment."""
    call = CallFactory(laureates_announced_at=timezone.now() + dt.timedelta(seconds=0.5))
    LaureateFactory(
        season=call.season,
        submission=SubmissionFactory(call=call),
        published=False,
        domains=[DomainFactory(name="Climat", slug="climat")],
    )
    assert options(client, "domaine") == [("", "Tous les domaines")]
    time.sleep(1.2)
    assert options(client, "domaine") == [("", "Tous les domaines"), ("climat", "Climat")]


def test_the_fragment_holds_no_language(client):
    LaureateFactory(domains=[DomainFactory(name="Santé", slug="sante")])
    assert options(client, "domaine")[0] == ("", "Tous les domaines")
    english = Client()
    english.cookies["django_language"] = "en"
    assert options(english, "domaine") == [("", "All domains"), ("sante", "Santé")]
    assert options(english, "saison")[0] == ("", "All seasons")


def test_fragments_off_read_the_database_each_time(client, settings, django_assert_num_queries):
    settings.PUBLIC_FRAGMENT_CACHE_SECONDS = 0
    LaureateFactory(domains=[DomainFactory()])
    client.get(LIST)
    # the public laureates' order, the page's laureates, their domains; the seasons and
    # the domains
    with django_assert_num_queries(5):
        client.get(LIST)


def test_a_cache_that_fails_computes_the_fragment(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(page_cache.cache, "get_many", broken)
    assert page_cache.public_fragment("answer", lambda: 42) == 42


def shown_count(client, url):
    return re.search(r'id="result-count"[^>]*>\s*(\d+)', client.get(url).content.decode()).group(1)


def test_count_shared_by_the_pages_of_a_filter_follows_a_new_laureate_at_once(client):
    season = SeasonFactory(slug="s1")
    LaureateFactory.create_batch(25, season=season)
    assert shown_count(client, LIST + "?saison=s1") == "25"
    assert shown_count(client, LIST + "?saison=s1&page=2") == "25"
    LaureateFactory(season=season)
    assert shown_count(client, LIST + "?saison=s1&page=2") == "26"
    assert shown_count(client, LIST + "?saison=s1&q=zzz") == "0"  # a filter of its own


def test_count_follows_laureates_announced_by_the_clock(client):
    call = CallFactory(laureates_announced_at=timezone.now() + dt.timedelta(seconds=0.5))
    LaureateFactory(season=call.season, submission=SubmissionFactory(call=call), published=False)
    assert shown_count(client, LIST) == "0"
    time.sleep(1.2)
    assert shown_count(client, LIST) == "1"


def test_a_fragment_stored_by_an_older_release_is_computed_again(client):
    page_cache.cache.set("public-pages:fragment:answer", {"value": 41})
    assert page_cache.public_fragment("answer", lambda: 42) == 42
    assert page_cache.public_fragment("answer", lambda: 43) == 42  # the new one is kept
