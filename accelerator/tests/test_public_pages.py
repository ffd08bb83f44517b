"""Every public page answers with its real content; unpublished things stay hidden."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accelerator.tests.pages import html_of, missing_from
from laureates.models import MilestoneStatus, SupportKind
from laureates.tests.factories import DomainFactory, LaureateFactory, MilestoneFactory
from seasons.tests.factories import CallFactory, SeasonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call():
    now = timezone.now()
    season = SeasonFactory(number=2, year=2023, title="Saison 2", theme="Communs")
    return CallFactory(
        season=season,
        title="Communs numériques — 2e relève",
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=10),
    )


def test_home_shows_current_season_open_call_and_latest_laureates(client, open_call):
    LaureateFactory(season=open_call.season, name="Open Food Facts")
    SeasonFactory(number=3, title="Saison 3 en préparation", published=False)
    html = client.get("/").content.decode()
    assert '<h2 id="current-season-title">Saison 2</h2>' in html
    assert "Communs numériques — 2e relève" in html
    assert "Open Food Facts" in html
    assert "Saison 3 en préparation" not in html


def test_home_without_any_data_explains_there_is_nothing_yet(client):
    html = html_of(client.get("/"))
    assert "Aucun appel à projets n’est ouvert en ce moment." in html
    assert "Aucun lauréat n’a encore été annoncé." in html


def test_season_list_counts_calls_and_published_laureates(client, open_call):
    LaureateFactory(season=open_call.season)
    LaureateFactory(season=open_call.season, published=False)
    CallFactory(season=open_call.season)
    html = client.get(reverse("seasons:season_list")).content.decode()
    assert "2023 ·\n                  2 appels ·\n                  1 lauréat" in html


def test_season_page_lists_calls_and_only_published_laureates(client, open_call):
    LaureateFactory(season=open_call.season, name="PrimTux")
    LaureateFactory(season=open_call.season, name="Projet secret", published=False)
    html = client.get(open_call.season.get_absolute_url()).content.decode()
    assert "<h1>Saison 2</h1>" in html
    assert "Communs numériques — 2e relève" in html
    assert "PrimTux" in html
    assert "Projet secret" not in html


def test_call_page_shows_deadline_state_and_rules(client, open_call):
    open_call.closes_at = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    open_call.save()
    html = client.get(open_call.get_absolute_url()).content.decode()
    assert missing_from(html, "<h1>Communs numériques — 2e relève</h1>",
                        "Déposez votre projet avant le", "Ouvert · 10 jours restants",
                        "Associations et administrations publiques.", "1. Intérêt général",
                        "Ouverture des candidatures : le ") == []  # fmt: skip


def test_demo_call_page_says_it_is_a_demonstration(client, open_call):
    open_call.is_demo = True
    open_call.save()
    html = client.get(open_call.get_absolute_url()).content.decode()
    assert "Appel de démonstration : il n’existe que pour essayer" in html


def test_laureate_page_shows_facts_and_public_milestones_by_kind(client):
    laureate = LaureateFactory(
        name="uMap", carrier="OpenStreetMap France", domains=[DomainFactory(name="Cartographie")]
    )
    MilestoneFactory(laureate=laureate, title="Diagnostic partagé", kind=SupportKind.METHODOLOGICAL)
    MilestoneFactory(
        laureate=laureate,
        title="Audit de code",
        kind=SupportKind.TECHNICAL,
        status=MilestoneStatus.DONE,
        completed_on=dt.date(2023, 7, 1),
    )
    MilestoneFactory(laureate=laureate, title="Point confidentiel", is_public=False)
    html = client.get(laureate.get_absolute_url()).content.decode()
    assert "<h1>uMap</h1>" in html
    assert "OpenStreetMap France" in html
    assert "Cartographie" in html
    assert "Du 15 mai 2023 au 14 mai 2024" in html
    assert html.index("Accompagnement méthodologique") < html.index("Accompagnement technique")
    assert "Diagnostic partagé" in html
    assert "Audit de code" in html
    assert "Point confidentiel" not in html


@pytest.mark.parametrize(
    "hidden",
    [{"published": False}, {"season__published": False}],
    ids=["laureate-unpublished", "season-unpublished"],
)
def test_unpublished_laureate_answers_404(client, hidden):
    laureate = LaureateFactory(**hidden)
    assert client.get(laureate.get_absolute_url()).status_code == 404
    assert laureate.name not in client.get(reverse("laureates:laureate_list")).content.decode()


def test_unpublished_season_and_its_calls_answer_404(client):
    call = CallFactory(season__published=False)
    assert client.get(call.season.get_absolute_url()).status_code == 404
    assert client.get(call.get_absolute_url()).status_code == 404


def test_laureate_list_counts_and_paginates(client):
    LaureateFactory.create_batch(25)
    first = client.get(reverse("laureates:laureate_list")).content.decode()
    assert "25 lauréats" in first
    assert first.count('class="fr-card__title"') == 24
    second = client.get(reverse("laureates:laureate_list") + "?page=2").content.decode()
    assert second.count('class="fr-card__title"') == 1


def test_pages_are_french_whatever_the_browser_asks(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="fr"' in response.content.decode()
    assert response.headers["Content-Language"] == "fr"


def test_pages_switch_to_english(client, open_call):
    client.get(reverse("switch_language", args=["en"]))
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Open calls for applications" in html
    assert client.get("/").headers["Content-Language"] == "en"
    client.get(reverse("switch_language", args=["fr"]))
    assert "Appels à projets ouverts" in client.get("/").content.decode()


def test_state_branding_can_be_turned_off(client, settings):
    assert 'class="fr-logo"' in client.get("/").content.decode()
    settings.STATE_BRANDING = False
    html = client.get("/").content.decode()
    assert 'class="fr-logo"' not in html
    assert "css/unbranded.css" in html


def test_unknown_page_answers_a_helpful_404(client):
    html = html_of(client.get("/laureats/projet-inconnu/"), 404)
    assert "<h1>Page non trouvée</h1>" in html
    assert 'href="/laureats/"' in html


def test_server_error_page_renders_without_request_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Erreur inattendue</h1>" in html
    assert "Rien de ce que vous aviez déjà envoyé n’est perdu." in html
