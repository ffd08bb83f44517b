"""The filters' `<option>`s, made in Python (`{% select_options %}`), are the bytes the
template loop made, whatever is chosen, valid or not."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from laureates.filters import LaureateFilter
from laureates.models import Laureate
from laureates.tests.factories import DomainFactory, LaureateFactory
from seasons.tests.factories import SeasonFactory

pytestmark = pytest.mark.django_db

# The loop `laureates/includes/filter_field.html` had, word for word.
LOOP = (
    '{% for value, label in field.field.choices %}\n          <option value="{{ value }}"'
    '{% if value|stringformat:"s" == field.value|default_if_none:""|stringformat:"s" %}'
    " selected{% endif %}>{{ label }}</option>\n        {% endfor %}"
)
TAG = "{% load laureates %}{% select_options field %}"


def options(code, field):
    template = engines["django"].from_string(code)
    return template.render({"field": field}, RequestFactory().get("/laureats/"))


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"saison": "saison-2"},
        {"saison": "saison-1", "domaine": "l-eau-&-<le-feu>", "parcours": "full_support"},
        {"domaine": "inconnu\"'<>", "accompagnement": "nimporte", "q": "café"},
        {"parcours": "", "accompagnement": "financial"},
    ],
)
def test_the_options_are_the_template_loop_s_bytes(language, query):
    season_1 = SeasonFactory(number=1, slug="saison-1", title='Saison <1> & "l\'autre"')
    SeasonFactory(number=2, slug="saison-2")
    water = DomainFactory(name="L'eau & <le feu>", slug="l-eau-&-<le-feu>")
    LaureateFactory(season=season_1, domains=[water, DomainFactory(name="Énergie")])
    with translation.override(language):
        filters = LaureateFilter(query or None, queryset=Laureate.objects.published())
        filters.qs  # noqa: B018  # validates the form, as the page does
        selects = [field for field in filters.form if field.name != "q"]
        assert len(selects) == 4
        for field in selects:
            made = options(TAG, field)
            assert made == options(LOOP, field)
            assert made.count("<option ") == len(field.field.choices)
            chosen = query.get(field.name, "")
            assert made.count(" selected>") == (1 if chosen in dict(field.field.choices) else 0)


@pytest.mark.usefixtures("pages_rendered_every_time")
def test_the_kept_filters_are_the_include_s_bytes_and_follow_the_choices(client):
    from laureates.templatetags import laureates as tags

    season = SeasonFactory(number=1, slug="saison-1")
    LaureateFactory(season=season, domains=[DomainFactory(name="Eau", slug="eau")])
    queries = [{}, {"saison": "saison-1"}, {"domaine": "inconnu<>"}, {"q": "x", "page": "2"}]
    tags._fields_kept.clear()
    cold = [client.get("/laureats/", query).content for query in queries]
    assert tags._fields_kept
    warm = [client.get("/laureats/", query).content for query in queries]
    assert warm == cold
    # A new public domain is a new choice: the kept filter is not the one shown.
    LaureateFactory(season=season, domains=[DomainFactory(name="Feu", slug="feu")])
    html = client.get("/laureats/").content.decode()
    assert '<option value="feu">Feu</option>' in html


@pytest.mark.usefixtures("pages_rendered_every_time")
def test_the_kept_form_class_follows_every_change_of_the_seasons_and_domains(client):
    """The filter form's class is kept per process for each set of seasons and domains
    offered: the same choices give the same class; a new domain, a renamed one, a season
    published or withdrawn give another at once, and a chosen value is checked against the
    ones offered now."""
    from laureates import filters

    def shown(query):
        page = client.get("/laureats/", query)
        return page.context["filter"].form, page.content.decode()

    filters._form_classes.clear()
    season = SeasonFactory(number=1, slug="saison-1")
    LaureateFactory(season=season, domains=[DomainFactory(name="Eau", slug="eau")])
    first, _html = shown({})
    again, _html = shown({"domaine": "eau"})
    assert type(again) is type(first)
    assert again.is_valid() and again.cleaned_data["domaine"] == "eau"

    fire = DomainFactory(name="Feu", slug="feu")
    form, html = shown({"domaine": "feu"})  # no public laureate has it yet
    assert type(form) is type(first)
    assert form.errors["domaine"] == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    LaureateFactory(season=season, domains=[fire])
    form, html = shown({"domaine": "feu"})
    assert type(form) is not type(first)
    assert form.is_valid() and form.cleaned_data["domaine"] == "feu"
    assert '<option value="feu" selected>Feu</option>' in html

    fire.name = "Feu de forêt"
    fire.save()
    form, html = shown({})
    assert '<option value="feu">Feu de forêt</option>' in html

    season.published = False
    season.save()
    form, html = shown({"saison": "saison-1"})
    assert "saison-1" not in dict(form.fields["saison"].choices)
    assert list(form.errors) == ["saison"]
    season.published = True
    season.save()
    form, html = shown({"saison": "saison-1"})
    assert form.is_valid() and form.cleaned_data["saison"] == "saison-1"
    assert len(filters._form_classes) == 4  # first, with "Feu", renamed, season withdrawn
