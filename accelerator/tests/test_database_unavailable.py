"""The database unreachable: a clear 503 page on the design system, never a stack trace."""

import pytest
from django.contrib.auth import get_user_model

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
