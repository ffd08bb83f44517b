"""/healthz: 200 when the database, the cache and the storages work, 503 otherwise."""

import json
import socket

import pytest
from botocore.config import Config

pytestmark = pytest.mark.django_db

ALL_OK = {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}


def health(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


def test_healthz_answers_200_when_everything_works(client, settings):
    settings.MEDIA_ROOT.mkdir()
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    assert health(client) == (200, ALL_OK)
    # A probe reads: nothing was written to either storage, not even for a moment.
    assert list(settings.MEDIA_ROOT.iterdir()) == []
    assert list(settings.PRIVATE_MEDIA_ROOT.iterdir()) == []


def test_healthz_answers_200_before_the_first_upload_made_the_folders(client, settings):
    assert not settings.MEDIA_ROOT.exists()
    assert health(client) == (200, ALL_OK)
    assert not settings.MEDIA_ROOT.exists()
    assert not settings.PRIVATE_MEDIA_ROOT.exists()


def test_healthz_answers_503_when_the_database_fails(client, broken_database):
    broken_database.swap_in()
    status, body = health(client)
    assert (status, body) == (
        503,
        {"status": "error", "checks": {"database": "error", "cache": "ok", "storage": "ok"}},
    )


def a_file_in_the_way(tmp_path):
    """A path under a plain file: nothing can be written there, even by root."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker / "below"


def test_healthz_answers_503_when_the_cache_fails(client, settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(a_file_in_the_way(tmp_path)),
        }
    }
    assert health(client) == (
        503,
        {"status": "error", "checks": {"database": "ok", "cache": "error", "storage": "ok"}},
    )


@pytest.mark.parametrize("alias", ["default", "private"])
def test_healthz_answers_503_when_a_storage_fails(client, settings, tmp_path, alias):
    settings.STORAGES = {
        **settings.STORAGES,
        alias: {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": a_file_in_the_way(tmp_path)},
        },
    }
    assert health(client) == (
        503,
        {"status": "error", "checks": {"database": "ok", "cache": "ok", "storage": "error"}},
    )


def test_healthz_answers_503_when_the_bucket_is_unreachable(client, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "endpoint_url": f"http://127.0.0.1:{closed}",
                "bucket_name": "aic-public",
                "access_key": "nobody",
                "secret_key": "nothing",
                "region_name": "fr-par",
                "client_config": Config(retries={"max_attempts": 1}),
            },
        },
    }
    assert health(client) == (
        503,
        {"status": "error", "checks": {"database": "ok", "cache": "ok", "storage": "error"}},
    )


def test_healthz_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_answers_head_like_get_for_load_balancers(client, settings):
    """Load balancers often probe with HEAD: it used to answer 405, a node marked down."""
    settings.MEDIA_ROOT.mkdir()
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    response = client.head("/healthz")
    assert (response.status_code, response["Content-Type"], response.content) == (
        200,
        "application/json",
        b"",
    )
