"""A call whose committee chose one laureate and a waiting list of two, for the award
offer's tests: "Projet 5" selected, "Projet 4" then "Projet 3" waitlisted (docket order),
the decision e-mails released on RELEASE."""

import datetime as dt

import pytest

from seasons.models import AwardOffer, DecisionEmailTemplate, Submission, SubmissionStatus
from seasons.outbox import DEFAULT_DECISION_EMAILS
from seasons.selection import committee
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.committee_helpers import make_session
from seasons.tests.test_review import member_of

S = SubmissionStatus
RELEASE = dt.datetime(2030, 6, 20, 9, 0, tzinfo=dt.UTC)
DECISIONS = {"Projet 5": S.SELECTED, "Projet 4": S.WAITLISTED, "Projet 3": S.WAITLISTED}


def decided_call(scores=(5, 4, 3), decisions=None, release_at=RELEASE, title="Jury", call=None):
    """(call, {name: application}) after the session's closing (of `call`, or of a call
    of 2023)."""
    decisions = decisions or DECISIONS
    session = make_session(call, scores=scores, title=title)
    manager = member_of(PROGRAM_MANAGER, f"{title.lower()}-responsable")
    for item in committee.assemble_docket(session):
        committee.record_outcome(
            item, decision=decisions[item.submission.organisation_name], by_consensus=True,
            votes={}, reasons="", not_voting=[], user=manager,
        )  # fmt: skip
    committee.close_session(
        session, user=manager, absolute=lambda path: "https://aic.example.org" + path,
        release_at=release_at,
    )  # fmt: skip
    by_name = {
        s.organisation_name: s
        for s in Submission.objects.select_related("call__season").filter(call=session.call)
    }
    return session.call, by_name


def offer(submission):
    return AwardOffer.objects.get(submission=submission)


def fresh(submission):
    return Submission.objects.select_related("call__season").get(pk=submission.pk)


@pytest.fixture
def decision_templates():
    """A transactional test empties the tables the migrations filled: the decision
    e-mails start the offers' clocks, so their templates come back."""
    for (status, language), (subject, body) in DEFAULT_DECISION_EMAILS.items():
        DecisionEmailTemplate.objects.get_or_create(
            status=status, language=language, defaults={"subject": subject, "body": body}
        )
