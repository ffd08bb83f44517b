"""One client address for the rate limits and the login lockout (issue 12)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from accelerator.client_address import client_address

LOGIN = "/admin/login/?next=/admin/"
PROXY = "10.0.0.5"


def address(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.5"),
        (0, "203.0.113.1", "10.0.0.5"),
        (1, None, "10.0.0.5"),
        (1, "203.0.113.1", "203.0.113.1"),
        (1, "198.51.100.9, 203.0.113.1", "203.0.113.1"),
        (2, "198.51.100.9, 203.0.113.1, 192.0.2.1", "203.0.113.1"),
        (2, "203.0.113.1", "10.0.0.5"),
        (1, "not-an-address", "10.0.0.5"),
        (1, "2001:DB8::0001", "2001:db8::1"),
    ],
    ids=[
        "no-proxy", "no-proxy-spoofed", "proxy-without-header", "one-proxy",
        "one-proxy-client-wrote-the-header", "two-proxies", "fewer-entries-than-proxies",
        "garbage", "ipv6-normalised",
    ],
)  # fmt: skip
def test_client_address_is_read_from_the_trusted_proxies_only(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert address(forwarded=forwarded) == expected


def test_missing_remote_address_is_none(settings):
    assert address(remote="") is None


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")


def fail_login(client, client_ip):
    return client.post(
        LOGIN,
        {"username": "chef", "password": "wrong"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_lockout_behind_a_proxy_locks_the_guesser_not_every_visitor(client, settings, staff):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [fail_login(client, "203.0.113.66").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("chef", "203.0.113.66")
    ]
    # Another staff member behind the same load balancer can still try to log in.
    assert fail_login(client, "203.0.113.7").status_code == 200


def test_lockout_ignores_a_spoofed_header_without_trusted_proxies(client, staff):
    statuses = [fail_login(client, f"198.51.100.{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
