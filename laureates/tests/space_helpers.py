"""Signing a team member in from tests, through the real link; the staff's own browser
beside the team's."""

import re

from seasons.models import EmailKind, OutboundEmail
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.mail_helpers import delivered_body
from seasons.tests.test_review import member_of

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


def open_link_by_mouse(page, email):
    """In a browser: ask a link for `email`, then open it as the mailbox would (the page
    with the button that signs in)."""
    page.goto("/espace-laureat/connexion/")
    page.fill("#id_email", email)
    page.click("#send-link")
    page.goto(f"/espace-laureat/connexion/{last_link_token(email)}/")


def staff_page(browser, live_server, client, login_staff):
    """A page in a browser of its own, signed in (both factors) as a program manager."""
    manager = member_of(PROGRAM_MANAGER, "responsable")
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    session = login_staff(client, manager).cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return context.new_page()


def answer_in_admin(admin, url, field, text, button):
    """On the admin page at `url`, write `text` in the `field` and press the `button`
    (selectors); returns once the page it sends to is loaded."""
    admin.goto(url)
    admin.fill(field, text)
    with admin.expect_navigation():
        admin.click(button)
