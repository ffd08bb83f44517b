"""The public laureate list under generated query strings (Hypothesis).

Any query string — known and unknown parameters, random and repeated values, control
characters, broken percent-encoding — gets the list page (200, never 500), each value it
cannot use is explained under its field, and the laureates shown are exactly those the
valid filters select, computed here without the database.
"""

import datetime as dt
from urllib.parse import quote, quote_from_bytes

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from laureates.filters import SEARCH_MAX_LENGTH
from laureates.models import MilestoneStatus, SupportKind, Track
from laureates.search import normalise
from laureates.tests.factories import DomainFactory, LaureateFactory, MilestoneFactory
from laureates.tests.listing import listed_names
from seasons.tests.factories import SeasonFactory
from seasons.tests.fuzzing import ANY_CHARACTER, EXAMPLES, hostile_text

pytestmark = pytest.mark.django_db

LIST = reverse("laureates:laureate_list")
PARAMETERS = ["q", "saison", "domaine", "parcours", "accompagnement", "page"]


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """Each input is rendered and its context read; the page cache has its own tests."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def showcase():
    """Four public laureates that differ in every filtered way, and two the public must
    never see (unpublished, or in an unpublished season)."""
    season_1 = SeasonFactory(number=1, slug="saison-1")
    season_2 = SeasonFactory(number=2, slug="saison-2")
    hidden_season = SeasonFactory(number=3, slug="saison-3", published=False)
    maps = DomainFactory(name="Cartographie", slug="cartographie")
    food = DomainFactory(name="Alimentation", slug="alimentation")
    rows = [
        (
            "uMap",
            "OpenStreetMap France",
            "Des cartes 100% libres.",
            season_2,
            Track.PRE_ACCELERATION,
            [maps],
            [(SupportKind.FINANCIAL, MilestoneStatus.IN_PROGRESS, True)],
        ),
        (
            "Open Food Facts",
            "Open Food Facts",
            "Une base_de produits.",
            season_2,
            Track.FULL_SUPPORT,
            [food],
            [
                (SupportKind.TECHNICAL, MilestoneStatus.PLANNED, True),
                (SupportKind.FINANCIAL, MilestoneStatus.DONE, True),
            ],
        ),
        (
            "Infoclimat",
            "Association Infoclimat",
            "Météo ouverte et cartes.",
            season_1,
            Track.FULL_SUPPORT,
            [food, maps],
            [(SupportKind.TECHNICAL, MilestoneStatus.PLANNED, False)],
        ),
        (
            "PrimTux",
            "Association PrimTux",
            "Une distribution pour l'école.",
            season_1,
            Track.PRE_ACCELERATION,
            [],
            [(SupportKind.ADMINISTRATIVE, MilestoneStatus.PLANNED, True)],
        ),
    ]
    public = []
    for name, carrier, summary, season, track, domains, steps in rows:
        laureate = LaureateFactory(name=name, carrier=carrier, summary=summary, season=season,
                                   track=track, domains=domains)  # fmt: skip
        for kind, status, is_public in steps:
            done = {"completed_on": dt.date(2023, 7, 1)} if status == MilestoneStatus.DONE else {}
            MilestoneFactory(
                laureate=laureate, kind=kind, status=status, is_public=is_public, **done
            )
        public.append(
            {
                "name": name,
                "text": [name, carrier, summary],
                "saison": season.slug,
                "domaine": {domain.slug for domain in domains},
                "parcours": track,
                "accompagnement": {
                    kind
                    for kind, status, is_public in steps
                    if is_public and status != MilestoneStatus.DONE
                },
                "order": (-season.number, name),
            }
        )
    LaureateFactory(name="Caché", season=season_2, published=False, domains=[maps])
    LaureateFactory(name="Saison cachée", season=hidden_season, domains=[maps])
    return public


# Each parameter's meaningful values (valid or not quite), so that filters combine often.
RELEVANT = {
    "saison": ["saison-1", "saison-2", "saison-3", "SAISON-1", " saison-1"],
    "domaine": ["cartographie", "alimentation", "climat"],
    "parcours": [*Track.values, "pre-acceleration"],
    "accompagnement": [*SupportKind.values, "all"],
    "q": ["cartes", "OPEN", "open food", "100%", "base_de", "_", "%", "météo", "association"],
    "page": ["1", "2", "-1", "last", "999"],
}
pair = st.one_of(
    st.sampled_from(list(RELEVANT)).flatmap(
        lambda name: st.tuples(
            st.just(name), st.one_of(st.sampled_from(RELEVANT[name]), hostile_text)
        )
    ),
    st.tuples(st.text(ANY_CHARACTER, max_size=12), hostile_text),
)


@st.composite
def query_strings(draw):
    """A query string as a link, a robot or a broken client writes it."""
    pairs = draw(st.lists(pair, max_size=5))
    parts = [f"{quote(name)}={quote(item)}" for name, item in pairs]
    # Bytes that are no UTF-8, a lone "%", "%ZZ", a "=" or "&" too many…
    parts += draw(st.lists(st.binary(max_size=12).map(quote_from_bytes), max_size=2))
    parts += draw(st.lists(st.sampled_from(["%", "%ZZ", "%FF%FE", "=", "&", "a=b=c"]), max_size=2))
    order = draw(st.permutations(parts))
    return "&".join(order)


def valid_choices(showcase):
    return {
        "saison": {"saison-1", "saison-2"},  # saison-3 is not published
        "domaine": {"cartographie", "alimentation"},
        "parcours": set(Track.values),
        "accompagnement": set(SupportKind.values),
    }


def expected(showcase, params):
    """(names shown or None when the search cannot be judged here, fields refused)."""
    choices = valid_choices(showcase)
    refused = set()
    selected = sorted(showcase, key=lambda laureate: laureate["order"])
    for name, allowed in choices.items():
        given_value = params.get(name, "")
        if not given_value:
            continue
        if given_value not in allowed:
            refused.add(name)
            continue
        selected = [
            laureate
            for laureate in selected
            if given_value == laureate[name]
            or (isinstance(laureate[name], set) and given_value in laureate[name])
        ]
    search = params.get("q", "")
    if "\x00" in search or len(search.strip()) > SEARCH_MAX_LENGTH:
        refused.add("q")
    else:
        # Accents and case are ignored alike on every database (laureates.search).
        for word in normalise(search).split():
            selected = [
                laureate
                for laureate in selected
                if any(word in normalise(text) for text in laureate["text"])
            ]
    return [laureate["name"] for laureate in selected], refused


def test_laureate_list_search_of_many_words_is_refused_under_its_field(client, showcase):
    """Found by the fuzzing below: 5 000 words made one condition each, a query SQLite
    refused ("Expression tree is too large"), answered as "database unavailable" (503)."""
    response = client.get(LIST, {"q": "carte " * 5_000, "saison": "saison-1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_q-error"' in html
    assert "Assurez-vous que cette valeur comporte au plus 200 caractères" in html
    assert listed_names(response) == [
        "Infoclimat",
        "PrimTux",
    ]


def test_laureate_list_search_of_the_longest_text_allowed_answers(client, showcase):
    response = client.get(LIST, {"q": " ".join(["a"] * 100)})
    assert response.status_code == 200
    assert listed_names(response) == [
        "Open Food Facts",
        "uMap",
        "Infoclimat",
        "PrimTux",
    ]


def test_laureate_list_answers_any_query_string(client, showcase):
    seen = {"filtered": 0, "refused": 0}

    @settings(max_examples=EXAMPLES)
    @given(query_strings())
    def one_query(query):
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        params = QueryDict(query)
        names, refused = expected(showcase, params)
        form = response.context["filter"].form
        assert set(form.errors) == refused
        for field, messages in form.errors.items():
            assert f'id="id_{field}-error"' in html
            assert all(escape(message) in html for message in messages)
        shown = listed_names(response)
        if names is not None:
            assert shown == names
        assert "Caché" not in shown and "Saison cachée" not in shown
        seen["refused" if refused else "filtered"] += 1

    one_query()
    assert sum(seen.values()) >= EXAMPLES
    assert seen["filtered"] > EXAMPLES // 5 and seen["refused"] > EXAMPLES // 5, seen
