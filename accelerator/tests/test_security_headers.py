"""Every page carries the security headers, each with its exact value."""

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/saisons/",
    "/laureats/",
    "/accessibilite/",
    "/page-qui-n-existe-pas/",
    "/admin/login/",
    "/healthz",
    "/static/css/site.css",
]

FIXED_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=()"
    ),
}

POLICY_WITHOUT_SCRIPTS = {
    "default-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header):
    """The policy as {directive: sources}, whatever order django-csp writes it in."""
    pairs = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(pairs)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_fixed_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    assert {name: response.get(name) for name in FIXED_HEADERS} == FIXED_HEADERS


@pytest.mark.parametrize("path", ["/", "/saisons/", "/laureats/", "/page-qui-n-existe-pas/"])
def test_public_page_policy_allows_only_own_scripts_with_no_nonce(client, path):
    response = client.get(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy == {**POLICY_WITHOUT_SCRIPTS, "script-src": "'self'"}
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert len(scripts) == 2  # the design system's module and nomodule builds
    assert all("nonce" not in tag and 'src="/static/' in tag for tag in scripts)


def test_each_response_gets_the_same_policy(client):
    first, second = (client.get("/")["Content-Security-Policy"] for _ in range(2))
    assert first == second


def test_admin_pages_allow_only_own_scripts(client):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert policy == {**POLICY_WITHOUT_SCRIPTS, "script-src": "'self'"}


def test_admin_page_for_staff_has_the_same_headers(client, login_staff):
    staff = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    response = login_staff(client, staff).get("/admin/")
    assert response.status_code == 200
    assert {name: response.get(name) for name in FIXED_HEADERS} == FIXED_HEADERS
    assert directives(response["Content-Security-Policy"])["default-src"] == "'self'"


def test_no_inline_script_in_public_templates():
    """Inline scripts would need the nonce: the templates have none at all."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    templates = [
        *root.glob("templates/**/*.html"),
        *root.glob("seasons/templates/**/*.html"),
        *root.glob("laureates/templates/**/*.html"),
    ]
    assert len(templates) > 5
    inline = [
        str(t) for t in templates if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", t.read_text())
    ]
    assert inline == []
