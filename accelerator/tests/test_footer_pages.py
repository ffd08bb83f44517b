"""The footer's legal pages: real initial text, linked from every page, edited by staff."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.flatpages.models import FlatPage

pytestmark = pytest.mark.django_db

FOOTER_PAGES = [
    ("/mentions-legales/", "Mentions légales", "Ce site est édité par la Direction"),
    ("/donnees-personnelles/", "Données personnelles", "article 6-1-e du"),
    ("/accessibilite/", "Déclaration d’accessibilité", "<strong>non conforme</strong>"),
]


@pytest.mark.parametrize(("url", "title", "excerpt"), FOOTER_PAGES)
def test_footer_page_shows_its_initial_text(client, url, title, excerpt):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert excerpt in html
    assert f"<title>{title} — Accélérateur d’initiatives citoyennes</title>" in html


def test_the_migration_creates_the_three_pages_on_the_site():
    pages = FlatPage.objects.order_by("url").values_list("url", "sites__id")
    assert list(pages) == [
        ("/accessibilite/", 1),
        ("/donnees-personnelles/", 1),
        ("/mentions-legales/", 1),
    ]


def test_accessibility_statement_has_the_rgaa_sections(client):
    html = client.get("/accessibilite/").content.decode()
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings == [
        "État de conformité",
        "Établissement de cette déclaration",
        "Retour d’information et contact",
        "Voies de recours",
    ]
    assert "RGAA), version 4.1.2" in html
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in html


def test_every_page_links_the_footer_pages(client):
    html = client.get("/laureats/").content.decode()
    footer = html[html.index('<footer class="fr-footer"') :]
    links = re.findall(r'<a class="fr-footer__bottom-link" href="([^"]+)">([^<]+)</a>', footer)
    assert links == [
        ("/", "Accueil"),
        ("/saisons/", "Saisons et appels"),
        ("/laureats/", "Lauréats"),
        ("/accessibilite/", "Accessibilité : non conforme"),
        ("/mentions-legales/", "Mentions légales"),
        ("/donnees-personnelles/", "Données personnelles"),
        ("/espace-laureat/connexion/", "Espace lauréat"),
        ("/admin/", "Espace équipe"),
    ]


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Espace lauréat"), ("en", "Laureate's space")]
)
def test_home_page_footer_leads_team_members_to_their_sign_in(client, language, label):
    """A laureate team's member finds the sign-in page of their space from the home page."""
    client.cookies["django_language"] = language
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="fr-footer"') :]
    link = f'<a class="fr-footer__bottom-link" href="/espace-laureat/connexion/">{label}</a>'
    assert footer.count(link) == 1
    assert client.get("/espace-laureat/connexion/").status_code == 200


def test_footer_states_the_compliance_set_after_an_audit(client, settings):
    settings.ACCESSIBILITY_COMPLIANCE = "partial"
    html = client.get("/").content.decode()
    assert ">Accessibilité : partiellement conforme</a>" in html


def test_staff_edit_a_footer_page_without_code(client, login_staff):
    staff = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    login_staff(client, staff)
    page = FlatPage.objects.get(url="/mentions-legales/")
    response = client.post(
        f"/admin/flatpages/flatpage/{page.pk}/change/",
        {
            "url": "/mentions-legales/",
            "title": "Mentions légales",
            "content": "<h2>Hébergement</h2><p>Hébergé par OVHcloud, Roubaix.</p>",
            "sites": ["1"],
            "template_name": "",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/flatpages/flatpage/")
    html = client.get("/mentions-legales/").content.decode()
    assert "<h2>Hébergement</h2><p>Hébergé par OVHcloud, Roubaix.</p>" in html
    assert "Ce site est édité par" not in html


def test_a_missing_footer_page_answers_404(client):
    FlatPage.objects.filter(url="/accessibilite/").delete()
    assert client.get("/accessibilite/").status_code == 404


CONTACT_PAGES = [
    ("/mentions-legales/", "écrivez à l’équipe du programme à\nl’adresse "),
    ("/donnees-personnelles/", "en écrivant à l’équipe du programme à l’adresse "),
    ("/accessibilite/", "contactez l’équipe du\nprogramme à l’adresse "),
]


@pytest.mark.parametrize(("url", "sentence"), CONTACT_PAGES)
def test_footer_page_gives_the_contact_address_of_the_settings(client, settings, url, sentence):
    settings.CONTACT_EMAIL = "aic@numerique.gouv.fr"
    html = client.get(url).content.decode()
    link = '<a href="mailto:aic@numerique.gouv.fr">aic@numerique.gouv.fr</a>'
    assert sentence + link in html
    assert "indiquée dans les appels à projets" not in html
    assert "[[" not in html


def host_paragraph(html):
    """The legal notice's paragraph that names the host (the first one that speaks of it)."""
    return re.search(r"<p>Le site est hébergé en France.*?</p>", html, re.DOTALL).group(0)


def test_legal_notice_names_the_host_of_the_settings(client, settings):
    settings.HOSTING_PROVIDER_NAME = "OVH SAS"
    settings.HOSTING_PROVIDER_ADDRESS = "2 rue Kellermann, 59100 Roubaix"
    settings.HOSTING_PROVIDER_PHONE = "1007"
    html = client.get("/mentions-legales/").content.decode()
    assert host_paragraph(html) == (
        "<p>Le site est hébergé en France, par OVH SAS, 2 rue Kellermann, 59100 Roubaix "
        "(téléphone : 1007).</p>"
    )
    assert "à la mise en service" not in html


def test_legal_notice_says_the_host_is_still_to_be_given_without_settings(client, settings):
    settings.HOSTING_PROVIDER_NAME = ""
    assert host_paragraph(client.get("/mentions-legales/").content.decode()) == (
        "<p>Le site est hébergé en France, par un prestataire dont le nom, l’adresse et le "
        "téléphone restent à indiquer.</p>"
    )


def test_contact_migration_rewrites_only_the_original_sentences(client):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("accelerator.migrations.0002_footer_pages_contact_and_host")
    page = FlatPage.objects.get(url="/accessibilite/")
    migration.backwards(apps, None)
    page.refresh_from_db()
    assert "contactez l’équipe du\nprogramme pour être orienté" in page.content
    FlatPage.objects.filter(url="/mentions-legales/").update(content="<p>Texte de l’équipe.</p>")
    migration.forwards(apps, None)
    page.refresh_from_db()
    assert "programme à l’adresse [[contact_email]] pour être orienté" in page.content
    assert FlatPage.objects.get(url="/mentions-legales/").content == "<p>Texte de l’équipe.</p>"
