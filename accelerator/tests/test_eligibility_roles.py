"""The eligibility step before a call's form (issue 15) is a public page: every role meets
it alike, the same answers lead to the same place, and guessed addresses answer 404."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates.tests.factories import TeamMemberFactory
from laureates.tests.space_helpers import sign_in
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.application_helpers import apply_url
from seasons.tests.factories import SubmissionFactory
from seasons.tests.own_form_helpers import call_with_form
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "applicant", "team member", REVIEWER, OBSERVER, PROGRAM_MANAGER, "superuser"]


def client_of(role):
    client = Client()
    if role == "applicant":  # a person who already applied, their private link opened
        key = SubmissionFactory().access_key
        assert client.get(reverse("applications:status", args=[key])).status_code == 200
    elif role == "team member":
        sign_in(client, TeamMemberFactory())
    elif role == "superuser":
        login_staff(client, get_user_model().objects.create_superuser("s", "s@example.org", "x"))
    elif role != "anonymous":
        login_staff(client, member_of(role, role.lower().replace(" ", "-")))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_role_meets_the_step_alike(role):
    call = call_with_form()
    client = client_of(role)
    url = reverse("seasons:eligibility", args=[call.season.slug, call.slug])
    assert client.get(apply_url(call))["Location"] == url
    page = client.get(url)
    assert page.status_code == 200 and "Continuer vers le formulaire" in page.content.decode()
    refused = client.post(url, {"organisation_type": "company"})
    assert (refused.status_code, refused.context["ineligible"]) == (200, True)
    accepted = client.post(url, {"organisation_type": "association"})
    assert accepted["Location"] == f"{apply_url(call)}?organisation_type=association"
    guessed = reverse("seasons:eligibility", args=[call.season.slug, "appel-devine"])
    assert client.get(guessed).status_code == 404
    assert client.post(guessed, {"organisation_type": "association"}).status_code == 404
    other_season = reverse("seasons:eligibility", args=["saison-devinee", call.slug])
    assert client.get(other_season).status_code == 404
