"""The language switch outside the application form: a link that sets the language cookie
and comes back to the page, never anywhere else."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from laureates.tests.factories import LaureateFactory

pytestmark = pytest.mark.django_db


def switch(client, code, next_path):
    return client.get(reverse("switch_language", args=[code]), {"next": next_path})


def test_language_switch_sets_the_cookie_and_goes_back_to_the_page(client):
    response = switch(client, "en", "/laureats/?domaine=sante")
    assert response.status_code == 302
    assert response["Location"] == "/laureats/?domaine=sante"
    assert response.cookies["django_language"].value == "en"
    assert "no-store" in response["Cache-Control"]
    html = client.get("/laureats/").content.decode()
    assert '<html lang="en"' in html


@pytest.mark.parametrize(
    "foreign",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "/\\evil.example/",
        "",
    ],
)
def test_language_switch_never_redirects_off_the_site(client, foreign):
    response = switch(client, "en", foreign)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "en"


def test_language_switch_without_next_goes_home(client):
    response = client.get(reverse("switch_language", args=["fr"]))
    assert (response.status_code, response["Location"]) == (302, "/")
    assert response.cookies["django_language"].value == "fr"


def test_language_switch_to_an_unknown_language_is_not_found_and_sets_nothing(client):
    response = switch(client, "de", "/laureats/")
    assert response.status_code == 404
    assert "django_language" not in response.cookies
    assert "Page non trouvée" in response.content.decode()


def test_language_switch_refuses_a_post(client):
    response = client.post(reverse("switch_language", args=["en"]), {"next": "/"})
    assert response.status_code == 405
    assert "django_language" not in response.cookies


def test_public_page_switch_is_links_with_hreflang_and_the_current_language_marked(client):
    LaureateFactory()
    html = client.get("/laureats/?page=1").content.decode()
    links = re.findall(r'<a href="/langue/[^"]*"[^>]*>', html)
    assert len(links) == 4  # header and footer, French and English
    assert links[0] == (
        '<a href="/langue/fr/?next=%2Flaureats%2F%3Fpage%3D1" '
        'class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" hreflang="fr" lang="fr" '
        'rel="nofollow" aria-current="true">'
    )
    assert links[1] == (
        '<a href="/langue/en/?next=%2Flaureats%2F%3Fpage%3D1" '
        'class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" hreflang="en" lang="en" '
        'rel="nofollow">'
    )
    assert 'method="post"' not in html
    assert "csrfmiddlewaretoken" not in html


def test_public_page_switch_link_works_without_javascript_from_the_page():
    visitor = Client()
    html = visitor.get("/").content.decode()
    href = re.search(r'<a href="(/langue/en/[^"]*)"', html).group(1)
    response = visitor.get(href.replace("&amp;", "&"))
    assert response["Location"] == "/"
    assert '<html lang="en"' in visitor.get("/").content.decode()
