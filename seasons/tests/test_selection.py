"""Every change of status goes through one function, with its rules, its log and its lock."""

import itertools

import pytest
from django.contrib.auth.models import Permission, User

from seasons.models import ReferenceCounter, Submission, SubmissionStatus, SubmissionTransition
from seasons.selection import workflow
from seasons.selection.workflow import TRANSITIONS, Actor, change_status
from seasons.tests.factories import CallFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

S = SubmissionStatus
ALL_PAIRS = [(a, b) for a, b in itertools.product(S.values, S.values) if a != b]


@pytest.fixture
def decider():
    user = User.objects.create_user("responsable", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="decide_submission"))
    return User.objects.get(pk=user.pk)


def submission_in(status):
    if status == S.DRAFT:
        return SubmissionFactory(status=status, reference="", submitted_at=None)
    return SubmissionFactory(status=status)


def test_transition_table_has_exactly_the_documented_moves():
    assert len(TRANSITIONS) == 15
    assert [pair for pair, actor in TRANSITIONS.items() if actor is Actor.APPLICANT] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.WITHDRAWN),
        (S.IN_REVIEW, S.WITHDRAWN),
        (S.SHORTLISTED, S.WITHDRAWN),
        (S.WAITLISTED, S.WITHDRAWN),
        (S.SELECTED, S.WITHDRAWN),
    ]
    assert {(S.WAITLISTED, S.SELECTED), (S.SELECTED, S.WITHDRAWN)} == workflow.SYSTEM_TRANSITIONS


@pytest.mark.parametrize(("origin", "target"), ALL_PAIRS)
def test_every_move_is_allowed_only_to_its_actor(decider, origin, target):
    submission = submission_in(origin)
    allowed_actor = TRANSITIONS.get((origin, target))
    for actor in Actor:
        user = decider if actor is Actor.STAFF else None
        fresh = Submission.objects.select_related("call__season").get(pk=submission.pk)
        if actor is allowed_actor:
            change_status(fresh, target, actor=actor, user=user, reason="test")
            assert Submission.objects.get(pk=submission.pk).status == target
            log = SubmissionTransition.objects.get(submission=submission)
            assert (log.from_status, log.to_status, log.reason) == (origin, target, "test")
            assert log.actor == user
            assert log.by_applicant is (actor is Actor.APPLICANT)
            return
        with pytest.raises(workflow.TransitionRefused):
            change_status(fresh, target, actor=actor, user=user)
        assert Submission.objects.get(pk=submission.pk).status == origin
    assert allowed_actor is None
    assert SubmissionTransition.objects.count() == 0


def test_staff_without_the_permission_cannot_decide():
    user = User.objects.create_user("observateur", is_staff=True)
    submission = submission_in(S.SUBMITTED)
    with pytest.raises(workflow.TransitionRefused, match="pas le droit"):
        change_status(submission, S.IN_REVIEW, actor=Actor.STAFF, user=user)
    assert Submission.objects.get(pk=submission.pk).status == S.SUBMITTED


def test_second_of_two_people_acting_on_the_same_state_gets_a_conflict(decider):
    submission = submission_in(S.SUBMITTED)
    first = Submission.objects.select_related("call__season").get(pk=submission.pk)
    second = Submission.objects.select_related("call__season").get(pk=submission.pk)
    change_status(first, S.IN_REVIEW, actor=Actor.STAFF, user=decider)
    with pytest.raises(workflow.TransitionConflict) as conflict:
        change_status(second, S.REJECTED, actor=Actor.STAFF, user=decider)
    assert str(conflict.value) == (
        "Cette candidature a été modifiée entre-temps : elle est maintenant « en instruction »."
    )
    assert Submission.objects.get(pk=submission.pk).status == S.IN_REVIEW
    assert SubmissionTransition.objects.count() == 1


def test_sending_gives_consecutive_references_per_year(settings):
    settings.REFERENCE_PREFIX = "PRG"
    call = CallFactory(season__year=2031)
    references = []
    for _ in range(3):
        draft = SubmissionFactory(call=call, status=S.DRAFT, reference="", submitted_at=None)
        change_status(draft, S.SUBMITTED, actor=Actor.APPLICANT)
        references.append(draft.reference)
    assert references == ["PRG-2031-0001", "PRG-2031-0002", "PRG-2031-0003"]
    assert ReferenceCounter.objects.get(prefix="PRG", year=2031).last_number == 3


def test_on_commit_callback_runs_after_the_change(django_capture_on_commit_callbacks):
    submission = submission_in(S.DRAFT)
    seen = []
    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            submission,
            S.SUBMITTED,
            actor=Actor.APPLICANT,
            on_commit=lambda change: seen.append((change.from_status, change.to_status)),
        )
    assert seen == [(S.DRAFT, S.SUBMITTED)]


def test_a_reference_carries_its_seasons_year_not_the_sending_year(settings):
    """docs/decisions.md, "A reference carries its season's year": season 1 (2022) took
    applications from December 2021; one season keeps one series of numbers."""
    settings.REFERENCE_PREFIX = "AIC"
    draft = SubmissionFactory(call=CallFactory(season__year=2023), status=S.DRAFT,
                              reference="", submitted_at=None)  # fmt: skip
    change_status(draft, S.SUBMITTED, actor=Actor.APPLICANT)
    assert draft.submitted_at.year > 2023  # sent today, years after the season's
    assert draft.reference == "AIC-2023-0001"
    assert list(ReferenceCounter.objects.values_list("prefix", "year", "last_number")) == [
        ("AIC", 2023, 1)
    ]
