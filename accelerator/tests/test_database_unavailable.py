"""The database unreachable: a clear 503 page on the design system, never a stack trace."""

import json
import os
import socket

import pytest
from django.contrib.auth import get_user_model

from .processes import run_python
from .test_security_headers import POLICY_WITHOUT_SCRIPTS, directives

pytestmark = pytest.mark.django_db

PAGE_TITLE = "<h1>Service temporairement indisponible</h1>"


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert PAGE_TITLE in html
    assert "Le service ne peut pas joindre ses données pour le moment." in html
    assert 'href="/static/dsfr/dist/dsfr.min.css"' in html
    assert "Traceback" not in html and "OperationalError" not in html
    # The security headers are still sent: the outer middleware still runs.
    assert response["X-Frame-Options"] == "DENY"
    policy = directives(response["Content-Security-Policy"])
    assert policy == {**POLICY_WITHOUT_SCRIPTS, "script-src": "'self'"}


@pytest.mark.parametrize("path", ["/", "/laureats/", "/saisons/", "/laureats/umap/"])
def test_public_pages_answer_503_when_the_database_is_down(client, broken_database, path):
    broken_database.swap_in()
    assert_unavailable_page(client.get(path))


def test_a_staff_session_meets_the_database_down_in_a_middleware(client, broken_database):
    # The session is read (from the database) before any view runs: handler500's case.
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    client.force_login(user)
    client.raise_request_exception = False
    broken_database.swap_in()
    assert_unavailable_page(client.get("/admin/"))


def test_the_page_answers_200_again_once_the_database_is_back(client, broken_database):
    broken_database.swap_in()
    assert client.get("/laureats/").status_code == 503
    broken_database.restore()
    response = client.get("/laureats/")
    assert response.status_code == 200
    assert PAGE_TITLE not in response.content.decode()


# Run in a fresh process, with the settings of production: a PostgreSQL address where
# nothing listens, and (or not) Django's connection pool.
# Static files are named as stored, since nothing was collected (as in conftest.py).
TIMED_REQUEST = """
import json, time
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    start = time.monotonic()
    response = Client().get("/")
print(json.dumps([response.status_code, time.monotonic() - start]))
"""


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("pool", ["true", "false"])
def test_unreachable_postgresql_answers_503_within_seconds(pool):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accelerator.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/accelerator",
        "DATABASE_POOL": pool,
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "CRITICAL",
    }
    result = run_python(["-c", TIMED_REQUEST], environment, check=True)
    status, seconds = json.loads(result.stdout.splitlines()[-1])
    assert status == 503
    # The pool used to wait 10 s for a connection; DATABASE_CONNECT_TIMEOUT is 2 s. The
    # bound leaves room for a loaded machine (5.7 s seen at a load average of 12) without
    # letting the 10 s come back.
    assert seconds < 8
