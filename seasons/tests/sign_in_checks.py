"""What every e-mailed sign-in link does (the jurors' screens, the laureate teams' space):
`seasons.sign_in_pages`, asserted once for both."""

import re

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


def answer_to_asking(ask_link, address, network):
    """What a visitor from `network` ("10.0.0") sees after asking a link for `address`
    with `ask_link(client, address)`: the status, where it leads and that page, the
    address and the CSRF token set aside, so that answers can be compared."""
    client = Client(REMOTE_ADDR=f"{network}.{len(address)}")
    response = ask_link(client, address)
    page = client.get(response["Location"]).content.decode().replace(address, "ADDRESS")
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return response.status_code, response["Location"], page
