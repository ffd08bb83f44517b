"""The award offer: its clock, the applicant's acceptance or refusal, the lapse, and the
place passed to the next on the waiting list in the committee's order."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from laureates.models import Laureate
from seasons import outbox
from seasons.applying import services
from seasons.models import (
    AwardOffer,
    EmailKind,
    EmailStatus,
    OfferState,
    OutboundEmail,
    SubmissionStatus,
    SubmissionTransition,
)
from seasons.selection import award, decisions, workflow
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.award_helpers import RELEASE, decided_call, fresh, offer
from seasons.tests.factories import ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all

pytestmark = pytest.mark.django_db
S = SubmissionStatus
DAY = dt.timedelta(days=1)
LINKS = "https://aic.example.org"


def absolute(path):
    return LINKS + path


def test_a_committee_closing_opens_an_offer_whose_clock_starts_at_the_release():
    _call, apps = decided_call()
    selected = offer(apps["Projet 5"])
    assert (selected.state, selected.from_waiting_list) == (OfferState.PENDING, False)
    assert (selected.opens_at, selected.deadline) == (RELEASE, RELEASE + 14 * DAY)
    assert AwardOffer.objects.count() == 1  # the waiting list has none
    laureate = Laureate.objects.get(submission=apps["Projet 5"])
    assert laureate.awaiting_acceptance is True
    assert list(Laureate.objects.published(RELEASE + 30 * DAY)) == []


def test_a_staff_decision_starts_the_clock_when_its_email_is_released(settings):
    settings.EMAIL_SEND_AT_ONCE = False
    manager = member_of(PROGRAM_MANAGER, "responsable")
    submission = SubmissionFactory(status=S.SHORTLISTED, call__award_acceptance_days=10)
    decisions.decide([fresh(submission)], S.SELECTED, user=manager)
    assert (offer(submission).opens_at, offer(submission).deadline) == (None, None)
    outbox.release_emails(OutboundEmail.objects.filter(kind=EmailKind.DECISION))
    opened = offer(submission)
    assert opened.deadline - opened.opens_at == 10 * DAY
    outbox.release_emails(OutboundEmail.objects.filter(kind=EmailKind.DECISION))
    assert offer(submission).opens_at == opened.opens_at  # a second release gives no time


def test_accepting_records_it_once_and_readies_the_laureate():
    call, apps = decided_call()
    at = RELEASE + 2 * DAY
    accepted, now = award.accept(apps["Projet 5"], now=at)
    assert (accepted.state, accepted.answered_at, now) == (OfferState.ACCEPTED, at, True)
    again, now = award.accept(apps["Projet 5"], now=at + DAY)
    assert (again.answered_at, now) == (at, False)
    laureate = Laureate.objects.get(submission=apps["Projet 5"])
    assert laureate.awaiting_acceptance is False
    call.laureates_announced_at = at
    call.save()
    assert list(Laureate.objects.published(at + DAY)) == [laureate]
    assert fresh(apps["Projet 5"]).status == S.SELECTED


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (RELEASE - DAY, "Cette proposition n’est pas encore ouverte."),
        (RELEASE + 14 * DAY, "Le délai pour répondre à cette proposition est passé."),
    ],
)
def test_an_offer_is_answered_only_while_open(moment, message):
    _call, apps = decided_call()
    for answer in (award.accept, award.decline):
        with pytest.raises(award.OfferRefused, match=message):
            answer(apps["Projet 5"], now=moment)
    assert (offer(apps["Projet 5"]).state, fresh(apps["Projet 5"]).status) == (
        OfferState.PENDING,
        S.SELECTED,
    )


def test_declining_withdraws_removes_the_laureate_and_passes_the_place_on():
    _call, apps = decided_call()
    at = RELEASE + 3 * DAY
    declined, now = award.decline(apps["Projet 5"], reason="  Un autre programme.  ", now=at)
    assert now is True
    assert (declined.state, declined.answered_at, declined.decline_reason) == (
        OfferState.DECLINED,
        at,
        "Un autre programme.",
    )
    assert declined.passed_to == apps["Projet 4"]
    assert fresh(apps["Projet 5"]).status == S.WITHDRAWN
    assert not Laureate.objects.filter(submission=apps["Projet 5"]).exists()
    log = SubmissionTransition.objects.get(submission=apps["Projet 5"], to_status=S.WITHDRAWN)
    assert (log.by_applicant, log.actor, log.reason) == (
        True,
        None,
        "Place de lauréat déclinée par le candidat. Un autre programme.",
    )
    promoted = offer(apps["Projet 4"])
    assert (promoted.state, promoted.from_waiting_list) == (OfferState.PENDING, True)
    assert (promoted.opens_at, promoted.deadline) == (at, at + 14 * DAY)
    assert fresh(apps["Projet 4"]).status == S.SELECTED
    assert fresh(apps["Projet 3"]).status == S.WAITLISTED
    log = SubmissionTransition.objects.get(submission=apps["Projet 4"], to_status=S.SELECTED)
    assert (log.by_applicant, log.actor, log.from_status) == (False, None, S.WAITLISTED)
    assert Laureate.objects.get(submission=apps["Projet 4"]).awaiting_acceptance is True
    email = OutboundEmail.objects.get(submission=apps["Projet 4"], status=EmailStatus.QUEUED)
    assert (email.kind, email.subject, email.send_after) == (
        EmailKind.DECISION,
        f"Une place vous est proposée : candidature {apps['Projet 4'].reference}",
        None,
    )
    assert "dans les 14 jours" in email.body
    assert f"[[private-link:status:{apps['Projet 4'].pk}]]" in email.body
    # The waitlisted e-mail held for the release date is superseded by the offer.
    assert list(
        OutboundEmail.objects.filter(submission=apps["Projet 4"])
        .order_by("pk")
        .values_list("status", flat=True)
    ) == [EmailStatus.SUPERSEDED, EmailStatus.QUEUED]


def test_declining_twice_passes_the_place_on_once():
    _call, apps = decided_call()
    award.decline(apps["Projet 5"], now=RELEASE + DAY)
    declined, now = award.decline(fresh(apps["Projet 5"]), now=RELEASE + 2 * DAY)
    assert (now, declined.answered_at) == (False, RELEASE + DAY)
    assert fresh(apps["Projet 3"]).status == S.WAITLISTED
    assert AwardOffer.objects.filter(from_waiting_list=True).count() == 1


def test_an_accepted_award_cannot_be_declined_nor_withdrawn():
    _call, apps = decided_call()
    award.accept(apps["Projet 5"], now=RELEASE + DAY)
    with pytest.raises(award.OfferRefused, match="Vous avez déjà accepté cette place de lauréat"):
        award.decline(apps["Projet 5"], now=RELEASE + DAY)
    assert services.can_withdraw(fresh(apps["Projet 5"])) is False
    with pytest.raises(workflow.TransitionRefused, match="déclinez plutôt la place de lauréat"):
        services.withdraw(fresh(apps["Projet 5"]), absolute)
    assert fresh(apps["Projet 4"]).status == S.WAITLISTED


def test_the_waiting_list_follows_the_docket_then_scores_outside_a_session():
    call, _apps = decided_call(scores=(5, 4, 3))
    reviewer = member_of(PROGRAM_MANAGER, "evaluatrice")
    outside = SubmissionFactory(call=call, status=S.WAITLISTED, organisation_name="Hors séance")
    score_all(ReviewFactory(submission=outside, reviewer=reviewer), 5)
    unscored = SubmissionFactory(call=call, status=S.WAITLISTED, organisation_name="Sans note")
    assert [s.organisation_name for s in award.waiting_list(call)] == [
        "Projet 4",
        "Projet 3",
        "Hors séance",
        "Sans note",
    ]
    assert unscored.status == S.WAITLISTED


def test_an_empty_waiting_list_leaves_the_place_free():
    decisions_ = {"Projet 5": S.SELECTED, "Projet 4": S.REJECTED, "Projet 3": S.REJECTED}
    _call, apps = decided_call(decisions=decisions_)
    declined, _now = award.decline(apps["Projet 5"], now=RELEASE + DAY)
    assert (declined.state, declined.passed_to) == (OfferState.DECLINED, None)


def test_an_unanswered_offer_lapses_once_and_passes_the_place_on(capsys):
    _call, apps = decided_call()
    call_command("expire_award_offers", "--at", "2030-07-04T08:59", "--site-url", LINKS)
    assert capsys.readouterr().out == "0 offer(s) lapsed, 0 place(s) passed on.\n"
    call_command("expire_award_offers", "--at", "2030-07-04T11:00", "--site-url", LINKS)
    assert capsys.readouterr().out == "1 offer(s) lapsed, 1 place(s) passed on.\n"
    lapsed = offer(apps["Projet 5"])
    assert (lapsed.state, lapsed.passed_to, lapsed.answered_at) == (
        OfferState.LAPSED,
        apps["Projet 4"],
        dt.datetime(2030, 7, 4, 9, 0, tzinfo=dt.UTC),  # 11:00 in Paris
    )
    log = SubmissionTransition.objects.get(submission=apps["Projet 5"], to_status=S.WITHDRAWN)
    assert (log.by_applicant, log.actor, log.reason) == (
        False,
        None,
        "La proposition a expiré : pas de réponse avant l’échéance.",
    )
    assert not Laureate.objects.filter(submission=apps["Projet 5"]).exists()
    email = OutboundEmail.objects.get(submission=apps["Projet 4"], status=EmailStatus.QUEUED)
    assert email.link_base == LINKS
    call_command("expire_award_offers", "--at", "2030-07-04T12:00", "--site-url", LINKS)
    assert capsys.readouterr().out == "0 offer(s) lapsed, 0 place(s) passed on.\n"
    assert fresh(apps["Projet 4"]).status == S.SELECTED


def test_a_lapse_chain_reaches_the_end_of_the_waiting_list():
    _call, apps = decided_call()
    first = award.lapse_overdue(RELEASE + 15 * DAY)
    second = award.lapse_overdue(RELEASE + 30 * DAY)
    third = award.lapse_overdue(RELEASE + 45 * DAY)
    assert [o.passed_to for o in first + second + third] == [
        apps["Projet 4"],
        apps["Projet 3"],
        None,
    ]
    assert {fresh(s).status for s in apps.values()} == {S.WITHDRAWN}


def test_the_database_keeps_the_offer_coherent():
    call, apps = decided_call()
    row = offer(apps["Projet 5"])
    breaks = [
        {"state": "won"},
        {"state": OfferState.ACCEPTED},  # no answer time
        {"answered_at": RELEASE},  # pending with an answer time
        {"deadline": RELEASE - DAY},
        {"opens_at": None},
        {"decline_reason": "non"},
        {"passed_to": apps["Projet 4"]},
        {"state": OfferState.DECLINED, "answered_at": RELEASE, "passed_to": apps["Projet 5"]},
    ]
    for values in breaks:
        with pytest.raises(IntegrityError), transaction.atomic():
            AwardOffer.objects.filter(pk=row.pk).update(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardOffer.objects.create(submission=apps["Projet 5"])
    with pytest.raises(IntegrityError), transaction.atomic():
        type(call).objects.filter(pk=call.pk).update(award_acceptance_days=0)
