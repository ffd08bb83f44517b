"""The one owner of an application's status.

Every change of status — the applicant sending or withdrawing, staff screening, shortlisting
or deciding, a management command — goes through `change_status`. The allowed moves are
written once, as data, in `TRANSITIONS`: who may make each move is part of the table.
"""

from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    AwardOffer,
    EmailKind,
    EmailStatus,
    OutboundEmail,
    ReferenceCounter,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)

S = SubmissionStatus


class Actor(Enum):
    APPLICANT = "applicant"
    STAFF = "staff"
    # The application itself, without a person: a place passed on, an offer lapsed.
    SYSTEM = "system"


# (from, to) → who may make the move. Anything absent is forbidden.
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): Actor.APPLICANT,
    (S.SUBMITTED, S.IN_REVIEW): Actor.STAFF,
    (S.SUBMITTED, S.REJECTED): Actor.STAFF,  # screened out: ineligible, off-topic
    (S.IN_REVIEW, S.SHORTLISTED): Actor.STAFF,
    (S.IN_REVIEW, S.REJECTED): Actor.STAFF,
    (S.SHORTLISTED, S.SELECTED): Actor.STAFF,
    (S.SHORTLISTED, S.WAITLISTED): Actor.STAFF,
    (S.SHORTLISTED, S.REJECTED): Actor.STAFF,
    (S.WAITLISTED, S.SELECTED): Actor.STAFF,
    (S.WAITLISTED, S.REJECTED): Actor.STAFF,
    # An applicant may withdraw at any time before the final decision.
    (S.SUBMITTED, S.WITHDRAWN): Actor.APPLICANT,
    (S.IN_REVIEW, S.WITHDRAWN): Actor.APPLICANT,
    (S.SHORTLISTED, S.WITHDRAWN): Actor.APPLICANT,
    (S.WAITLISTED, S.WITHDRAWN): Actor.APPLICANT,
    # A selected applicant declines the award (`award.decline`, never the withdrawal page).
    (S.SELECTED, S.WITHDRAWN): Actor.APPLICANT,
}

# The moves the system makes on its own (`award`): the next on the waiting list receives
# a place given up, and an offer nobody answered in time lapses. Their (from, to) pairs
# belong to a person in TRANSITIONS too; the system never makes any other move.
SYSTEM_TRANSITIONS = {
    (S.WAITLISTED, S.SELECTED),
    (S.SELECTED, S.WITHDRAWN),
}

STAFF_PERMISSION = "seasons.decide_submission"


class SelectionHook:
    """What another app adds to the decision "selected", without seasons importing it.

    The laureates app registers one that turns the application into a laureate: its
    `form_class` adds fields to the confirmation page (track, start date), and
    `on_selected` runs inside the transaction of the change, so a failure undoes both.
    `on_award_accepted` and `on_award_given_up` run inside the transaction of the
    applicant's answer (`award`): accepted, declined, or lapsed at its deadline.
    """

    form_class = None

    def on_selected(self, submission, details):
        raise NotImplementedError

    def on_award_accepted(self, submission):
        raise NotImplementedError

    def on_award_given_up(self, submission):
        raise NotImplementedError


SELECTION_HOOKS = []


def register_selection_hook(hook):
    if not any(type(existing) is type(hook) for existing in SELECTION_HOOKS):
        SELECTION_HOOKS.append(hook)


class TransitionRefused(Exception):
    """The move is not allowed: wrong state, or not this actor's to make."""


class TransitionConflict(TransitionRefused):
    """Someone else changed the application's status first."""


@dataclass(frozen=True)
class Change:
    submission: Submission
    from_status: str
    to_status: str


def next_statuses(from_status, actor):
    """The statuses `actor` may move an application to from `from_status`, in the
    table's order (the buttons of an application's page)."""
    return [to for (start, to), who in TRANSITIONS.items() if start == from_status and who == actor]


def can_change(submission, to_status, actor):
    return TRANSITIONS.get((submission.status, to_status)) == actor


def check_allowed(from_status, to_status, actor, user=None):
    """Raise TransitionRefused with a sentence a person can read, or return None."""
    if actor is Actor.SYSTEM and (from_status, to_status) in SYSTEM_TRANSITIONS:
        return
    who = TRANSITIONS.get((from_status, to_status))
    if who is None:
        raise TransitionRefused(
            _("An application that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )
    if who != actor or actor is Actor.SYSTEM:
        raise TransitionRefused(_("Only the applicant can make this change."))
    if actor is Actor.STAFF and (user is None or not user.has_perm(STAFF_PERMISSION)):
        raise TransitionRefused(_("You are not allowed to change the status of applications."))


def change_status(
    submission,
    to_status,
    *,
    actor,
    user=None,
    reason="",
    details=None,
    on_commit=None,
    locked=False,
):
    """Move `submission` to `to_status`, or raise TransitionRefused / TransitionConflict.

    Side effects, all in one transaction:
    - the status is changed by a conditional UPDATE on the status read beforehand, so of two
      people acting at once exactly one wins and the other gets TransitionConflict;
    - sending (draft → submitted) gives the reference and the submission time;
    - one SubmissionTransition row records who, when, from, to and why;
    - becoming "selected" opens an award offer (`AwardOffer`, pending; its clock starts
      when the decision e-mail leaves) and runs every registered SelectionHook with
      `details`;
    - the decision e-mails not sent yet (drafts, waiting or failed) are superseded: they
      tell an earlier decision, and the applicant must receive only the current one;
    - `on_commit(change)`, if given, runs after the commit (e-mails are queued there).
    The `submission` object is updated in place. `locked`: the caller read the status
    under a lock it holds until the commit (`SELECT … FOR UPDATE`, or the row created in
    its transaction, which must be open), so nobody can change it meanwhile and the
    conditional UPDATE is left out: the status is written once, by the save that the
    history records.
    """
    from_status = submission.status
    check_allowed(from_status, to_status, actor, user)
    now = timezone.now()
    # A locked caller's transaction holds the change: no savepoint (two round trips) to
    # take, since nothing here is caught and carried on from when the row is locked.
    with transaction.atomic(savepoint=not locked):
        values = {"status": to_status, "updated_at": now}
        if to_status == S.SUBMITTED:
            values["reference"] = next_reference(submission.call.season.year)
            values["submitted_at"] = now
        updated = locked or (
            Submission.objects.filter(pk=submission.pk, status=from_status).update(**values)
        )
        if updated != 1:
            current = Submission.objects.filter(pk=submission.pk).values_list("status", flat=True)
            now_status = S(current.first()).label if current else _("deleted")
            raise TransitionConflict(
                _("This application was changed meanwhile: it is now “%(status)s”.")
                % {"status": now_status}
            )
        SubmissionTransition.objects.create(
            submission=submission,
            from_status=from_status,
            to_status=to_status,
            actor=user if actor is Actor.STAFF else None,
            by_applicant=actor is Actor.APPLICANT,
            reason=reason,
            at=now,
        )
        for name, value in values.items():
            setattr(submission, name, value)
        # Written again through save(), so that the audit history keeps this version too
        # (a queryset update bypasses it); the conditional update above is the guard.
        submission._change_reason = reason or S(to_status).label
        submission.save(update_fields=list(values))
        if from_status != S.DRAFT:  # a draft was never decided on: no decision e-mail
            OutboundEmail.objects.filter(
                submission=submission,
                kind=EmailKind.DECISION,
                status__in=[EmailStatus.DRAFT, EmailStatus.QUEUED, EmailStatus.FAILED],
            ).update(status=EmailStatus.SUPERSEDED)
        if to_status == S.SELECTED:
            AwardOffer.objects.create(
                submission=submission, offered_at=now, from_waiting_list=from_status == S.WAITLISTED
            )
            for hook in SELECTION_HOOKS:
                hook.on_selected(submission, details or {})
        change = Change(submission, from_status, to_status)
        if on_commit:
            transaction.on_commit(lambda: on_commit(change))
    return change


def next_reference(year):
    """The next free reference of the year, for example AIC-2023-0042.

    Must run inside a transaction: the counter row stays locked until it commits, so two
    submissions never get the same number. A new counter starts after the highest number
    already given (applications imported from another tool keep theirs).
    """
    prefix = settings.REFERENCE_PREFIX
    number = take_number(prefix, year)
    if number is None:
        create_counter(prefix, year)
        number = take_number(prefix, year)
    return f"{prefix}-{year}-{number:04d}"


def take_number(prefix, year):
    """The counter's next number in one statement (`UPDATE … RETURNING`, which PostgreSQL
    and SQLite both have): the update locks the row until the commit, as a `SELECT … FOR
    UPDATE` then an `UPDATE` did in two round trips. None when the counter is missing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE seasons_referencecounter SET last_number = last_number + 1"
            " WHERE prefix = %s AND year = %s RETURNING last_number",
            [prefix, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def create_counter(prefix, year):
    start = f"{prefix}-{year}-"
    numbers = [
        int(reference.removeprefix(start))
        for reference in Submission.objects.filter(reference__startswith=start).values_list(
            "reference", flat=True
        )
        if reference.removeprefix(start).isdigit()
    ]
    try:
        with transaction.atomic():
            ReferenceCounter.objects.create(
                prefix=prefix, year=year, last_number=max(numbers, default=0)
            )
    except IntegrityError:
        pass  # another process created it first: use theirs
