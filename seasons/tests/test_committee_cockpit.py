"""The cockpit's call cards show each call's next committee session and what it lacks."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accelerator.tests.staff import login_staff
from seasons.cockpit import cockpit_calls
from seasons.models import CommitteeSession, SubmissionStatus
from seasons.selection import committee
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.committee_helpers import make_session
from seasons.tests.factories import CallFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def open_call(**fields):
    return CallFactory(is_open=True, **fields)


def today():
    return timezone.localdate()


def card(call):
    return next(f for f in cockpit_calls(with_sessions=True) if f.call == call)


def test_a_call_without_session_has_none():
    call = open_call()
    assert card(call).next_session is None


def test_the_earliest_open_session_is_the_next_one_and_says_what_it_lacks():
    call = open_call()
    later = CommitteeSession.objects.create(call=call, title="Plus tard",
                                            held_on=today() + dt.timedelta(days=30))  # fmt: skip
    soon = CommitteeSession.objects.create(call=call, title="Bientôt",
                                           held_on=today() + dt.timedelta(days=3))  # fmt: skip
    shown = card(call).next_session
    assert (shown.session, shown.lacks) == (soon, ["aucun membre", "un ordre du jour vide"])
    assert later.title not in str(shown.session)


def test_a_past_meeting_lacks_its_outcomes_until_recorded():
    session = make_session(open_call())
    session.held_on = today()
    session.save()
    first, _second, _third = committee.assemble_docket(session)
    assert card(session.call).next_session.lacks == ["3 décisions non notées"]
    committee.record_outcome(
        first, decision=S.SELECTED, by_consensus=True, votes={}, reasons="", not_voting=[],
        user=None,
    )  # fmt: skip
    assert card(session.call).next_session.lacks == ["2 décisions non notées"]


def test_a_future_meeting_with_members_and_docket_lacks_nothing():
    session = make_session(open_call())
    session.held_on = today() + dt.timedelta(days=5)
    session.save()
    committee.assemble_docket(session)
    assert card(session.call).next_session.lacks == []


def test_a_closed_session_is_not_next():
    session = make_session(open_call(), scores=[4])
    item = committee.assemble_docket(session)[0]
    manager = member_of(PROGRAM_MANAGER, "responsable")
    committee.record_outcome(
        item, decision=S.SELECTED, by_consensus=True, votes={}, reasons="", not_voting=[],
        user=manager,
    )  # fmt: skip
    committee.close_session(session, user=manager)
    assert card(session.call).next_session is None


@pytest.mark.parametrize("role", [PROGRAM_MANAGER, OBSERVER])
def test_the_home_shows_the_session_to_managers_and_observers(client, role):
    make_session(open_call(), title="Jury")
    login_staff(client, member_of(role, "lecteur"))
    html = client.get("/admin/").content.decode()
    assert "Jury (12/06/2024)" in html
    assert "Un ordre du jour vide" in html


def test_a_reviewer_sees_no_session_on_the_home(client):
    make_session(open_call(), title="Jury")
    login_staff(client, member_of(REVIEWER, "evaluatrice"))
    html = client.get("/admin/").content.decode()
    assert ("Jury (12/06/2024)" in html, "Comité" in html) == (False, False)


def queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/").status_code == 200
    return len(captured)


def test_the_sessions_cost_one_query_whatever_their_number(client):
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    make_session(open_call(), title="Un")
    one = queries(client)
    for n in range(4):
        session = make_session(open_call(), title=f"S{n}")
        committee.assemble_docket(session)
    assert queries(client) == one == 17
