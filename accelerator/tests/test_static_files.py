"""Production static files: collected once, hashed, compressed, served by whitenoise."""

import base64
import hashlib
import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_pages_link_hashed_static_files_served_compressed_and_immutable(collected):
    client = Client()  # a new handler, so whitenoise indexes the collected folder
    html = client.get("/").content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(stylesheet, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert (collected / stylesheet.removeprefix("/static/")).with_suffix(".css.gz").exists()
    # In the same test, since collecting takes most of a minute.
    assert_integrity_attributes_match(client, html)


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_integrity_attributes_match(client, html):
    """collectstatic rewrites the URLs inside CSS files: a hash computed on a file as its
    package ships it (django-dsfr's) makes browsers refuse the file served."""
    assert re.search(r'href="/static/dsfr/dist/dsfr/dsfr\.min\.[0-9a-f]{12}\.css"', html)
    for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
        integrity = re.search(r'integrity="sha384-([^"]+)"', tag)
        if integrity is not None:
            url = re.search(r'(?:href|src)="([^"]+)"', tag).group(1)
            served = hashlib.sha384(body_of(client.get(url))).digest()
            assert base64.b64encode(served).decode() == integrity.group(1), url
