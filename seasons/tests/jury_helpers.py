"""A committee session with an outside juror invited, for the jurors' tests."""

import re

from seasons.jury import invitations
from seasons.models import EmailKind, OutboundEmail
from seasons.selection import committee
from seasons.tests.committee_helpers import make_session
from seasons.tests.mail_helpers import delivered_body

LINK = re.compile(r"https?://\S+/jury/connexion/([A-Za-z0-9_-]+)/")


def absolute(path):
    return f"http://testserver{path}"


def invite(session, name="Hélène Martin", email="helene.martin@example.org"):
    return invitations.invite_juror(session, full_name=name, email=email, absolute_url=absolute)[0]


def juror_session(scores=(3, 4, 5), title="Jury"):
    """(session, juror): a session whose docket holds one application per score, best
    first, and one juror invited to it."""
    session = make_session(scores=scores, title=title)
    committee.assemble_docket(session)
    return session, invite(session, email=f"jure-{title.lower()}@example.org")


def last_token(email, kind=None):
    emails = OutboundEmail.objects.filter(to=email)
    if kind:
        emails = emails.filter(kind=kind)
    return LINK.search(delivered_body(emails.latest("pk"))).group(1)


def ask_link(client, email):
    return client.post("/jury/connexion/", {"email": email})


def sign_in(client, juror):
    """Through the invitation's link, as the juror would; returns the client."""
    token = last_token(juror.email, EmailKind.JUROR_INVITATION)
    response = client.post(f"/jury/connexion/{token}/")
    assert (response.status_code, response["Location"]) == (302, "/jury/")
    return client
