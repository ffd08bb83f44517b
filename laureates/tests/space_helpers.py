"""Signing a team member in from tests, through the real link."""

import re

from seasons.models import EmailKind, OutboundEmail
from seasons.tests.mail_helpers import delivered_body

# A minimal PDF file for the tests that upload one (a PDF's signature, one object, its end).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LINK = re.compile(r"https?://\S+/espace-laureat/connexion/([A-Za-z0-9_-]+)/")


def ask_link(client, email, **extra):
    return client.post("/espace-laureat/connexion/", {"email": email}, **extra)


def last_link_token(email):
    row = OutboundEmail.objects.filter(kind=EmailKind.SIGN_IN_LINK, to=email).latest("pk")
    return LINK.search(delivered_body(row)).group(1)


def sign_in(client, member):
    """Ask a link for the member's address and use it; returns the client."""
    ask_link(client, member.email)
    response = client.post(f"/espace-laureat/connexion/{last_link_token(member.email)}/")
    assert response.status_code == 302 and response["Location"] == "/espace-laureat/"
    return client
