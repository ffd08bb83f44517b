"""Two members of staff closing one session at the same moment: the session's row lock
serves them one after the other, so every application moves once."""

import pytest
from django.db import connection

from accelerator.tests.concurrency import at_once
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

    def close(user):
        return committee.close_session(session, user=user)

    outcomes = at_once(close, [manager] * 2, refused=committee.SessionRefused)
    assert sorted(map(str, outcomes)) == ["3", "Cette séance est déjà close."]
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert SubmissionTransition.objects.filter(to_status=S.SELECTED).count() == 3
