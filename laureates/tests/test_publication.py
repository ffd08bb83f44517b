"""Laureates become public at their call's announcement (or when staff publish them), on
every public page, list, file and feed alike; the feed dates them by that moment."""

import datetime as dt
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from accelerator import page_cache
from laureates.models import Laureate
from laureates.onboarding import LaureateSelectionForm, laureate_from_submission
from laureates.tests.factories import DomainFactory, LaureateFactory
from laureates.tests.listing import listed_names
from seasons.tests.factories import CallFactory, SeasonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

PARIS = dt.timezone(dt.timedelta(hours=2))
ANNOUNCED = dt.datetime(2030, 6, 16, 10, 0, tzinfo=PARIS)
ATOM = "{http://www.w3.org/2005/Atom}"
LIST = reverse("laureates:laureate_list")


@pytest.fixture
def selected():
    """A laureate made at "Retenir" with the defaults, its call announced on 16 June 2030."""
    season = SeasonFactory(number=3, slug="saison-3", title="Saison 3")
    call = CallFactory(season=season, laureates_announced_at=ANNOUNCED)
    submission = SubmissionFactory(call=call, project_name="Carto Libre")
    laureate, _created = laureate_from_submission(submission, support_starts_on=dt.date(2030, 9, 1))
    laureate.domains.add(DomainFactory(name="Cartographie", slug="cartographie"))
    return laureate


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def public_views(client):
    """What each public list shows, the page cache off (its expiry is tested apart)."""
    season = client.get(reverse("seasons:season_detail", args=["saison-3"]))
    seasons = client.get(reverse("seasons:season_list")).context["seasons"]
    csv = client.get(reverse("open_data:laureates_csv")).content.decode()
    feed = atom_feed(client)
    return {
        "list": listed_names(client.get(LIST)),
        "domains": [label for _slug, label in client.get(LIST).context["filter"].form
                    .fields["domaine"].choices][1:],
        "page": client.get("/laureats/carto-libre/").status_code,
        "season": [laureate.name for laureate in season.context["season"].published_laureates],
        "season_count": {s.slug: s.laureate_count for s in seasons},
        "csv": "Carto Libre" in csv,
        "feed": [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")],
    }  # fmt: skip


def test_selected_laureate_is_private_until_its_call_announcement(
    client, settings, selected, monkeypatch
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    assert (selected.published, selected.published_at) == (False, None)
    at(monkeypatch, ANNOUNCED - dt.timedelta(seconds=1))
    assert public_views(client) == {
        "list": [], "domains": [], "page": 404, "season": [], "season_count": {"saison-3": 0},
        "csv": False, "feed": [],
    }  # fmt: skip
    at(monkeypatch, ANNOUNCED)
    assert public_views(client) == {
        "list": ["Carto Libre"], "domains": ["Cartographie"], "page": 200,
        "season": ["Carto Libre"], "season_count": {"saison-3": 1}, "csv": True,
        "feed": ["Carto Libre"],
    }  # fmt: skip


def test_call_without_announcement_date_keeps_its_laureates_private(selected):
    selected.submission.call.laureates_announced_at = None
    selected.submission.call.save()
    assert list(Laureate.objects.published(now=ANNOUNCED + dt.timedelta(days=900))) == []


def test_selection_form_does_not_publish_by_default():
    form = LaureateSelectionForm()
    assert form.fields["published"].initial is False


def test_publishing_by_hand_dates_the_publication_and_unpublishing_clears_it(selected):
    before = timezone.now()
    selected.published = True
    selected.save()
    assert selected.published_at >= before
    assert list(Laureate.objects.published(now=ANNOUNCED - dt.timedelta(days=1))) == [selected]
    selected.published = False
    selected.save(update_fields=["published"])
    assert Laureate.objects.get(pk=selected.pk).published_at is None


def test_page_cached_before_the_announcement_expires_at_it(settings, selected):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    assert page_cache.seconds_to_keep(ANNOUNCED - dt.timedelta(seconds=60)) == 61
    assert page_cache.seconds_to_keep(ANNOUNCED) == 300


@pytest.fixture
def two_published(selected):
    """Carto Libre, its call announced on 16 June 2024 at 10:00 in Paris; another laureate
    published by hand on 5 January 2025 at 09:00 UTC."""
    call = selected.submission.call
    call.laureates_announced_at = dt.datetime(2024, 6, 16, 10, 0, tzinfo=PARIS)
    call.save()
    LaureateFactory(name="Publié à la main", published_at=dt.datetime(2025, 1, 5, 9, 0,
                    tzinfo=dt.UTC))  # fmt: skip


def atom_feed(client):
    return ET.fromstring(client.get(reverse("open_data:laureates_feed")).content)  # noqa: S314


@pytest.mark.usefixtures("two_published")
def test_atom_entries_carry_the_publication_date_not_the_load_time(client):
    feed = atom_feed(client)
    entries = [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}published").text)
        for entry in feed.findall(f"{ATOM}entry")
    ]
    assert entries == [
        ("Publié à la main", "2025-01-05T09:00:00+00:00"),
        ("Carto Libre", "2024-06-16T08:00:00+00:00"),
    ]


@pytest.mark.usefixtures("two_published")
def test_atom_updated_dates_are_the_publication_not_the_last_save(client):
    Laureate.objects.update(updated_at=dt.datetime(2026, 12, 4, 8, 0, tzinfo=dt.UTC))
    feed = atom_feed(client)
    updated = [entry.find(f"{ATOM}updated").text for entry in feed.findall(f"{ATOM}entry")]
    assert updated == ["2025-01-05T09:00:00+00:00", "2024-06-16T08:00:00+00:00"]
    assert feed.find(f"{ATOM}updated").text == "2025-01-05T09:00:00+00:00"


def test_demo_feed_dates_laureates_by_their_real_announcement(client, demo):
    feed = atom_feed(client)
    dates = {entry.find(f"{ATOM}published").text for entry in feed.findall(f"{ATOM}entry")}
    # Midnight in Paris on 14 March 2022 and 16 May 2023, written in UTC.
    assert dates == {"2022-03-13T23:00:00+00:00", "2023-05-15T22:00:00+00:00"}


def test_laureate_pages_link_their_atom_feed_in_the_head(client, selected):
    selected.published = True
    selected.save()
    link = (
        '<link rel="alternate" type="application/atom+xml" title="Nouveaux lauréats" '
        'href="/donnees-ouvertes/laureats.atom">'
    )
    for url in (LIST, selected.get_absolute_url(), "/", reverse("open_data:index")):
        head = client.get(url).content.decode().split("</head>")[0]
        assert link in head, url


def test_admin_list_shows_when_each_laureate_becomes_public(admin_client, selected):
    LaureateFactory(name="Publié à la main", published_at=dt.datetime(2025, 1, 5, 9, 0,
                    tzinfo=dt.UTC))  # fmt: skip
    LaureateFactory(name="Jamais annoncé", published=False)
    response = admin_client.get(reverse("admin:laureates_laureate_changelist"))
    rows = {laureate.name: laureate.public_since for laureate in response.context["cl"].result_list}
    assert rows == {
        "Carto Libre": ANNOUNCED,
        "Publié à la main": dt.datetime(2025, 1, 5, 9, 0, tzinfo=dt.UTC),
        "Jamais annoncé": None,
    }
    assert "public depuis le" in response.content.decode().lower()
