"""Fictitious reviews of the season-2 applications, so that the review screens, the scores
and the selection funnel have content.

Two reviewer accounts (only on a development machine, like the demo account) review the
applications that reached the review: both have submitted their scores on those
shortlisted, on the waiting list or not selected after review; on those under review, one
has submitted and the other not yet. Scores come from `random.Random(2023)`, so every
load gives the same ones.

The season-2 calls get a review deadline `REVIEW_TIME` after they close (`load_calls`;
past, so the open reviews show as overdue), and the second reviewer declared a conflict
of interest on the first application under review, which was then offered to a third
reviewer, so that the progress and calibration pages of a call have something to show.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from seasons.models import Review, Score, Submission, SubmissionStatus
from seasons.selection.roles import REVIEWER

from .facts import PARIS

S = SubmissionStatus
REVIEWERS = [
    ("evaluatrice", "Dominique", "Évaluatrice"),
    ("evaluateur", "Claude", "Évaluateur"),
    # Reviews only what a conflict of interest sent her way.
    ("evaluatrice-relais", "Camille", "Relais"),
]
REVIEW_TIME = datetime.timedelta(weeks=3)
CONFLICT = "Je suis bénévole de cette association depuis 2021."
PASSWORD = "demo"  # noqa: S105 -- documented, DEBUG-only accounts
BOTH_DONE = [S.SHORTLISTED, S.WAITLISTED]
ONE_DONE = [S.IN_REVIEW]
SUBMITTED_AT = datetime.datetime(2023, 9, 20, 10, 0, tzinfo=PARIS)
COMMENTS = {
    5: "Commun solide, gouvernance ouverte, impact démontré.",
    4: "Projet convaincant ; le modèle économique reste à consolider.",
    3: "Intéressant, mais la maturité de l’équipe est encore fragile.",
    2: "Impact difficile à mesurer à ce stade.",
}


def load_reviewers(tally, sync):
    group = Group.objects.get(name=REVIEWER)
    accounts = []
    for username, first_name, last_name in REVIEWERS:
        values = {
            "is_staff": True,
            "is_active": True,
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
        }
        user, created, changed = sync(get_user_model(), {"username": username}, values)
        if created or not user.check_password(PASSWORD):
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            changed = not created
        user.groups.add(group)
        tally.record("accounts", created, changed)
        accounts.append(user)
    return accounts


def load_reviews(tally, reviewers):
    draw = random.Random(2023)  # noqa: S311 -- reproducible demo data, not security
    reviewed = (
        Submission.objects.filter(status__in=BOTH_DONE + ONE_DONE, call__season__number=2)
        .select_related("call")
        .order_by("reference")
    )
    reviewers, relay = reviewers[:2], reviewers[2]
    conflicted = reviewed.filter(status__in=ONE_DONE).first()
    replacement = None
    if conflicted is not None:
        lookup = {"submission": conflicted, "reviewer": relay}
        replacement = tally.sync("reviews", Review, lookup, {})
    for submission in reviewed:
        criteria = list(submission.call.criteria.order_by("position"))
        for index, reviewer in enumerate(reviewers):
            done = submission.status in BOTH_DONE or index == 0
            base = draw.randint(2, 5)
            values = {
                "conflict_of_interest": False if done else None,
                "comment": COMMENTS[base] if done else "",
                "submitted_at": SUBMITTED_AT if done else None,
            }
            if submission == conflicted and index == 1:
                # Declared a conflict of interest: no score; a relay reviews it instead.
                values = {**values, **conflict_of_interest(replacement)}
            review = tally.sync(
                "reviews", Review, {"submission": submission, "reviewer": reviewer}, values
            )
            for criterion in criteria:
                value = max(0, min(5, base + draw.choice([-1, 0, 0, 1])))
                if done:
                    tally.sync(
                        "scores",
                        Score,
                        {"review": review, "criterion": criterion},
                        {"value": value},
                    )


def conflict_of_interest(replacement):
    return {
        "conflict_of_interest": True,
        "conflict_details": CONFLICT,
        "submitted_at": SUBMITTED_AT,
        "replacement": replacement,
    }
