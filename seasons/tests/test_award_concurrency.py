"""Places given up at the same moment: each offer answers once, and two places go to two
different applications of the waiting list (the call's row lock serves them in turn)."""

import pytest
from django.db import connection

from accelerator.tests import concurrency
from seasons.models import AwardOffer, OfferState, SubmissionStatus
from seasons.selection import award
from seasons.tests.award_helpers import RELEASE, decided_call, decision_templates, fresh

pytestmark = [
    pytest.mark.usefixtures(decision_templates.__name__),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
S = SubmissionStatus
TWO_SELECTED = {"Projet 5": S.SELECTED, "Projet 4": S.SELECTED, "Projet 3": S.WAITLISTED,
                "Projet 2": S.WAITLISTED, "Projet 1": S.WAITLISTED}  # fmt: skip


def at_once(*actions):
    """Run each action in its own thread and connection, released together; what each
    returned or raised."""
    return concurrency.at_once(lambda action: action(), actions, refused=(Exception,))


def test_two_declines_at_once_promote_two_different_applications():
    _call, apps = decided_call(scores=(5, 4, 3, 2, 1), decisions=TWO_SELECTED)
    moment = RELEASE + award.datetime.timedelta(days=1)
    results = at_once(
        lambda: award.decline(fresh(apps["Projet 5"]), now=moment)[0].passed_to_id,
        lambda: award.decline(fresh(apps["Projet 4"]), now=moment)[0].passed_to_id,
    )
    assert sorted(results) == sorted([apps["Projet 3"].pk, apps["Projet 2"].pk])
    assert [fresh(apps[name]).status for name in ("Projet 3", "Projet 2", "Projet 1")] == [
        S.SELECTED,
        S.SELECTED,
        S.WAITLISTED,
    ]


def test_a_double_decline_at_once_passes_the_place_on_once():
    _call, apps = decided_call(scores=(5, 4, 3, 2, 1), decisions=TWO_SELECTED)
    moment = RELEASE + award.datetime.timedelta(days=1)
    results = at_once(
        lambda: award.decline(fresh(apps["Projet 5"]), now=moment)[1],
        lambda: award.decline(fresh(apps["Projet 5"]), now=moment)[1],
    )
    assert sorted(results, key=str) == [False, True], [str(r) for r in results]
    assert AwardOffer.objects.filter(from_waiting_list=True).count() == 1
    assert fresh(apps["Projet 2"]).status == S.WAITLISTED


def test_an_acceptance_and_a_lapse_at_once_leave_one_answer():
    _call, apps = decided_call(scores=(5, 4, 3, 2, 1), decisions=TWO_SELECTED)
    deadline = RELEASE + award.datetime.timedelta(days=14)
    results = at_once(
        lambda: award.accept(
            fresh(apps["Projet 5"]), now=deadline - award.datetime.timedelta(seconds=1)
        ),
        lambda: award.lapse_overdue(deadline + award.datetime.timedelta(seconds=1)),
    )
    states = dict(
        AwardOffer.objects.filter(from_waiting_list=False).values_list(
            "submission__organisation_name", "state"
        )
    )
    # Whichever came first, "Projet 5" was answered once; "Projet 4", never answered, lapsed.
    assert states["Projet 4"] == OfferState.LAPSED, [str(r) for r in results]
    assert states["Projet 5"] in (OfferState.ACCEPTED, OfferState.LAPSED)
    assert len(results) == 2
    assert AwardOffer.objects.filter(from_waiting_list=True).count() == (
        2 if states["Projet 5"] == OfferState.LAPSED else 1
    )
