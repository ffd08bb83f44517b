"""A laureate team member signed in to their space gets nothing of the jurors' screens,
and a juror nothing of the team's space."""

import pytest
from django.test import Client

from laureates.tests.factories import TeamMemberFactory
from laureates.tests.space_helpers import sign_in as team_sign_in
from seasons.tests.factories import AttachmentFactory
from seasons.tests.jury_helpers import juror_session
from seasons.tests.jury_helpers import sign_in as juror_sign_in

pytestmark = pytest.mark.django_db


def test_a_team_member_is_sent_to_the_jurors_sign_in_on_every_juror_address():
    session, _juror = juror_session()
    item = session.items.first()
    attachment = AttachmentFactory(submission=item.submission)
    client = team_sign_in(Client(), TeamMemberFactory(email="equipe@example.org"))
    urls = [
        "/jury/",
        f"/jury/seances/{session.pk}/",
        f"/jury/candidatures/{item.pk}/",
        f"/jury/fichiers/{attachment.pk}/",
        "/jury/seances/999999/",
    ]
    for url in urls:
        response = client.get(url)
        assert (url, response.status_code, response["Location"]) == (url, 302, "/jury/connexion/")
    assert client.get("/espace-laureat/").status_code == 200  # still in their own space


def test_a_juror_is_sent_to_the_teams_sign_in():
    _session, juror = juror_session()
    client = juror_sign_in(Client(), juror)
    response = client.get("/espace-laureat/")
    assert (response.status_code, response["Location"]) == (302, "/espace-laureat/connexion/")
