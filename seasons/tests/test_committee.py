"""The committee session: its docket, outcomes and closing, and the database's invariants."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from seasons.models import (
    CommitteeSession,
    DocketItem,
    EmailKind,
    EmailStatus,
    OutboundEmail,
    SessionStatus,
)
from seasons.selection import committee, workflow
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.committee_helpers import S, make_session
from seasons.tests.factories import SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return member_of(PROGRAM_MANAGER, "responsable")


@pytest.fixture
def session():
    return make_session()


def record(item, decision, *, votes=(2, 1, 0), consensus=False, not_voting=(), user=None):
    values = (
        {}
        if consensus
        else dict(zip(["votes_for", "votes_against", "abstentions"], votes, strict=True))
    )
    return committee.record_outcome(
        item,
        decision=decision,
        by_consensus=consensus,
        votes=values,
        reasons=f"  Motif {decision} ",
        not_voting=not_voting,
        user=user,
    )


def test_the_docket_holds_the_shortlist_best_score_first(session):
    SubmissionFactory(call=session.call, status=S.IN_REVIEW)  # not shortlisted
    added = committee.assemble_docket(session)
    assert [(i.position, i.submission.organisation_name, i.from_status) for i in added] == [
        (1, "Projet 5", S.SHORTLISTED),
        (2, "Projet 4", S.SHORTLISTED),
        (3, "Projet 3", S.SHORTLISTED),
    ]
    late = SubmissionFactory(call=session.call, status=S.SHORTLISTED, reference="AIC-late")
    again = committee.assemble_docket(session)
    assert [(i.position, i.submission) for i in again] == [(4, late)]
    assert session.items.count() == 4


def test_the_docket_can_come_from_another_status(session):
    waiting = SubmissionFactory(call=session.call, status=S.WAITLISTED)
    added = committee.assemble_docket(session, S.WAITLISTED)
    assert [(i.submission, i.from_status) for i in added] == [(waiting, S.WAITLISTED)]
    assert session.docket_status == S.WAITLISTED


def test_an_outcome_by_votes_marks_the_session_held(session, manager):
    item = committee.assemble_docket(session)[0]
    abstaining = session.members.order_by("pk")[0]
    record(item, S.SELECTED, votes=(1, 0, 1), not_voting=[abstaining], user=manager)
    item.refresh_from_db()
    assert (
        item.decision, item.votes_for, item.votes_against, item.abstentions, item.voters,
        item.reasons, item.recorded_by, list(item.not_voting.all()), item.vote_label,
    ) == (S.SELECTED, 1, 0, 1, 2, "Motif selected", manager, [abstaining],
          "1 pour, 0 contre, 1 abstentions")  # fmt: skip
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD


def test_a_consensus_has_no_votes(session, manager):
    item = committee.assemble_docket(session)[0]
    record(item, S.REJECTED, consensus=True, user=manager)
    item.refresh_from_db()
    assert (item.by_consensus, item.votes_for, item.voters, item.vote_label) == (
        True, None, 3, "consensus",
    )  # fmt: skip


@pytest.mark.parametrize(
    "decision, votes, consensus, field",
    [
        (S.IN_REVIEW, (1, 1, 1), False, "decision"),  # not a move from the shortlist
        (S.SHORTLISTED, (1, 1, 1), False, "decision"),
        (S.SELECTED, (2, 1, 1), False, "votes_for"),  # 4 votes, 3 voters
        (S.SELECTED, (None, 1, 1), False, "votes_for"),
        (S.SELECTED, (-1, 1, 1), False, "votes_for"),
        (S.SELECTED, (1, 1, 1), True, "by_consensus"),
    ],
)
def test_a_wrong_outcome_is_refused_with_its_field(
    session, manager, decision, votes, consensus, field
):
    item = committee.assemble_docket(session)[0]
    values = dict(zip(["votes_for", "votes_against", "abstentions"], votes, strict=True))
    with pytest.raises(committee.SessionRefused) as refused:
        committee.record_outcome(
            item, decision=decision, by_consensus=consensus, votes=values, reasons="",
            not_voting=[], user=manager,
        )  # fmt: skip
    assert list(refused.value.errors) == [field]
    item.refresh_from_db()
    assert item.decision == ""


def test_only_members_can_be_not_voting(session, manager):
    item = committee.assemble_docket(session)[0]
    with pytest.raises(committee.SessionRefused) as refused:
        record(item, S.SELECTED, votes=(1, 0, 0), not_voting=[manager])
    assert refused.value.errors == {
        "not_voting": "Seuls les membres de la séance peuvent être notés comme ne votant pas."
    }


def test_a_conflict_lowers_the_number_of_voters(session):
    item = committee.assemble_docket(session)[0]
    members = list(session.members.all())
    with pytest.raises(committee.SessionRefused) as refused:
        record(item, S.SELECTED, votes=(3, 0, 0), not_voting=members[:1])
    assert refused.value.errors == {
        "votes_for": "3 voix pour 2 membres votants : il y a plus de voix que de votants."
    }


def test_closing_moves_every_application_in_one_go(session, manager):
    first, second, third = committee.assemble_docket(session)
    record(first, S.SELECTED, user=manager)
    record(second, S.WAITLISTED, user=manager)
    record(third, S.REJECTED, consensus=True, user=manager)
    assert committee.close_session(session, user=manager) == 3
    moved = [
        (i.submission.status, i.submission.transitions.get().reason)
        for i in session.items.select_related("submission")
    ]
    assert moved == [
        (S.SELECTED, "Séance du comité « Jury (12/06/2024) » : Motif selected"),
        (S.WAITLISTED, "Séance du comité « Jury (12/06/2024) » : Motif waitlisted"),
        (S.REJECTED, "Séance du comité « Jury (12/06/2024) » : Motif rejected"),
    ]
    assert (session.status, session.closed_by) == (SessionStatus.CLOSED, manager)
    drafts = set(
        first.submission.emails.filter(kind=EmailKind.DECISION).values_list("status", flat=True)
    )
    assert drafts == {EmailStatus.DRAFT}
    with pytest.raises(committee.SessionRefused, match="déjà close"):
        committee.close_session(session, user=manager)
    with pytest.raises(committee.SessionRefused, match="close"):
        record(first, S.REJECTED, user=manager)


def test_closing_is_all_or_nothing(session, manager):
    first, second, third = committee.assemble_docket(session)
    for item in (first, second, third):
        record(item, S.SELECTED, user=manager)
    # The third applicant withdrew after the meeting: nothing moves.
    workflow.change_status(third.submission, S.WITHDRAWN, actor=workflow.Actor.APPLICANT)
    with pytest.raises(committee.SessionRefused) as refused:
        committee.close_session(session, user=manager)
    assert "AIC-Jury-0" in str(refused.value) or "Projet 3" in str(refused.value)
    first.submission.refresh_from_db()
    session.refresh_from_db()
    assert (first.submission.status, first.submission.transitions.count()) == (S.SHORTLISTED, 0)
    assert session.status == SessionStatus.HELD


def test_closing_needs_every_outcome(session, manager):
    with pytest.raises(committee.SessionRefused, match="vide"):
        committee.close_session(session, user=manager)
    first, _second, _third = committee.assemble_docket(session)
    record(first, S.SELECTED, user=manager)
    with pytest.raises(committee.SessionRefused) as refused:
        committee.close_session(session, user=manager)
    assert str(refused.value) == ("Notez d’abord la décision de chaque point (manquants : 2, 3).")


def test_a_held_session_keeps_its_docket(session, manager):
    first = committee.assemble_docket(session)[0]
    record(first, S.SELECTED, user=manager)
    with pytest.raises(committee.SessionRefused):
        committee.assemble_docket(session)


def test_status_counts_for_the_minutes(session, manager):
    first, second, third = committee.assemble_docket(session)
    record(first, S.SELECTED)
    record(second, S.SELECTED)
    assert committee.status_counts([first, second, third]) == {"retenue": 2}


def refused(**values):
    with pytest.raises(IntegrityError), transaction.atomic():
        DocketItem.objects.filter(pk=values.pop("pk")).update(**values)


def test_the_database_keeps_the_invariants(session):
    item = committee.assemble_docket(session)[0]
    now = timezone.now()
    outcome = {"decision": S.SELECTED, "recorded_at": now, "voters": 3}
    refused(pk=item.pk, votes_for=1)  # votes without a decision
    refused(pk=item.pk, **outcome)  # a decision with neither votes nor consensus
    refused(pk=item.pk, **outcome, by_consensus=True, votes_for=1, votes_against=0, abstentions=0)
    refused(pk=item.pk, **outcome, votes_for=3, votes_against=1, abstentions=0)  # 4 > 3
    refused(pk=item.pk, **{**outcome, "decision": S.SHORTLISTED}, by_consensus=True)
    refused(pk=item.pk, **{**outcome, "decision": "nonsense"}, by_consensus=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocketItem.objects.create(
            session=session, submission=item.submission, position=9, from_status=S.SHORTLISTED
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeSession.objects.filter(pk=session.pk).update(status=SessionStatus.CLOSED)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeSession.objects.create(
            call=session.call, title="X", held_on=dt.date(2024, 1, 1), status="nonsense"
        )
    DocketItem.objects.filter(pk=item.pk).update(
        **outcome, votes_for=2, votes_against=1, abstentions=0
    )


def test_decisions_released_on_a_date_wait_for_it(session, manager, settings):
    from seasons import outbox

    settings.EMAIL_SEND_AT_ONCE = False
    first, second, third = committee.assemble_docket(session)
    for item in (first, second, third):
        record(item, S.SELECTED, consensus=True, user=manager)
    release = timezone.now() + dt.timedelta(days=3)
    committee.close_session(session, user=manager, release_at=release)
    held = OutboundEmail.objects.filter(kind=EmailKind.DECISION)
    assert set(held.values_list("status", "send_after")) == {(EmailStatus.QUEUED, release)}
    assert outbox.send_queued_emails() == (0, 0)
    assert outbox.send_email(held.first().pk) is None
    held.update(send_after=timezone.now() - dt.timedelta(minutes=1))  # the date has come
    assert outbox.send_queued_emails() == (3, 0)
    assert [m.subject for m in mail.outbox] == [
        f"Votre candidature {i.submission.reference} est retenue" for i in (first, second, third)
    ]
