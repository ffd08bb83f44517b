"""Season 2's jury as committee sessions, with fictitious jurors and votes.

The program's season 2 put its shortlist before "a jury with qualified outside experts
within a month". The first intake's jury is loaded as a closed session: on its docket the
applications that became laureates or went to the waiting list, each with the jurors'
votes (or a consensus), the reasons and, once, a juror who did not vote for a conflict of
interest, then one declined application with its feedback per criterion (written through
`selection.feedback`, as staff would); its minutes come out of the admin as for any
session. The jury met before the
tool recorded it, so its outcomes are written as the record of what happened (the
applications already have their status), not moved again through the workflow.

The second intake's shortlist waits for a session in preparation, dated two weeks after
the load, its docket assembled by `selection.committee` as staff would: the cockpit shows
what it lacks. The jurors are fictitious outside jurors without a password, in the
jurors' group: the three who sit on that session have a review of each application of its
docket, and `load_demo` prints a sign-in link for the first (`DEMO_JUROR`) to the jurors'
screens (`seasons.jury`).
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from seasons.models import (
    Call,
    CommitteeSession,
    DocketItem,
    SessionStatus,
    Submission,
    SubmissionStatus,
)
from seasons.selection import committee, feedback, reviewing
from seasons.selection.roles import JUROR

from .facts import paris

S = SubmissionStatus
JURORS = [
    ("jure-martin", "Hélène", "Martin", "experte des communs numériques"),
    ("jure-nguyen", "Thomas", "Nguyen", "administrateur des données publiques"),
    ("jure-diallo", "Aïssatou", "Diallo", "responsable associative"),
    ("jure-lefebvre", "Bernard", "Lefebvre", "ancien lauréat"),
    ("jure-rossi", "Giulia", "Rossi", "chercheuse en politiques publiques"),
]
FIRST_INTAKE = "communs-numeriques-1re-releve"
SECOND_INTAKE = "communs-numeriques-2e-releve"
# Whose sign-in link `load_demo` prints: a juror of the session in preparation.
DEMO_JUROR = "jure-martin"
HELD_ON = datetime.date(2023, 5, 10)
CLOSED_AT = paris(2023, 5, 10, 18, 30)
# (for, against, abstentions) by docket position; None for a consensus.
VOTES = [None, (5, 0, 0), (4, 0, 1), (4, 1, 0), (3, 1, 0), (2, 2, 1)]
REASONS = {
    S.SELECTED: "Un commun utile au plus grand nombre, une équipe et une gouvernance solides.",
    S.WAITLISTED: "Projet prometteur ; retenu en liste d’attente faute de place.",
}
CONFLICT_POSITION = 5  # a juror volunteers with that association: four vote
DECLINED = "Eau claire partagée"  # the project the jury declined, last on its docket
DECLINED_VOTES = (1, 3, 1)
DECLINED_REASONS = "Un projet utile, encore trop local et sans structure juridique stable."
# Fictitious feedback to the declined applicant: {criterion title (None: general): text}.
DECLINED_FEEDBACK = {
    "Impact": "Les relevés couvrent deux rivières ; dites comment d’autres bassins les "
    "reprendraient.",
    "Maturité et structuration": "L’équipe repose sur deux bénévoles : un troisième "
    "contributeur régulier rassurerait le jury.",
    "Porteur juridique": "Les statuts de l’association sont en cours de dépôt : "
    "joignez-les à une prochaine candidature.",
    None: "Le jury vous encourage à candidater de nouveau lors d’une prochaine relève.",
}


def load_jurors(tally, sync):
    group, _created = Group.objects.get_or_create(name=JUROR)
    jurors = []
    for username, first_name, last_name, _role in JURORS:
        values = {
            "is_staff": False,
            "is_active": True,
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
        }
        user, created, changed = sync(
            get_user_model(), {"username": username}, values, initial={"password": "!"}
        )
        tally.record("accounts", created, changed)
        user.groups.add(group)
        jurors.append(user)
    return jurors


def load_committee(tally, sync, today):
    jurors = load_jurors(tally, sync)
    load_first_jury(tally, jurors)
    load_next_session(tally, jurors, today)


def load_first_jury(tally, jurors):
    session = tally.sync(
        "sessions",
        CommitteeSession,
        {"call": call_of(FIRST_INTAKE), "title": "Jury de la première relève"},
        {
            "held_on": HELD_ON,
            "status": SessionStatus.CLOSED,
            "docket_status": S.SHORTLISTED,
            "closed_at": CLOSED_AT,
        },
    )
    session.members.set(jurors)
    decided = Submission.objects.filter(
        call=session.call, status__in=[S.SELECTED, S.WAITLISTED]
    ).order_by("status", "reference")  # "selected" sorts before "waitlisted"
    for position, submission in enumerate(decided, start=1):
        votes = VOTES[min(position, len(VOTES)) - 1]
        absent = [jurors[-1]] if position == CONFLICT_POSITION else []
        values = {
            "position": position,
            "from_status": S.SHORTLISTED,
            "decision": submission.status,
            "by_consensus": votes is None,
            "votes_for": votes and votes[0],
            "votes_against": votes and votes[1],
            "abstentions": votes and votes[2],
            "voters": len(jurors) - len(absent),
            "reasons": REASONS[submission.status],
            "recorded_at": CLOSED_AT,
        }
        item = tally.sync(
            "docket items", DocketItem, {"session": session, "submission": submission}, values
        )
        item.not_voting.set(absent)
    load_declined(tally, session, len(jurors), position=decided.count() + 1)


def load_declined(tally, session, voters, position):
    """The declined application on the jury's docket, then its feedback."""
    submission = Submission.objects.get(call=session.call, project_name=DECLINED)
    values = {
        "position": position,
        "from_status": S.SHORTLISTED,
        "decision": S.REJECTED,
        "by_consensus": False,
        "votes_for": DECLINED_VOTES[0],
        "votes_against": DECLINED_VOTES[1],
        "abstentions": DECLINED_VOTES[2],
        "voters": voters,
        "reasons": DECLINED_REASONS,
        "recorded_at": CLOSED_AT,
    }
    tally.sync("docket items", DocketItem, {"session": session, "submission": submission}, values)
    criteria = {c.title: c for c in session.call.criteria.all()}
    texts = {
        feedback.field_key(criteria[title] if title else None): text
        for title, text in DECLINED_FEEDBACK.items()
    }
    before = feedback.texts_of(submission.decision_feedback.select_related("criterion"))
    if before != texts:
        feedback.write_feedback(submission, texts, user=None)
    for key, text in texts.items():
        tally.record("feedback", key not in before, key in before and before[key] != text)


def load_next_session(tally, jurors, today):
    """Dated from the load's day: two weeks ahead, so the cockpit lists it."""
    session = tally.sync(
        "sessions",
        CommitteeSession,
        {"call": call_of(SECOND_INTAKE), "title": "Jury de la deuxième relève"},
        {"docket_status": S.SHORTLISTED},
        initial={"held_on": today + datetime.timedelta(days=14)},
    )
    if session.status == SessionStatus.PREPARING:
        session.members.set(jurors[:3])
        committee.assemble_docket(session)
        # Assembling gives the jurors what the docket gains; a docket assembled by an
        # earlier load gets them here (nothing new on a second load).
        docket = [item.submission for item in session.items.select_related("submission")]
        reviewing.assign(docket, jurors[:3], notify=False)


def call_of(slug):
    return Call.objects.get(slug=slug)
