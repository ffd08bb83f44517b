"""The header and footer kept by the process (`accelerator.chrome`) are the bytes the plain
include renders, on every section's pages, in both languages, whatever came before."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from accelerator import chrome

TEMPLATES = ["includes/header.html", "includes/footer.html"]
PATHS = [
    "/",
    "/?utm=1",
    "/saisons/",
    "/saisons/saison-2/appels/appel-1/",
    "/laureats/",
    "/laureats/?q=caf%C3%A9+%26+%3Cth%C3%A9%3E&saison=s1&page=3",
    "/laureats/umap/",
    "/pages/accessibilite/",
    "/donnees-ouvertes/",
    "/introuvable/\"'<>&",
]


def render(code, path, **context):
    template = engines["django"].from_string(code)
    return template.render(context, RequestFactory().get(path))


def plain(name, path, **context):
    return render(f'{{% include "{name}" %}}', path, **context)


def kept(name, path, **context):
    return render(f'{{% load chrome %}}{{% chrome "{name}" %}}', path, **context)


@pytest.fixture(autouse=True)
def empty():
    chrome.forget()
    yield
    chrome.forget()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_the_kept_frame_is_the_include_s_bytes_on_every_page(language, name):
    with translation.override(language):
        for first in PATHS:  # whichever page rendered it first
            chrome._kept.clear()
            kept(name, first)
            for path in PATHS:
                assert kept(name, path) == plain(name, path), (first, path)
    # One rendering per language and menu section at most.
    assert len(chrome._kept) <= 4


def test_the_menu_marks_the_page_s_section():
    with translation.override("fr"):
        home = kept("includes/header.html", "/")
        laureates = kept("includes/header.html", "/laureats/umap/")
        elsewhere = kept("includes/header.html", "/pages/accessibilite/")
    assert home.count('aria-current="page"') == 1
    assert 'href="/" aria-current="page"' in home
    assert 'href="/laureats/" aria-current="page"' in laureates
    assert 'aria-current="page"' not in elsewhere
    assert "?next=%2Flaureats%2Fumap%2F" in laureates
    assert chrome.FULL_PATH not in home + laureates + elsewhere


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_change_of_settings_is_a_new_frame(settings, name):
    with translation.override("fr"):
        before = kept(name, "/")
        settings.PROGRAM_NAME = "Un autre programme"
        settings.STATE_BRANDING = not settings.STATE_BRANDING
        after = kept(name, "/")
    assert after == plain(name, "/")
    assert "Un autre programme" in after
    assert "Un autre programme" not in before


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_form_s_language_buttons_are_never_kept(name):
    with translation.override("fr"):
        path = "/saisons/s/appels/a/candidater/"
        made = kept(name, path, language_switch_form="application")
        assert made == plain(name, path, language_switch_form="application")
    assert 'form="application"' in made
    assert not chrome._kept


def test_without_a_request_the_template_is_rendered_as_an_include():
    template = engines["django"].from_string('{% load chrome %}{% chrome "includes/footer.html" %}')
    reference = engines["django"].from_string('{% include "includes/footer.html" %}')
    with translation.override("fr"):
        assert template.render({"PROGRAM_NAME": "P"}) == reference.render({"PROGRAM_NAME": "P"})
    assert not chrome._kept


@pytest.mark.parametrize("name", sorted(chrome.ASSETS))
def test_the_design_system_s_tags_are_kept_as_they_render(name):
    plain_tag = engines["django"].from_string("{% load dsfr_tags %}{% " + name + " %}")
    kept_tag = engines["django"].from_string('{% load chrome %}{% dsfr_asset "' + name + '" %}')
    expected = plain_tag.render({}, RequestFactory().get("/"))
    assert kept_tag.render({}, RequestFactory().get("/")) == expected
    assert chrome._assets == {name: expected}
    assert kept_tag.render({}, RequestFactory().get("/laureats/")) == expected
    assert "/static/" in expected


def test_a_tag_of_another_kind_is_refused():
    with pytest.raises(ValueError, match="dsfr_theme_modale"):
        chrome.render_asset("dsfr_theme_modale")
