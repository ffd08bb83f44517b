"""Anonymous public pages come from the cache, and every change is visible at once."""

import datetime as dt
import gzip
import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accelerator import page_cache
from laureates.tests.factories import (
    DomainFactory,
    ImpactIndicatorFactory,
    LaureateFactory,
    MilestoneFactory,
)
from seasons.tests.factories import CallFactory, SeasonFactory

pytestmark = pytest.mark.django_db

LIST = "/laureats/"


def test_laureate_list_second_request_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    LaureateFactory(name="Open Food Facts")
    first = client.get(LIST)
    assert first[page_cache.HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(LIST)
    assert second[page_cache.HIT_HEADER] == "hit"
    assert "Open Food Facts" in second.content.decode()
    assert second["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("count", [1, 8])
def test_cached_laureate_page_needs_no_query_whatever_the_milestones(
    client, django_assert_num_queries, count
):
    laureate = LaureateFactory()
    MilestoneFactory.create_batch(count, laureate=laureate)
    client.get(laureate.get_absolute_url())
    with django_assert_num_queries(0):
        response = Client().get(laureate.get_absolute_url())
    assert response[page_cache.HIT_HEADER] == "hit"
    assert response.content.decode().count("Jalon ") >= count


def test_laureate_renamed_is_shown_on_the_next_request(client):
    laureate = LaureateFactory(name="Ancien nom")
    assert "Ancien nom" in client.get(LIST).content.decode()
    laureate.name = "Nouveau nom"
    laureate.save()
    response = client.get(LIST)
    html = response.content.decode()
    assert response[page_cache.HIT_HEADER] == "miss"
    assert "Nouveau nom" in html
    assert "Ancien nom" not in html


def test_laureate_deleted_disappears_from_the_list_at_once(client):
    laureate = LaureateFactory(name="Projet retiré")
    assert "Projet retiré" in client.get(LIST).content.decode()
    laureate.delete()
    assert "Projet retiré" not in client.get(LIST).content.decode()


def test_season_retitled_is_shown_on_the_season_list_at_once(client):
    season = SeasonFactory(title="Saison des communs")
    url = reverse("seasons:season_list")
    assert "Saison des communs" in client.get(url).content.decode()
    season.title = "Saison de l’inclusion"
    season.save()
    assert "Saison de l’inclusion" in client.get(url).content.decode()


def test_call_unpublished_with_its_season_is_gone_from_the_call_page_at_once(client):
    call = CallFactory(title="Appel éphémère")
    url = call.get_absolute_url()
    assert client.get(url).status_code == 200
    call.season.published = False
    call.season.save()
    assert client.get(url).status_code == 404


def test_milestone_done_is_shown_on_the_laureate_page_at_once(client):
    milestone = MilestoneFactory(title="Atelier de lancement")
    url = milestone.laureate.get_absolute_url()
    assert "Atelier de lancement" in client.get(url).content.decode()
    milestone.is_public = False
    milestone.save()
    assert "Atelier de lancement" not in client.get(url).content.decode()


def test_indicator_added_is_shown_on_the_laureate_page_at_once(client):
    laureate = LaureateFactory()
    url = laureate.get_absolute_url()
    assert "Cartes publiées" not in client.get(url).content.decode()
    ImpactIndicatorFactory(laureate=laureate, name="Cartes publiées")
    assert "Cartes publiées" in client.get(url).content.decode()


def test_domain_given_to_a_laureate_is_shown_in_the_list_at_once(client):
    laureate = LaureateFactory()
    domain = DomainFactory(name="Alimentation durable")
    assert "Alimentation durable" not in client.get(LIST).content.decode()
    laureate.domains.add(domain)
    assert "Alimentation durable" in client.get(LIST).content.decode()


def test_open_data_csv_is_cached_and_follows_changes(client):
    laureate = LaureateFactory(name="PrimTux")
    url = reverse("open_data:laureates_csv")
    first = client.get(url)
    second = client.get(url)
    assert second[page_cache.HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Disposition"] == 'inline; filename="laureats.csv"'
    assert second["Last-Modified"] == first["Last-Modified"]
    laureate.name = "PrimTux 2"
    laureate.save()
    assert "PrimTux 2" in client.get(url).content.decode()


def test_cached_page_is_the_same_bytes_as_the_rendered_one_with_no_nonce(client):
    LaureateFactory(name="Open Food Facts")
    first = client.get(LIST)
    second = Client().get(LIST)
    assert second[page_cache.HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "nonce" not in second.content.decode()
    assert "csrfmiddlewaretoken" not in second.content.decode()
    assert "nonce-" not in second["Content-Security-Policy"]
    assert "csrftoken" not in second.cookies


def test_browser_accepting_gzip_gets_the_stored_page_compressed(client):
    LaureateFactory(name="Open Food Facts")
    first = client.get(LIST, headers={"accept-encoding": "gzip, deflate, br, zstd"})
    assert (first[page_cache.HIT_HEADER], first.has_header("Content-Encoding")) == ("miss", False)
    assert first["Vary"] == "Accept-Encoding, Cookie"
    compressed = Client().get(LIST, headers={"accept-encoding": "gzip, deflate, br, zstd"})
    assert (compressed[page_cache.HIT_HEADER], compressed["Content-Encoding"]) == ("hit", "gzip")
    assert compressed["Vary"] == "Accept-Encoding, Cookie"
    assert gzip.decompress(compressed.content) == first.content
    assert len(compressed.content) < len(first.content) / 3
    plain = Client().get(LIST, headers={"accept-encoding": "identity"})
    assert (plain[page_cache.HIT_HEADER], plain.has_header("Content-Encoding")) == ("hit", False)
    assert plain.content == first.content


def test_entry_of_an_older_shape_is_a_miss_then_stored_again(client):
    LaureateFactory(name="Open Food Facts")
    first = client.get(LIST)
    request = RequestFactory().get(LIST)
    key = page_cache.page_key(request)
    older = {"version": page_cache.current_version(), "content": b"old", "headers": {}}
    cache.set(key, {**older, "content_type": "text/html"})
    again = Client().get(LIST)
    assert (again[page_cache.HIT_HEADER], again.content) == ("miss", first.content)
    assert Client().get(LIST)[page_cache.HIT_HEADER] == "hit"


def test_hit_is_answered_before_authentication_and_sessions_run(client):
    LaureateFactory(name="Open Food Facts")
    miss = client.get(LIST)
    hit = Client().get(LIST, headers={"accept-encoding": "gzip"})
    assert (miss[page_cache.HIT_HEADER], hit[page_cache.HIT_HEADER]) == ("miss", "hit")
    assert (hasattr(miss.wsgi_request, "user"), hasattr(hit.wsgi_request, "user")) == (True, False)
    assert hit["Content-Length"] == str(len(hit.content))
    assert (hit["Content-Language"], hit["X-Frame-Options"]) == ("fr", "DENY")
    assert "default-src" in hit["Content-Security-Policy"]


def test_only_addresses_of_public_pages_are_looked_up_before_the_view(client, monkeypatch):
    looked_up = []
    real = page_cache.look_up
    monkeypatch.setattr(
        page_cache, "look_up", lambda request: looked_up.append(request.path) or real(request)
    )
    client.get(LIST)
    client.get("/laureats")  # redirected to add the slash: no view of its own
    client.get("/admin/login/")
    client.get("/nulle-part/")
    client.get(LIST, headers={"cookie": "messages=x"})
    # the middleware's look-up, given to the view's decorator: one round trip; a
    # messages cookie leaves the look-up to the decorator, after the messages are read
    assert looked_up == [LIST, LIST]


def test_page_that_used_a_csrf_token_is_not_stored():
    """A form's token belongs to one visitor: stored, it would be sent to the next ones."""
    view = page_cache.cache_public_page(
        lambda request: HttpResponse(f'<input value="{get_token(request)}">')
    )
    first = view(RequestFactory().get(LIST))
    second = view(RequestFactory().get(LIST))
    assert page_cache.HIT_HEADER not in first
    assert page_cache.HIT_HEADER not in second
    assert first.content != second.content


def test_page_that_used_a_csp_nonce_is_not_stored():
    def view(request):
        request._csp_nonce = "per-request"  # as reading request.csp_nonce does
        return HttpResponse('<script nonce="per-request"></script>')

    cached = page_cache.cache_public_page(view)
    cached(RequestFactory().get(LIST))
    assert page_cache.HIT_HEADER not in cached(RequestFactory().get(LIST))


def test_each_language_has_its_own_entry_served_without_queries(django_assert_num_queries):
    LaureateFactory(name="Open Food Facts")
    english_visitor = Client()
    english_visitor.cookies["django_language"] = "en"
    Client().get(LIST)
    english_visitor.get(LIST)
    with django_assert_num_queries(0):
        french = Client().get(LIST)
        english = english_visitor.get(LIST)
    assert (french[page_cache.HIT_HEADER], english[page_cache.HIT_HEADER]) == ("hit", "hit")
    assert '<html lang="fr"' in french.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert "Lauréats" in french.content.decode()
    assert "Laureates" in english.content.decode()


def test_language_switch_link_then_gets_the_cached_page_of_that_language():
    LaureateFactory()
    Client().get(LIST)
    visitor = Client()
    assert visitor.get(LIST)[page_cache.HIT_HEADER] == "hit"
    switch = visitor.get(reverse("switch_language", args=["en"]), {"next": LIST})
    assert switch["Location"] == LIST
    english = visitor.get(LIST)
    assert english[page_cache.HIT_HEADER] == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert Client(cookies={"django_language": "en"}).get(LIST)[page_cache.HIT_HEADER] == "hit"


def test_english_visitor_gets_the_english_page_not_the_cached_french_one(client):
    LaureateFactory()
    french = client.get(LIST).content.decode()
    english_visitor = Client()
    english_visitor.cookies["django_language"] = "en"
    english = english_visitor.get(LIST)
    assert english[page_cache.HIT_HEADER] == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="fr"' in french


def test_staff_pages_are_never_served_from_the_cache(client, admin_client):
    LaureateFactory(name="Open Food Facts")
    client.get(LIST)
    assert client.get(LIST)[page_cache.HIT_HEADER] == "hit"
    response = admin_client.get(LIST)
    assert page_cache.HIT_HEADER not in response
    assert "Open Food Facts" in response.content.decode()


def test_request_with_a_waiting_message_is_neither_served_from_nor_stored_in_the_cache(client):
    """An applicant's message waits for their private page: a public page in between is
    rendered for them (a "miss" would mean stored, a "hit" served from the cache)."""
    LaureateFactory()
    client.get(LIST)
    visitor = Client()
    storage = CookieStorage(RequestFactory().get("/"))
    visitor.cookies[storage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "Votre brouillon est enregistré.")]
    )
    response = visitor.get(LIST)
    assert response.status_code == 200
    assert page_cache.HIT_HEADER not in response
    assert Client().get(LIST)[page_cache.HIT_HEADER] == "hit"


def test_application_form_is_never_cached(client):
    now = timezone.now()
    call = CallFactory(opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=9))
    url = reverse("seasons:apply", args=[call.season.slug, call.slug])
    first = client.get(url)
    second = Client().get(url)
    assert page_cache.HIT_HEADER not in first
    assert page_cache.HIT_HEADER not in second
    stamp = re.compile(r'name="stamp" value="([^"]+)"')
    assert stamp.search(first.content.decode()).group(1) != stamp.search(
        second.content.decode()
    ).group(1)


def test_page_is_kept_no_longer_than_until_the_next_call_closes(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    now = timezone.now()
    CallFactory(opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(seconds=40))
    assert page_cache.seconds_to_keep(now) == 41


def test_page_is_kept_no_longer_than_until_the_next_call_opens(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    now = timezone.now()
    CallFactory(opens_at=now + dt.timedelta(seconds=90), closes_at=now + dt.timedelta(days=9))
    assert page_cache.seconds_to_keep(now) == 91


def test_page_is_kept_the_configured_time_when_no_call_changes_soon(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    now = timezone.now()
    CallFactory(opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1))
    assert page_cache.seconds_to_keep(now) == 300


def test_page_cache_off_renders_every_request(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    LaureateFactory()
    client.get(LIST)
    assert page_cache.HIT_HEADER not in client.get(LIST)
