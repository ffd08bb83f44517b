"""The site as a new user finds it after `make run`: the real program, browsable."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from laureates.models import Laureate
from seasons.models import Call, Season, Submission

pytestmark = pytest.mark.django_db


def test_demo_home_names_season_2_open_food_facts_and_the_open_demo_call(client, demo):
    html = client.get("/").content.decode()
    assert '<h2 id="current-season-title">Saison 2 — Communs numériques</h2>' in html
    assert "Open Food Facts" in html
    assert "[Démonstration] Appel ouvert pour essayer le formulaire" in html
    assert "Appels à projets ouverts" in html


def test_demo_laureate_list_shows_all_13_laureates(client, demo):
    html = client.get(reverse("laureates:laureate_list")).content.decode()
    assert "13 lauréats" in html
    titles = re.findall(r'<h2 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert sorted(titles) == sorted(Laureate.objects.values_list("name", flat=True))
    assert len(titles) == 13


def test_demo_every_public_page_answers_with_its_title(client, demo):
    pages = [
        *((s.get_absolute_url(), s.title) for s in Season.objects.all()),
        *((c.get_absolute_url(), c.title) for c in Call.objects.select_related("season")),
        *((lau.get_absolute_url(), lau.name) for lau in Laureate.objects.all()),
    ]
    assert len(pages) == 2 + 5 + 13
    for url, title in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"<h1>{title}</h1>" in response.content.decode(), url


def test_demo_season_2_laureate_page_shows_its_follow_up(client, demo):
    html = client.get("/laureats/umap/").content.decode()
    assert "OpenStreetMap France" in html
    assert "Accompagnement financier" in html
    assert "Diagnostic partagé" in html


def test_demo_account_logs_into_the_admin_with_debug_on(client, demo, settings):
    # `make run` turns DEBUG on: there the second factor is not asked.
    settings.DEBUG = True
    response = client.post(
        reverse("admin:login"),
        {"username": "demo", "password": "demo", "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Saisons, appels et candidatures" in response.content.decode()


def test_demo_account_needs_the_second_factor_with_debug_off(client, demo):
    # Production (DEBUG off): the password alone never opens the admin, even for "demo".
    response = client.post(
        reverse("admin:login"),
        {"username": "demo", "password": "demo", "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain == []
    assert (
        "Saisissez le code à 6 chiffres affiché par votre application d’authentification."
        in response.content.decode()
    )
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("run", ["first", "after a flush"])
@pytest.mark.django_db(transaction=True)
def test_demo_in_a_transactional_test_has_its_rows_and_its_reviewers_groups(demo, run):
    """The browser tests' demo: committed, and flushed after each test, which makes the
    staff groups again with new ids; the reviewers are still in theirs."""
    reviewer = get_user_model().objects.get(username="evaluatrice")
    assert list(reviewer.groups.values_list("name", flat=True)) == ["Évaluateur"]
    assert (Laureate.objects.count(), Submission.objects.count()) == (13, 36)
