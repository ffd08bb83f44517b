"""What every e-mailed sign-in link does (the jurors' screens, the laureate teams' space):
`seasons.sign_in_pages`, asserted once for both."""

from django.test import Client


def assert_the_click_spends_the_link(client, url, home, sign_in):
    """The link's page asks for a click (a GET spends nothing); the click signs `client`
    in and leads `home`; the link is then spent for anyone else, who stays signed out."""
    page = client.get(url)
    assert page.status_code == 200 and 'id="sign-in"' in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert client.get(url).status_code == 200  # a mail scanner's GET spends nothing
    assert client.get(home)["Location"] == sign_in
    signed = client.post(url)
    assert (signed.status_code, signed["Location"]) == (302, home)
    assert client.get(home).status_code == 200
    other = Client()
    again = other.post(url)
    assert again.status_code == 410
    assert "il a expiré, il a déjà servi" in again.content.decode()
    assert other.get(home)["Location"] == sign_in
