"""The staff's list of award offers, for every role, with a fixed number of queries."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accelerator.tests.staff import login_staff
from seasons.selection import award
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.award_helpers import RELEASE, decided_call
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
LIST = "/admin/seasons/awardoffer/"


def staff(role):
    if role == "superuser":
        user = User.objects.create_superuser("racine", "racine@example.org", "x")
    else:
        user = member_of(role, "lecteur")
    return login_staff(Client(), user)


def rows(response):
    return len(response.context["cl"].result_list)


@pytest.mark.parametrize("role", ["superuser", PROGRAM_MANAGER, OBSERVER])
def test_those_who_see_every_application_read_the_offers(role):
    _call, apps = decided_call()
    award.decline(
        apps["Projet 5"], reason="Ailleurs", now=RELEASE + award.datetime.timedelta(days=1)
    )
    client = staff(role)
    response = client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert rows(response) == 2
    assert "déclinée" in page and "en attente de réponse" in page
    assert rows(client.get(LIST + "?state=declined")) == 1
    offer_pk = apps["Projet 5"].award_offer.pk
    detail = client.get(f"{LIST}{offer_pk}/change/").content.decode()
    assert "Ailleurs" in detail and 'name="_save"' not in detail
    assert client.get(LIST + "add/").status_code == 403


def test_reviewers_and_strangers_do_not(client):
    _call, apps = decided_call()
    reviewer = staff(REVIEWER)
    assert reviewer.get(LIST).status_code == 403
    assert reviewer.get(f"{LIST}{apps['Projet 5'].award_offer.pk}/change/").status_code == 404
    assert Client().get(LIST).status_code == 302


def test_the_list_costs_the_same_for_one_and_three_offers():
    decided_call(title="Un")
    client = staff(PROGRAM_MANAGER)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        assert rows(client.get(LIST)) == 1
    decided_call(title="Deux")
    decided_call(title="Trois")
    with CaptureQueriesContext(connection) as three:
        assert rows(client.get(LIST)) == 3
    assert len(three) == len(one)
