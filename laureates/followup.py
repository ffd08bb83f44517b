"""The follow-up of a laureate: applying the season's plan and changing a milestone's status.

Every change of a milestone's status and every application of a plan goes through this
module: the admin actions and the selection workflow call it, never `save()` on a status
directly. (The demo loader is the one exception: it writes a fixed snapshot of rows, it
does not run the follow-up.) Lateness is not a status: it is derived from the due date on the
program's calendar (`TIME_ZONE`, Europe/Paris), see `today()` and
`Milestone.is_overdue_on()`.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accelerator.dates import add_months
from accelerator.page_cache import invalidate_public_pages

from . import public_record, reports
from .models import FollowUpPlanStep, Laureate, Milestone, MilestoneStatus

PLANNED = MilestoneStatus.PLANNED
IN_PROGRESS = MilestoneStatus.IN_PROGRESS
DONE = MilestoneStatus.DONE
CANCELLED = MilestoneStatus.CANCELLED
CARRIED_OVER = MilestoneStatus.CARRIED_OVER

# Which status may follow which: a done step can be reopened, a cancelled one planned again.
ALLOWED_CHANGES = {
    PLANNED: {IN_PROGRESS, DONE, CANCELLED, CARRIED_OVER},
    IN_PROGRESS: {PLANNED, DONE, CANCELLED, CARRIED_OVER},
    DONE: {IN_PROGRESS},
    CANCELLED: {PLANNED},
    CARRIED_OVER: {PLANNED},
}


class StatusChangeRefused(Exception):
    """The milestone's current status does not allow the change asked for."""


def today(now=None):
    """The date on the program's calendar: a step due on the 10th is late from midnight
    in Paris, not from midnight UTC."""
    return timezone.localdate(now)


def due_date(laureate, step):
    """When a plan step falls due for a laureate; never after the support ends."""
    return min(
        add_months(laureate.support_starts_on, step.months_after_start), laureate.support_ends_on
    )


def steps_for(laureate):
    """The steps of the laureate's season plan that apply to its track."""
    return [
        step
        for step in FollowUpPlanStep.objects.filter(plan__season_id=laureate.season_id)
        if step.track in ("", laureate.track)
    ]


def apply_plan(laureate):
    """Give the laureate one milestone per step of its season's follow-up plan.

    Idempotent: a step whose title already names one of the laureate's milestones is
    skipped, so re-applying the plan (after staff added steps, say) only adds what is
    missing and never touches milestones already being followed. The unique constraint
    (laureate, title) makes that hold even when two staff apply the plan at once: the
    laureate's row is locked for the duration, and conflicting inserts are ignored.

    Side effects: schedules the reports the plan has questions for
    (`reports.schedule_reports`), creates `Milestone` rows (status planned, owned by the
    step's owner or
    else the laureate's follow-up lead, so that reminders reach someone; amount granted
    copied from the step, due date from `due_date()`) and, since `bulk_create()` sends no
    signal, makes the cached public pages and the laureate's public record stale
    (`invalidate_public_pages()`, `public_record.make_stale()`, now and on commit) when
    it created any; nothing else. Returns the titles
    created, in the plan's order. A season without a plan gives no milestone.

    Called by staff from the laureate admin ("apply the season's plan", and when a
    laureate is added by hand) and by the selection workflow's "retenir" (issue 4): it
    creates the laureate through `laureates.onboarding.laureate_from_submission`, which
    calls this in the same transaction. This function
    opens a savepoint, so a failure here rolls back the selection with it.
    """
    with transaction.atomic():
        locked = Laureate.objects.select_for_update().filter(pk=laureate.pk).first()
        if locked is not None and locked.support_closed_on is not None:
            return []  # a closed support gets no new step to do
        existing = set(laureate.milestones.values_list("title", flat=True))
        missing = [step for step in steps_for(laureate) if step.title not in existing]
        Milestone.objects.bulk_create(
            [
                Milestone(
                    laureate=laureate,
                    kind=step.kind,
                    title=step.title,
                    due_on=due_date(laureate, step),
                    is_public=step.is_public,
                    owner_id=step.owner_id or laureate.followup_lead_id,
                    amount_granted=step.amount_granted,
                )
                for step in missing
            ],
            ignore_conflicts=True,
        )
        if missing:
            invalidate_public_pages()
            public_record.make_stale(laureate.pk)
        reports.schedule_reports(laureate)
    return [step.title for step in missing]


def change_status(milestone, status, *, completed_on=None, on=None, reason=""):
    """Move a milestone to `status`, keeping its completion date consistent.

    Done sets the completion date (`completed_on`, or the program's `today()`); leaving
    done clears it. `reason` (why it was cancelled or carried over) replaces the stored
    one. Refuses, with `StatusChangeRefused`, a change `ALLOWED_CHANGES` does not list,
    and reopening a step of a laureate whose support is closed (the closing resolved
    every step); asking for the current status changes nothing. Saves only the status,
    the completion date, the reason and `updated_at`. Returns True when something changed.
    """
    status = MilestoneStatus(status)
    if status == milestone.status:
        return False
    closed = Laureate.objects.filter(pk=milestone.laureate_id, support_closed_on__isnull=False)
    if status in (PLANNED, IN_PROGRESS) and closed.exists():
        raise StatusChangeRefused(
            _("“%(title)s” cannot be reopened: the support of its laureate is closed.")
            % {"title": milestone.title}
        )
    if status not in ALLOWED_CHANGES[MilestoneStatus(milestone.status)]:
        raise StatusChangeRefused(
            _("“%(title)s” cannot go from “%(current)s” to “%(new)s”.")
            % {
                "title": milestone.title,
                "current": MilestoneStatus(milestone.status).label,
                "new": status.label,
            }
        )
    milestone.status = status
    milestone.completed_on = (completed_on or today(on)) if status == DONE else None
    milestone.status_reason = reason
    milestone.save(update_fields=["status", "completed_on", "status_reason", "updated_at"])
    return True
