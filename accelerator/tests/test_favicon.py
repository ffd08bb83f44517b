"""/favicon.ico, which browsers ask for on a first visit whatever the page names."""

from pathlib import Path

import dsfr

FAVICON = Path(dsfr.__file__).parent / "static/dsfr/dist/favicon/favicon.ico"


def test_favicon_is_the_design_system_icon_with_a_long_cache(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "public, max-age=604800"
    assert response.content == FAVICON.read_bytes()


def test_favicon_refuses_post(client):
    assert client.post("/favicon.ico").status_code == 405


def test_favicon_answers_head_like_get(client):
    response = client.head("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "public, max-age=604800"
    assert response.content == b""
