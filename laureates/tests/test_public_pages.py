"""The public laureate list (filters, count, pagination) and the laureate page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from laureates.charts import indicator_chart
from laureates.models import MilestoneStatus, SupportKind, Track
from laureates.tests.factories import (
    DomainFactory,
    ImpactIndicatorFactory,
    LaureateFactory,
    MeasurementFactory,
    MilestoneFactory,
)
from laureates.tests.listing import listed_names
from seasons.tests.factories import SeasonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("laureates:laureate_list")
NBSP = "\xa0"


@pytest.fixture
def showcase():
    """Two seasons, four laureates, each differing in one filtered way."""
    season_1 = SeasonFactory(number=1, slug="saison-1", title="Saison 1")
    season_2 = SeasonFactory(number=2, slug="saison-2", title="Saison 2")
    maps = DomainFactory(name="Cartographie", slug="cartographie")
    food = DomainFactory(name="Alimentation", slug="alimentation")
    climate = DomainFactory(name="Climat", slug="climat")
    umap = LaureateFactory(
        season=season_2, name="uMap", slug="umap", carrier="OpenStreetMap France",
        summary="Des cartes personnalisées.", track=Track.PRE_ACCELERATION, domains=[maps],
    )  # fmt: skip
    off = LaureateFactory(
        season=season_2, name="Open Food Facts", slug="open-food-facts",
        carrier="Open Food Facts", summary="Une base de produits alimentaires.", domains=[food],
    )  # fmt: skip
    infoclimat = LaureateFactory(
        season=season_1, name="Infoclimat", slug="infoclimat", carrier="Association Infoclimat",
        summary="Des données météo ouvertes et des cartes.", domains=[climate, maps],
    )  # fmt: skip
    LaureateFactory(season=season_2, name="Projet caché", published=False, domains=[maps])
    MilestoneFactory(laureate=umap, kind=SupportKind.FINANCIAL, status=MilestoneStatus.IN_PROGRESS)
    MilestoneFactory(laureate=off, kind=SupportKind.FINANCIAL, status=MilestoneStatus.DONE,
                     completed_on=dt.date(2023, 7, 1))  # fmt: skip
    # A private open step must not make Infoclimat show up under "technical".
    MilestoneFactory(laureate=infoclimat, kind=SupportKind.TECHNICAL, is_public=False)
    MilestoneFactory(laureate=off, kind=SupportKind.TECHNICAL)
    return {"umap": umap, "off": off, "infoclimat": infoclimat}


def names(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return listed_names(response)


def test_list_without_filters_shows_every_published_laureate(client, showcase):
    assert names(client) == ["Open Food Facts", "uMap", "Infoclimat"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"saison": "saison-1"}, ["Infoclimat"]),
        ({"saison": "saison-2"}, ["Open Food Facts", "uMap"]),
        ({"domaine": "cartographie"}, ["uMap", "Infoclimat"]),
        ({"parcours": "pre_acceleration"}, ["uMap"]),
        ({"parcours": "full_support"}, ["Open Food Facts", "Infoclimat"]),
        ({"accompagnement": "financial"}, ["uMap"]),
        ({"accompagnement": "technical"}, ["Open Food Facts"]),
        ({"q": "cartes"}, ["uMap", "Infoclimat"]),
        ({"q": "openstreetmap"}, ["uMap"]),
        ({"q": "FOOD"}, ["Open Food Facts"]),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, dict) else None,
)
def test_list_each_filter_alone(client, showcase, params, expected):
    assert names(client, **params) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("democratie", ["Démocratie ouverte", "Parlons Démocratie"]),
        ("DÉMOCRATIE", ["Démocratie ouverte", "Parlons Démocratie"]),
        ("DEMOCRATIE", ["Démocratie ouverte", "Parlons Démocratie"]),
        ("parlons democratie", ["Parlons Démocratie"]),
    ],
)
def test_list_search_ignores_accents_and_case(client, search, expected):
    LaureateFactory(name="Parlons Démocratie", carrier="Collectif", summary="Des débats.")
    LaureateFactory(name="Démocratie ouverte", carrier="Œuvre Éducative", summary="Le vote.")
    LaureateFactory(name="Autre", carrier="Autre", summary="Rien à voir.")
    assert sorted(names(client, q=search)) == expected


def test_list_search_finds_carrier_and_summary_without_accents_or_ligatures(client):
    LaureateFactory(name="Démocratie ouverte", carrier="Œuvre Éducative", summary="Débats élus.")
    assert names(client, q="oeuvre educative") == ["Démocratie ouverte"]
    assert names(client, q="DEBATS elus") == ["Démocratie ouverte"]


def test_laureate_search_text_follows_saves_of_the_name():
    laureate = LaureateFactory(name="Infoclimat", carrier="Association", summary="Météo.")
    laureate.name = "Île Ouverte"
    laureate.save(update_fields=["name"])
    laureate.refresh_from_db()
    assert laureate.search_text == "ile ouverte\nassociation\nmeteo."


def test_list_filters_combined(client, showcase):
    assert names(client, saison="saison-2", domaine="cartographie") == ["uMap"]
    assert names(client, domaine="cartographie", q="météo", parcours="full_support") == [
        "Infoclimat"
    ]


def test_list_filters_combined_with_no_result_says_so(client, showcase):
    response = client.get(LIST, {"saison": "saison-1", "accompagnement": "financial"})
    html = response.content.decode()
    assert list(response.context["page_obj"]) == []
    assert '<p id="result-count" role="status">\n    0 lauréat\n  </p>' in html
    assert "Aucun lauréat ne correspond à ces filtres." in html


def test_list_shows_count_and_keeps_the_filters_in_the_form(client, showcase):
    html = client.get(LIST, {"domaine": "cartographie", "q": "cartes"}).content.decode()
    assert "2 lauréats" in html
    assert '<option value="cartographie" selected>Cartographie</option>' in html
    assert 'name="q" value="cartes"' in html
    assert 'href="/laureats/">Effacer les filtres</a>' in html


def test_list_domain_choices_only_those_of_published_laureates(client, showcase):
    DomainFactory(name="Santé", slug="sante")
    html = client.get(LIST).content.decode()
    assert "Cartographie</option>" in html
    assert "Santé</option>" not in html


def test_list_unknown_filter_value_is_explained_next_to_the_field(client, showcase):
    response = client.get(LIST, {"saison": "saison-9", "q": "cartes"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="fr-error-text" id="id_saison-error"' in html
    assert "Sélectionnez un choix valide" in html
    assert 'name="q" value="cartes"' in html


def test_list_pagination_keeps_the_filters(client):
    season = SeasonFactory(slug="saison-2")
    LaureateFactory.create_batch(25, season=season)
    LaureateFactory(season=SeasonFactory(slug="saison-1"))
    first = client.get(LIST, {"saison": "saison-2"}).content.decode()
    assert "25 lauréats" in first
    assert 'href="?saison=saison-2&amp;page=2"' in first
    second = client.get(LIST, {"saison": "saison-2", "page": "2"})
    assert len(second.context["page_obj"]) == 1
    unfiltered = client.get(LIST, {"page": "2"}).content.decode()
    assert "Effacer les filtres" not in unfiltered
    assert "Aucun lauréat" not in unfiltered


def test_list_card_shows_logo_letter_carrier_domains_season_and_track(client, showcase):
    html = client.get(LIST, {"q": "umap"}).content.decode()
    assert '<h2 class="fr-card__title"><a href="/laureats/umap/">uMap</a></h2>' in html
    assert "OpenStreetMap France" in html
    assert '<p class="fr-tag fr-tag--sm">Cartographie</p>' in html
    assert "Saison 2 · Pré-accélération" in html


def test_laureate_page_support_progress_over_the_year(client, settings, showcase, monkeypatch):
    from laureates import followup

    umap = showcase["umap"]  # 15 May 2023 → 14 May 2024: 365 days
    monkeypatch.setattr(followup, "today", lambda now=None: dt.date(2023, 11, 13))
    html = client.get(umap.get_absolute_url()).content.decode()
    assert "50 % de la période d’accompagnement écoulés." in html
    assert '<rect width="50" height="8" fill="#000091"></rect>' in html
    monkeypatch.setattr(followup, "today", lambda now=None: dt.date(2024, 9, 1))
    html = client.get(umap.get_absolute_url()).content.decode()
    # Past its end but not closed by staff yet: never "over (100 %)" beside open steps.
    assert "Période d’accompagnement écoulée ; clôture de l’accompagnement en cours." in html
    assert "terminé" not in html


def test_laureate_page_counts_public_steps_done(client, showcase):
    off = showcase["off"]
    MilestoneFactory(laureate=off, status=MilestoneStatus.CANCELLED, title="Annulé")
    MilestoneFactory(laureate=off, status=MilestoneStatus.DONE, completed_on=dt.date(2023, 8, 1),
                     is_public=False, title="Privé")  # fmt: skip
    html = client.get(off.get_absolute_url()).content.decode()
    assert "1 étape faite sur 2 ; 1 annulée." in html
    assert "Annulé" in html
    assert "Privé" not in html


def test_laureate_page_impact_chart_and_table(client, showcase):
    indicator = ImpactIndicatorFactory(
        laureate=showcase["umap"], name="Cartes créées", unit="cartes",
        baseline=Decimal("950000"), target=Decimal("1200000"),
    )  # fmt: skip
    MeasurementFactory(indicator=indicator, measured_on=dt.date(2023, 9, 1), value=950000)
    MeasurementFactory(indicator=indicator, measured_on=dt.date(2024, 3, 1), value=1050000)
    html = client.get(showcase["umap"].get_absolute_url()).content.decode()
    assert f"Valeur de départ : 950{NBSP}000 · objectif : 1{NBSP}200{NBSP}000 (en cartes)" in html
    assert 'role="img" aria-labelledby="chart-' in html
    assert '<polyline points="96.0,61.7 616.0,45.0"' in html
    # Coordinates are never localised, even in French.
    assert '<circle cx="616.0" cy="45.0" r="4" fill="#000091"></circle>' in html
    assert 'y1="20.0" y2="20.0" stroke="#18753c"' in html
    assert f"<tr><td>1er mars 2024</td><td>1{NBSP}050{NBSP}000</td></tr>" in html
    assert (
        f"Cartes créées : 1{NBSP}050{NBSP}000 au 1er mars 2024, depuis une valeur de "
        f"départ de 950{NBSP}000 vers un objectif de 1{NBSP}200{NBSP}000 (en cartes)."
    ) in html
    assert "<script" not in html.split('id="impact-title"')[1].split("</section>")[0]


def test_indicator_without_measurement_says_so(client, showcase):
    ImpactIndicatorFactory(laureate=showcase["off"], name="Produits")
    html = client.get(showcase["off"].get_absolute_url()).content.decode()
    assert "Aucune mesure pour l’instant." in html


def test_chart_coordinates_are_exact():
    indicator = ImpactIndicatorFactory(baseline=Decimal("950000"), target=Decimal("1200000"))
    values = [
        (dt.date(2023, 9, 1), 950000),
        (dt.date(2024, 3, 1), 1050000),
        (dt.date(2024, 9, 1), 1150000),
    ]
    measurements = [
        MeasurementFactory(indicator=indicator, measured_on=day, value=value)
        for day, value in values
    ]
    chart = indicator_chart(indicator, measurements)
    assert chart.polyline == "96.0,61.7 354.6,45.0 616.0,28.3"
    assert chart.ticks == [(220.0, "0"), (120.0, f"600{NBSP}000"), (20.0, f"1{NBSP}200{NBSP}000")]
    assert (chart.target_y, chart.baseline_y) == (20.0, 61.7)


def test_chart_of_one_measurement_is_centred_and_none_without():
    indicator = ImpactIndicatorFactory(baseline=Decimal("0"), target=Decimal("100"))
    assert indicator_chart(indicator, []) is None
    chart = indicator_chart(indicator, [MeasurementFactory(indicator=indicator, value=150)])
    assert chart.polyline == "356.0,20.0"
    assert chart.ticks[-1] == (20.0, "150")


def test_chart_of_a_whole_number_indicator_has_whole_ticks_and_no_unit_agreement(client):
    indicator = ImpactIndicatorFactory(
        name="Départements équipés", unit="départements", baseline=Decimal("1"),
        target=Decimal("5"),
    )  # fmt: skip
    MeasurementFactory(indicator=indicator, measured_on=dt.date(2024, 3, 1), value=1)
    chart = indicator_chart(indicator, list(indicator.measurements.all()))
    assert chart.ticks == [(220.0, "0"), (140.0, "2"), (20.0, "5")]
    html = client.get(indicator.laureate.get_absolute_url()).content.decode()
    assert "Valeur de départ : 1 · objectif : 5 (en départements)" in html
    assert (
        "Départements équipés : 1 au 1er mars 2024, depuis une valeur de départ de 1 vers "
        "un objectif de 5 (en départements)."
    ) in html
    assert "1 départements" not in html


def test_chart_of_a_decimal_indicator_keeps_its_decimal_middle_tick():
    indicator = ImpactIndicatorFactory(baseline=Decimal("0.5"), target=Decimal("5"))
    chart = indicator_chart(indicator, [MeasurementFactory(indicator=indicator, value=1)])
    assert chart.ticks == [(220.0, "0"), (120.0, "2,50"), (20.0, "5")]


def test_season_page_links_to_its_filtered_laureates(client, showcase):
    html = client.get(reverse("seasons:season_detail", args=["saison-2"])).content.decode()
    assert 'href="/laureats/?saison=saison-2"' in html
    assert "Open Food Facts" in html
    assert "Projet caché" not in html


def test_list_filter_choices_sort_the_french_way(client):
    for name in ["Sport", "Éducation", "emploi", "Alimentation", "Écologie", "Énergie"]:
        LaureateFactory(domains=[DomainFactory(name=name)])
    html = client.get(LIST).content.decode()
    select = html[
        html.index('name="domaine"') : html.index("</select>", html.index('name="domaine"'))
    ]
    assert re.findall(r'<option value="[^"]*"(?: selected)?>([^<]+)</option>', select) == [
        "Tous les domaines",
        "Alimentation",
        "Écologie",
        "Éducation",
        "emploi",
        "Énergie",
        "Sport",
    ]
    kinds = html[html.index('name="accompagnement"') :]
    assert re.findall(r'<option value="[^"]*"(?: selected)?>([^<]+)</option>', kinds)[:5] == [
        "Tout type d’accompagnement",
        "Administratif",
        "Financier",
        "Méthodologique",
        "Technique",
    ]


def test_admin_domain_filter_sorts_the_french_way(admin_client):
    for name in ["Sport", "Éducation", "Alimentation"]:
        LaureateFactory(domains=[DomainFactory(name=name)])
    html = admin_client.get(reverse("admin:laureates_laureate_changelist")).content.decode()
    found = re.findall(r'domains__id__exact=\d+"[^>]*>([^<]+)</a>', html)
    assert found == ["Alimentation", "Éducation", "Sport"]
