"""The state changes of a tranche: release, payment, cancellation.

Each function is the one owner of its change; the admin actions call them. Each change
locks the tranche's row, checks its state (and, for a release, its condition) and writes
it, so of two staff acting at once exactly one wins and the other is told why not; the
saved row's audit history (django-simple-history) keeps every version, with who made it
and why. A refusal raises `TrancheRefused` with a
message for staff.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .followup import today
from .models import MilestoneStatus, ReportStatus, Tranche, TrancheCondition, TrancheStatus

PLANNED = TrancheStatus.PLANNED
RELEASED = TrancheStatus.RELEASED
PAID = TrancheStatus.PAID
CANCELLED = TrancheStatus.CANCELLED


class TrancheRefused(Exception):
    """The tranche's state or condition does not allow the change asked for."""


def unmet_condition(tranche):
    """Why the tranche's condition is not met, for staff; None when it is met."""
    condition = TrancheCondition(tranche.condition)
    if condition == TrancheCondition.STEP_DONE:
        if tranche.milestone.status == MilestoneStatus.DONE:
            return None
        return _("its step “%(step)s” is not done") % {"step": tranche.milestone.title}
    if condition == TrancheCondition.COMMITTEE_DECISION:
        if tranche.committee_decided_on is not None:
            return None
        return _("no committee decision is recorded")
    if tranche.report.status == ReportStatus.ACCEPTED:
        return None
    return _("its report “%(report)s” is not accepted") % {
        "report": tranche.report.get_kind_display()
    }


def _name(tranche):
    return _("Tranche %(number)s of %(laureate)s") % {
        "number": tranche.number,
        "laureate": tranche.laureate.name,
    }


def _move(tranche, *, check, to_status, values, by, reason):
    """Lock the tranche's row, let `check(locked)` refuse (it raises `TrancheRefused`),
    then write the change; returns the tranche, updated in place.

    The lock makes a second person wait for the first to commit, then read the new state
    and be refused by `check`. The UPDATE is conditional on the state read as well, as a
    guard where a database takes no row lock.
    """
    with transaction.atomic():
        locked = (
            Tranche.objects.select_for_update(of=("self",))
            .select_related("milestone", "report", "laureate")
            .get(pk=tranche.pk)
        )
        check(locked)
        values = values(locked) if callable(values) else values
        guard = Tranche.objects.filter(pk=locked.pk, status=locked.status)
        if guard.update(status=to_status, **values) != 1:
            raise TrancheRefused(
                _("%(tranche)s was changed meanwhile: reload the page.")
                % {"tranche": _name(locked)}
            )
        tranche.status = to_status
        for name, value in values.items():
            setattr(tranche, name, value)
        tranche._change_reason = reason
        if by is not None:
            tranche._history_user = by
        tranche.save(update_fields=["status", *values, "updated_at"])
    return tranche


def _refuse_unless(tranche, statuses, message):
    if tranche.status not in statuses:
        raise TrancheRefused(
            message % {"tranche": _name(tranche), "status": TrancheStatus(tranche.status).label}
        )


def release(tranche, *, by=None, on=None):
    """Release a planned tranche whose condition is met (`released_on`: `on` or today).

    Refuses (`TrancheRefused`) a tranche that is not planned, or whose condition is not
    met: its step not done, its report not accepted, or no committee decision recorded.
    Both are read under the tranche's row lock.
    """

    def check(locked):
        _refuse_unless(locked, [PLANNED], _("%(tranche)s cannot be released: it is “%(status)s”."))
        reason = unmet_condition(locked)
        if reason is not None:
            raise TrancheRefused(
                _("%(tranche)s cannot be released: %(reason)s.")
                % {"tranche": _name(locked), "reason": reason}
            )

    return _move(
        tranche,
        check=check,
        to_status=RELEASED,
        values={"released_on": on or today()},
        by=by,
        reason=pgettext("tranche", "released"),
    )


def mark_paid(tranche, *, by=None, on=None):
    """Record the payment of a released tranche (`paid_on`: `on` or today), never
    before its release."""
    paid_on = on or today()

    def check(locked):
        _refuse_unless(
            locked,
            [RELEASED],
            _("%(tranche)s cannot be marked paid: it is “%(status)s”, not released."),
        )
        if paid_on < locked.released_on:
            raise TrancheRefused(
                _("%(tranche)s cannot be paid before its release (%(day)s).")
                % {"tranche": _name(locked), "day": locked.released_on.isoformat()}
            )

    return _move(
        tranche,
        check=check,
        to_status=PAID,
        values={"paid_on": paid_on},
        by=by,
        reason=pgettext("tranche", "paid"),
    )


def cancel(tranche, *, reason, by=None, on=None):
    """Cancel a planned or released tranche, with the reason (required); a paid one
    cannot be cancelled. The release date, if any, is kept."""
    reason = reason.strip()

    def check(locked):
        if not reason:
            raise TrancheRefused(
                _("%(tranche)s: say why it is cancelled.") % {"tranche": _name(locked)}
            )
        _refuse_unless(
            locked, [PLANNED, RELEASED], _("%(tranche)s cannot be cancelled: it is “%(status)s”.")
        )

    return _move(
        tranche,
        check=check,
        to_status=CANCELLED,
        values={"cancelled_on": on or today(), "status_reason": reason},
        by=by,
        reason=reason,
    )
