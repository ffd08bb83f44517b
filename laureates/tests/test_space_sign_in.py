"""Signing in to a laureate team's space by an e-mailed link, and out again."""

import datetime as dt
import hashlib
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from laureates.models import SignInLink
from laureates.space import sign_in as sign_in_module
from laureates.space.membership import revoke_member
from laureates.tests.factories import TeamMemberFactory
from laureates.tests.space_helpers import LINK, ask_link, last_link_token, sign_in
from seasons import outbox
from seasons.models import EmailKind, OutboundEmail
from seasons.tests.sign_in_checks import answer_to_asking, assert_the_click_spends_the_link

pytestmark = pytest.mark.django_db

SIGN_IN = "/espace-laureat/connexion/"


@pytest.fixture
def member():
    return TeamMemberFactory(
        name="Yohan Boniface", email="yohan@example.org", laureate__name="uMap"
    )


def test_a_members_address_gets_one_link_and_only_its_hash_is_stored(client, member):
    response = ask_link(client, "Yohan@Example.org")
    assert (response.status_code, response["Location"]) == (302, SIGN_IN)
    email = OutboundEmail.objects.get()
    assert (email.kind, email.to, email.subject) == (
        EmailKind.SIGN_IN_LINK,
        "yohan@example.org",
        "Votre lien vers l’espace de uMap",
    )
    token = LINK.search(email.body).group(1)
    assert "Bonjour Yohan Boniface," in email.body
    assert "une seule fois, dans les 20 minutes" in email.body
    link = SignInLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert round((link.expires_at - link.created_at).total_seconds() / 60) == 20


def test_the_page_answers_the_same_whatever_the_address(member):
    def answer(address):
        return answer_to_asking(ask_link, address, "10.0.0")

    revoked = TeamMemberFactory(email="ancien@example.org")
    revoke_member(revoked)
    known = answer("yohan@example.org")
    assert known == answer("personne@example.org") == answer("ancien@example.org")
    assert "Si ADDRESS appartient à l’équipe d’un lauréat" in known[2]
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["yohan@example.org"]


def test_asking_too_often_from_one_client_is_refused_for_any_address(settings, member):
    settings.TEAM_SIGN_IN_CLIENT_LIMIT = 2
    client = Client(REMOTE_ADDR="10.0.0.1")
    ask_link(client, "a@example.org")
    ask_link(client, "b@example.org")
    refused = ask_link(client, "yohan@example.org")
    assert refused.status_code == 429
    assert "Trop de liens demandés dans la dernière heure" in refused.content.decode()
    assert 'value="yohan@example.org"' in refused.content.decode()
    assert OutboundEmail.objects.count() == 0


def test_asking_too_often_for_one_address_is_refused_from_any_client(settings, member):
    settings.TEAM_SIGN_IN_ADDRESS_LIMIT = 2
    statuses = [
        ask_link(Client(REMOTE_ADDR=f"10.0.1.{n}"), "yohan@example.org").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert OutboundEmail.objects.count() == 2


def test_opening_the_link_asks_for_a_click_and_the_click_spends_it(client, member):
    ask_link(client, member.email)
    url = f"{SIGN_IN}{last_link_token(member.email)}/"
    assert_the_click_spends_the_link(client, url, "/espace-laureat/", SIGN_IN)
    assert "uMap" in client.get("/espace-laureat/").content.decode()


def test_an_expired_link_signs_nobody_in(client, member):
    ask_link(client, member.email)
    token = last_link_token(member.email)
    SignInLink.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert client.post(f"{SIGN_IN}{token}/").status_code == 410
    assert client.get(f"{SIGN_IN}{token}/").status_code == 410
    assert client.post(f"{SIGN_IN}not-a-token/").status_code == 410


def test_a_link_of_a_member_revoked_since_signs_nobody_in(client, member):
    ask_link(client, member.email)
    token = last_link_token(member.email)
    revoke_member(member)
    assert client.post(f"{SIGN_IN}{token}/").status_code == 410


def test_signing_in_makes_no_django_user_and_sign_out_ends_it(client, member):
    users = get_user_model().objects.count()
    sign_in(client, member)
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
    response = client.post(reverse("space:sign_out"))
    assert response["Location"] == SIGN_IN
    assert client.get("/espace-laureat/")["Location"] == SIGN_IN


def test_a_revoked_members_session_stops_at_once(client, member):
    sign_in(client, member)
    assert client.get("/espace-laureat/").status_code == 200
    revoke_member(member)
    assert client.get("/espace-laureat/")["Location"] == SIGN_IN


def test_the_session_lasts_a_working_day(client, member):
    sign_in(client, member)
    session = client.session
    assert round(session[sign_in_module.UNTIL_KEY] - time.time()) == 8 * 3600
    session[sign_in_module.UNTIL_KEY] = 0
    session.save()
    assert client.get("/espace-laureat/")["Location"] == SIGN_IN


def test_staff_see_the_link_masked_in_the_outbox(admin_client, member):
    ask_link(Client(), member.email)
    email = OutboundEmail.objects.get()
    page = admin_client.get(reverse("admin:seasons_outboundemail_change", args=[email.pk]))
    token = LINK.search(email.body).group(1)
    assert token not in page.content.decode()
    assert "[lien privé]" in page.content.decode()


def test_once_sent_the_email_row_keeps_the_link_masked(client, member, mailoutbox):
    ask_link(client, "yohan@example.org")
    email = OutboundEmail.objects.get()
    token = LINK.search(email.body).group(1)
    assert outbox.send_email(email.pk) is True
    # The person gets the working link; the row (backups, replicas) no longer holds it.
    assert f"{SIGN_IN}{token}/" in mailoutbox[0].body
    stored = OutboundEmail.objects.get().body
    assert token not in stored
    assert "[lien privé]" in stored
    assert "Bonjour Yohan Boniface," in stored
