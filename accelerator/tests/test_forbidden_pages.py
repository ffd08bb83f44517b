"""Refused access and expired forms answer a French page in the site's layout (walk 13)."""

import pytest
from django.test import Client
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates.tests.factories import LaureateFactory
from seasons.selection.roles import OBSERVER, REVIEWER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


def assert_site_page(response, heading, text):
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert f"<h1>{heading}</h1>" in html
    assert text in html
    assert "<title>403 Forbidden</title>" not in html
    assert 'href="/static/css/site.css"' in html
    # The policy's directives come in no fixed order.
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "script-src 'self'" in directives
    assert response["X-Frame-Options"] == "DENY"


def assert_refused_page(response):
    assert_site_page(
        response,
        "Accès refusé",
        "Votre compte ne vous permet pas d’ouvrir cette page ni de faire cette action.",
    )


def test_reviewer_refused_the_laureate_list_gets_the_french_page():
    client = login_staff(Client(), member_of(REVIEWER, "evaluatrice"))
    assert_refused_page(client.get(reverse("admin:laureates_laureate_changelist")))


def test_observer_refused_closing_a_support_gets_the_french_page():
    laureate = LaureateFactory()
    client = login_staff(Client(), member_of(OBSERVER, "observateur"))
    assert_refused_page(client.get(reverse("admin:laureates_laureate_close", args=[laureate.pk])))


def test_observer_refused_the_csv_export_gets_the_french_page():
    client = login_staff(Client(), member_of(OBSERVER, "observateur"))
    url = reverse("admin:seasons_submission_export", args=["csv"])
    assert_refused_page(client.get(url))


def test_post_without_csrf_cookie_gets_the_french_expired_form_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("applications:lost_link"), {"email": "a@example.org"})
    assert_site_page(
        response,
        "Formulaire expiré",
        "votre navigateur refuse les cookies de ce site. Rien n’en a été enregistré.",
    )
    assert "DEBUG" not in response.content.decode()


def test_admin_save_messages_read_as_plain_french(admin_client):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Partenaires")
    url = reverse("admin:auth_group_change", args=[group.pk])
    response = admin_client.post(url, {"name": "Partenaires"}, follow=True)
    html = response.content.decode()
    link = f'<a href="{url}">Partenaires</a>'
    assert f'<li class="success">« {link} » : modifications enregistrées.</li>' in html
    assert "L’objet" not in html
