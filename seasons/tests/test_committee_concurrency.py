"""Two members of staff closing one session at the same moment: the session's row lock
serves them one after the other, so every application moves once."""

import threading

import pytest
from django.db import connection, connections

from seasons.models import SessionStatus, SubmissionStatus, SubmissionTransition
from seasons.selection import committee
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.committee_helpers import make_session
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db(transaction=True)
S = SubmissionStatus


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_closings_at_once_move_each_application_once():
    session = make_session()
    manager = member_of(PROGRAM_MANAGER, "responsable")
    for item in committee.assemble_docket(session):
        committee.record_outcome(
            item, decision=S.SELECTED, by_consensus=True, votes={}, reasons="", not_voting=[],
            user=manager,
        )  # fmt: skip
    ready = threading.Barrier(2)
    outcomes = []

    def close():
        try:
            ready.wait()
            outcomes.append(committee.close_session(session, user=manager))
        except committee.SessionRefused as refused:
            outcomes.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [3, "Cette séance est déjà close."]
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert SubmissionTransition.objects.filter(to_status=S.SELECTED).count() == 3
