"""Laureate cards kept in the cache (issue 18): the same bytes as the template renders,
stale after any change of what they show, per language and heading, and a miss of a page
whose cards are kept reads no domain."""

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from accelerator import page_cache
from laureates.cards import rendered_cards
from laureates.models import Laureate, Track
from laureates.tests.factories import DomainFactory, LaureateFactory
from seasons.tests.factories import SeasonFactory

# Every request renders its page (a page cache miss); fragments stay cached.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pages_rendered_every_time")]

LIST = "/laureats/"


def included(laureate, heading):
    """The card as the pages' `{% include %}` rendered it before."""
    source = '{% include "laureates/includes/laureate_card.html" with heading=heading %}'
    return Template(source).render(Context({"laureate": laureate, "heading": heading}))


def laureate(**values):
    domains = [
        DomainFactory(name="Éducation", slug="education"),
        DomainFactory(name="Alimentation & co", slug="alimentation"),
    ]
    return LaureateFactory(name='L’atelier "libre" <du quartier>', domains=domains, **values)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("heading", ["h2", ""])
def test_a_card_from_the_cache_is_the_bytes_the_template_renders(language, heading):
    shown = laureate(track=Track.FULL_SUPPORT)
    with translation.override(language):
        expected = included(Laureate.objects.get(pk=shown.pk), heading)
        first = rendered_cards(Laureate.objects.filter(pk=shown.pk), heading)
        again = rendered_cards(Laureate.objects.filter(pk=shown.pk), heading)
    assert first == again == [expected]
    assert "&lt;du quartier&gt;" in expected and "Alimentation &amp; co" in expected


def test_each_language_and_heading_has_its_own_card():
    shown = laureate(track=Track.FULL_SUPPORT)
    cards = {}
    for language in ["fr", "en"]:
        for heading in ["h2", ""]:
            with translation.override(language):
                cards[language, heading] = rendered_cards([shown], heading)[0]
    assert len(set(cards.values())) == 4
    assert "<h2 " in cards["fr", "h2"] and "<h3 " in cards["fr", ""]
    with translation.override("en"):
        assert str(Track.FULL_SUPPORT.label).capitalize() in cards["en", "h2"]


def test_a_card_follows_every_change_of_what_it_shows(client):
    shown = laureate()
    education = shown.domains.get(name="Éducation")
    assert "Éducation" in client.get(LIST).content.decode()
    shown.name = "Nouveau nom"
    shown.save()
    assert "Nouveau nom" in client.get(LIST).content.decode()
    education.name = "Éducation populaire"
    education.save()
    assert "Éducation populaire" in client.get(LIST).content.decode()
    shown.domains.add(DomainFactory(name="Culture"))  # the m2m alone
    assert "Culture" in client.get(LIST).content.decode()
    season = shown.season
    season.title = "Saison renommée"
    season.save()
    assert "Saison renommée ·" in client.get(LIST).content.decode()


def test_a_second_miss_of_a_page_reads_no_domain(client, django_assert_num_queries):
    domains = [DomainFactory(name="Éducation"), DomainFactory(name="Culture")]
    for _ in range(3):
        LaureateFactory(season=SeasonFactory(), domains=domains)
    client.get(LIST)
    # nothing: the public laureates' order, the filters' choices and the cards are kept
    with django_assert_num_queries(0):
        again = client.get(LIST)
    english = Client()
    english.cookies["django_language"] = "en"
    # the other language's cards are its own: their laureates and domains are read once
    with django_assert_num_queries(2):
        english.get(LIST)
    assert again.content.decode().count('class="fr-card ') == 3


def test_fragments_off_render_every_card(settings, django_assert_num_queries):
    settings.PUBLIC_FRAGMENT_CACHE_SECONDS = 0
    shown = laureate()
    rows = Laureate.objects.select_related("season").filter(pk=shown.pk)
    rendered_cards(rows.all())
    # the ids of the page, then the laureate and its season, its domains
    with django_assert_num_queries(3):
        cards = rendered_cards(rows.all())
    assert cards == [included(shown, "")]
    assert rendered_cards([shown]) == [included(shown, "")]


def test_a_cache_that_fails_renders_the_cards(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    shown = laureate()
    monkeypatch.setattr(page_cache.cache, "get_many", broken)
    assert rendered_cards([shown]) == [included(shown, "")]


def test_a_card_stored_under_another_version_is_rendered_again(client):
    shown = laureate()
    client.get(LIST)
    page_cache.new_version()  # what any save of a season, call, laureate or domain does
    Laureate.objects.filter(pk=shown.pk).update(name="Changé sans signal")
    assert "Changé sans signal" in client.get(LIST).content.decode()
