"""The form's limits count what they protect, per real client behind the proxies (issue 12)."""

import pytest

from seasons.models import Submission

from .application_helpers import apply_url, complete_answers, complete_files, open_call, start

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


def send(client, post, call, answers=None, **meta):
    answers = complete_answers() if answers is None else answers
    return post(apply_url(call), start(client, call), "send", answers, complete_files(), **meta)


def through_proxy(client_address, written_by_client=""):
    """What the load balancer passes on: its own address, and the header it appended to."""
    forwarded = f"{written_by_client}, {client_address}" if written_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def test_two_clients_behind_one_proxy_are_counted_apart(client, post, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.APPLICATION_SUBMIT_LIMIT = 1
    call = open_call()
    assert send(client, post, call, **through_proxy("203.0.113.1")).status_code == 302
    assert send(client, post, call, **through_proxy("203.0.113.1")).status_code == 429
    assert send(client, post, call, **through_proxy("203.0.113.2")).status_code == 302
    assert Submission.objects.exclude(reference="").count() == 2


def test_client_cannot_escape_the_limit_by_writing_the_header_behind_the_proxy(
    client, post, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.APPLICATION_SUBMIT_LIMIT = 1
    call = open_call()
    assert (
        send(client, post, call, **through_proxy("203.0.113.1", "198.51.100.1")).status_code == 302
    )
    refused = send(client, post, call, **through_proxy("203.0.113.1", "198.51.100.2"))
    assert refused.status_code == 429


def test_spoofed_forwarded_header_without_the_setting_changes_nothing(client, post, settings):
    settings.APPLICATION_SUBMIT_LIMIT = 1
    call = open_call()
    first = send(client, post, call, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert first.status_code == 302
    second = send(client, post, call, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert second.status_code == 429
    assert "Trop de tentatives depuis votre connexion" in second.content.decode()


def test_ten_sends_refused_for_errors_then_a_valid_send_succeeds(client, post, settings):
    assert settings.APPLICATION_SUBMIT_LIMIT == 10
    call = open_call()
    for _ in range(10):
        refused = send(client, post, call, complete_answers(description=""))
        assert refused.status_code == 400
    response = send(client, post, call)
    assert response.status_code == 302
    assert response["Location"].startswith("/candidatures/")
    assert Submission.objects.exclude(reference="").count() == 1
