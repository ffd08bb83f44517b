"""Robots are kept out without a CAPTCHA, and a refused person loses nothing."""

import time

import pytest
from django.core.cache import caches
from django.core.signing import Signer

from seasons.applying import antispam
from seasons.models import Submission

from .application_helpers import apply_url, complete_answers, complete_files, open_call, start

pytestmark = pytest.mark.django_db


def test_honeypot_filled_in_is_refused_with_the_answers_kept(client, post):
    call = open_call()
    answers = complete_answers(**{antispam.HONEYPOT_FIELD: "http://spam.example"})
    response = post(apply_url(call), start(client, call), "send", answers, complete_files())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Le champ « laissez ce champ vide » a été rempli, comme le font les robots." in html
    assert 'value="Association Cartes Libres"' in html
    assert Submission.objects.count() == 0


def test_form_sent_faster_than_a_person_can_is_refused(client, post, settings):
    settings.APPLICATION_MIN_FILL_SECONDS = 60
    call = open_call()
    response = post(apply_url(call), start(client, call), "send", complete_answers())
    html = response.content.decode()
    assert response.status_code == 400
    assert "seconde après son affichage, plus vite qu’une personne ne peut le remplir" in html
    assert 'value="Association Cartes Libres"' in html
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [(0.2, "0 seconde après"), (1.5, "1 seconde après"), (2.5, "2 secondes après")],
)
def test_fill_time_refusal_counts_seconds_the_french_way(settings, elapsed, expected):
    settings.APPLICATION_MIN_FILL_SECONDS = 60
    with pytest.raises(antispam.Refused) as refused:
        antispam.check_fill_time(time.time() - elapsed)
    assert str(refused.value.args[0]).startswith(f"Le formulaire a été envoyé {expected} son")


def test_minimum_fill_time_passes_once_elapsed(client, post, settings):
    call = open_call()
    stamp = start(client, call)
    settings.APPLICATION_MIN_FILL_SECONDS = 0
    assert post(apply_url(call), stamp, "draft", {"organisation_name": "A"}).status_code == 302


@pytest.mark.parametrize(
    "stamp", ["", "garbage", Signer(salt="other").sign("x")], ids=["missing", "garbage", "foreign"]
)
def test_missing_or_forged_stamp_is_refused_with_the_answers_kept(client, post, stamp):
    call = open_call()
    response = post(apply_url(call), stamp, "send", complete_answers())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ce formulaire n’a pas pu être vérifié" in html
    assert 'value="Association Cartes Libres"' in html
    assert Submission.objects.count() == 0


def test_stamp_of_one_application_cannot_write_into_another(client, post):
    call = open_call()
    stamp_a = start(client, call)
    post(apply_url(call), stamp_a, "draft", {"organisation_name": "A"})
    post(apply_url(call), start(client, call), "draft", {"organisation_name": "B"})
    b = Submission.objects.get(organisation_name="B")
    response = post(
        f"/candidatures/{b.access_key}/modifier/", stamp_a, "draft", {"organisation_name": "X"}
    )
    assert response.status_code == 400
    assert sorted(Submission.objects.values_list("organisation_name", flat=True)) == ["A", "B"]


def test_sending_is_limited_per_address_and_the_refusal_keeps_everything(client, post, settings):
    settings.APPLICATION_SUBMIT_LIMIT = 2
    call = open_call()
    for _ in range(2):
        assert (
            post(
                apply_url(call), start(client, call), "send", complete_answers(), complete_files()
            ).status_code
            == 302
        )
    response = post(
        apply_url(call), start(client, call), "send", complete_answers(), complete_files()
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert (
        "Trop de tentatives depuis votre connexion au cours de la dernière heure (2 au plus)."
        in html
    )
    assert 'value="Association Cartes Libres"' in html
    assert Submission.objects.count() == 2
    # Another address is not affected.
    other = post(
        apply_url(call),
        start(client, call),
        "send",
        complete_answers(),
        complete_files(),
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 302


def test_draft_emails_are_limited_but_the_draft_is_still_saved(client, post, settings, mailoutbox):
    settings.APPLICATION_DRAFT_EMAIL_LIMIT = 1
    call = open_call()
    post(apply_url(call), start(client, call), "draft", {"contact_email": "a@example.org"})
    response = post(
        apply_url(call), start(client, call), "draft", {"contact_email": "b@example.org"}
    )
    assert response.status_code == 302
    assert Submission.objects.count() == 2
    assert [m.to for m in mailoutbox] == [["a@example.org"]]
    page = client.get(response["Location"])
    assert "Trop de courriels ont été envoyés depuis votre connexion" in page.content.decode()


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    cache = caches.create_connection("default")
    try:
        cache.clear()
    except Exception as error:
        pytest.fail(f"Redis must run on 127.0.0.1:6379 for this test: {error}")
    yield cache
    cache.clear()


def test_rate_limit_is_counted_in_redis_shared_by_every_process(
    client, post, settings, redis_cache
):
    settings.APPLICATION_SUBMIT_LIMIT = 1
    call = open_call()
    assert (
        post(
            apply_url(call), start(client, call), "send", complete_answers(), complete_files()
        ).status_code
        == 302
    )
    # Another process sees the same counter: here, a separate connection to the server.
    keys = list(redis_cache._cache.get_client().keys("*ratelimit:submit:127.0.0.1:*"))
    assert len(keys) == 1
    assert int(redis_cache._cache.get_client().get(keys[0])) == 1
    refused = post(
        apply_url(call), start(client, call), "send", complete_answers(), complete_files()
    )
    assert refused.status_code == 429


def test_stamp_of_an_application_to_another_call_is_refused(client, post):
    call_a, call_b = open_call(), open_call()
    stamp_a = start(client, call_a)
    post(apply_url(call_a), stamp_a, "draft", {"organisation_name": "A"})
    response = post(apply_url(call_b), stamp_a, "draft", {"organisation_name": "X"})
    assert response.status_code == 400
    assert "Ce formulaire appartient à une autre candidature." in response.content.decode()
    assert list(Submission.objects.values_list("organisation_name", "call")) == [("A", call_a.pk)]
