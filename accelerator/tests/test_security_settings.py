"""Production values pass Django's deployment checks; HTTPS is on unless DEBUG is."""

import pytest

from .processes import run_django

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3Yq9-not-a-real-secret-but-long-and-random-enough-Zp4Rw8sT2vXn6uLb",
    "ALLOWED_HOSTS": "aic.example.gouv.fr",
}


def manage(*args, **env):
    code = f"from django.core.management import call_command; call_command(*{args!r})"
    return run_django(code, **{**PRODUCTION, **env})


def test_check_deploy_passes_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_check_deploy_fails_when_https_is_turned_off():
    result = manage("check", "--deploy", "--fail-level", "WARNING", HTTPS="false")
    assert result.returncode == 1
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in result.stderr


def production_setting(expression, **env):
    code = f"from django.conf import settings as s; print(repr({expression}))"
    result = run_django(code, **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_defaults_turn_every_https_protection_on():
    values = (
        "(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.LANGUAGE_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_HTTPONLY)"
    )
    assert production_setting(values) == "(True, True, True, True, 31536000, True, True, True)"


def test_debug_turns_https_off_for_runserver():
    values = "(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    assert production_setting(values, DEBUG="true") == "(False, False, 0)"


def test_no_proxy_header_is_trusted_by_default():
    assert production_setting("getattr(s, 'SECURE_PROXY_SSL_HEADER', None)") == "None"


def test_proxy_header_comes_from_the_environment():
    value = production_setting(
        "s.SECURE_PROXY_SSL_HEADER", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )
    assert value == "('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.mark.django_db
def test_https_redirects_plain_http_requests(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/laureats/?page=2")
    assert (response.status_code, response["Location"]) == (
        301,
        "https://testserver/laureats/?page=2",
    )


@pytest.mark.django_db
def test_hsts_header_on_https_responses(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_trusted_proxy_header_makes_a_request_secure(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    assert client.get("/", headers={"X-Forwarded-Proto": "http"}).status_code == 301
