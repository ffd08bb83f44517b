"""An applicant who lost their private link gets it again by e-mail, revealing nobody."""

import pytest
from django.core import mail
from django.urls import reverse

from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

URL = reverse("applications:lost_link")
SENT = (
    "Si des candidatures ont été faites avec {}, nous venons d’envoyer leurs liens à cette adresse."
)


def ask(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {"email": email}, follow=True)


def test_links_of_every_application_of_the_address_are_sent_in_one_email(
    client, django_capture_on_commit_callbacks
):
    first = SubmissionFactory(contact_email="Camille@Example.org")
    second = SubmissionFactory(
        contact_email="camille@example.org", status="draft", reference="", submitted_at=None
    )
    SubmissionFactory(contact_email="autre@example.org")
    response = ask(client, "camille@example.org", django_capture_on_commit_callbacks)
    assert SENT.format("camille@example.org") in response.content.decode()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"/candidatures/{first.access_key}/" in body
    assert f"/candidatures/{second.access_key}/" in body
    assert first.reference in body
    assert "autre@example.org" not in body


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, django_capture_on_commit_callbacks
):
    response = ask(client, "personne@example.org", django_capture_on_commit_callbacks)
    assert SENT.format("personne@example.org") in response.content.decode()
    assert mail.outbox == []


def test_an_invalid_address_is_explained_next_to_the_field(client):
    response = client.post(URL, {"email": "pas une adresse"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Saisissez une adresse de courriel valide." in html
    assert 'value="pas une adresse"' in html


def test_asking_again_and_again_is_limited(client, settings, django_capture_on_commit_callbacks):
    settings.APPLICATION_DRAFT_EMAIL_LIMIT = 2
    SubmissionFactory(contact_email="camille@example.org")
    for _ in range(2):
        ask(client, "camille@example.org", django_capture_on_commit_callbacks)
    response = client.post(URL, {"email": "camille@example.org"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert len(mail.outbox) == 2
