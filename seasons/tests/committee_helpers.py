"""A committee session ready for tests: a call, three shortlisted applications scored
3, 4 and 5, three members."""

import datetime as dt

from seasons.models import CommitteeSession, SubmissionStatus
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all

S = SubmissionStatus


def make_session(call=None, *, members=3, scores=(3, 4, 5), status=S.SHORTLISTED, title="Jury"):
    call = call or CallFactory()
    session = CommitteeSession.objects.create(call=call, title=title, held_on=dt.date(2024, 6, 12))
    session.members.set(
        [member_of(PROGRAM_MANAGER, f"{title.lower()}-membre{n}") for n in range(members)]
    )
    reviewer = member_of(PROGRAM_MANAGER, f"{title.lower()}-evaluateur")
    for n, value in enumerate(scores):
        submission = SubmissionFactory(
            call=call,
            status=status,
            organisation_name=f"Projet {value}",
            reference=f"AIC-{title}-{n}",
        )
        score_all(ReviewFactory(submission=submission, reviewer=reviewer), value)
    return session
