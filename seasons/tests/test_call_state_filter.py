"""The calls' list in the admin, filtered by state: upcoming, open, closed, read from the
dates at the moment of the request (never stored)."""

import datetime as dt

import pytest
from django.urls import reverse

from .factories import PARIS, CallFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:seasons_call_changelist")


def titles(response):
    return sorted(call.title for call in response.context["cl"].result_list)


@pytest.fixture
def calls():
    now = dt.datetime.now(PARIS)
    CallFactory(title="Ouvert", is_open=True)
    CallFactory(title="Clos")  # the factory's call of 2023
    CallFactory(
        title="À venir",
        opens_at=now + dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=40),
    )


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("open", ["Ouvert"]),
        ("closed", ["Clos"]),
        ("upcoming", ["À venir"]),
    ],
)
def test_each_state_lists_its_calls_only(admin_client, calls, state, expected):
    assert titles(admin_client.get(LIST, {"state": state})) == expected


def test_no_state_or_an_unknown_one_lists_every_call(admin_client, calls):
    every = ["Clos", "Ouvert", "À venir"]
    assert titles(admin_client.get(LIST)) == every
    response = admin_client.get(LIST, {"state": "forgotten"})
    assert response.status_code == 200
    assert titles(response) == every
