"""Closing a laureate's support: the end of its year told truthfully.

When the support period is over, staff close it: every step still planned or in progress
is resolved (done, or cancelled or carried over after the program with a reason) and the
laureate gets its closing date. From then on its public page says the support is over,
its progress counts only resolved steps, and no filter lists it as "in progress": all of
them read the same two facts, the closing date and the steps' statuses. Until it is
closed, a laureate past its end date is listed "to close" on the follow-up board.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from . import followup
from .models import Laureate, MilestoneStatus

RESOLUTIONS = (MilestoneStatus.DONE, MilestoneStatus.CANCELLED, MilestoneStatus.CARRIED_OVER)


class ClosingRefused(Exception):
    """The support cannot be closed as asked; the message says why, step by step."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass
class Resolution:
    """What becomes of one open step: its new status, why, and when it was done."""

    status: str
    reason: str = ""
    completed_on: datetime.date | None = None


def problems_of(laureate, open_steps, resolutions):
    if laureate.support_closed_on is not None:
        return [
            _("The support of “%(name)s” is already closed (%(day)s).")
            % {"name": laureate.name, "day": laureate.support_closed_on.isoformat()}
        ]
    problems = []
    for step in open_steps:
        resolution = resolutions.get(step.pk)
        if resolution is None or resolution.status not in RESOLUTIONS:
            problems.append(
                _("“%(title)s” is still open: mark it done, cancelled or carried over.")
                % {"title": step.title}
            )
        elif resolution.status != MilestoneStatus.DONE and not resolution.reason.strip():
            problems.append(
                _("“%(title)s”: give the reason for “%(status)s”.")
                % {"title": step.title, "status": MilestoneStatus(resolution.status).label}
            )
    return problems


def close_support(laureate, resolutions, *, on):
    """Close the laureate's support on `on`, resolving each open step as `resolutions`
    ({milestone pk: Resolution}) says.

    Refuses, with `ClosingRefused` and nothing changed, when the support is already
    closed or when an open step has no resolution (done, cancelled or carried over) or,
    cancelled or carried over, no reason. Side effects, in one transaction with the
    laureate's row locked: each open step changes through `followup.change_status` (a
    done one completed on its given date, else on `on`; the reason stored), then
    `support_closed_on` is set. Returns the steps resolved.
    """
    with transaction.atomic():
        locked = Laureate.objects.select_for_update().get(pk=laureate.pk)
        open_steps = list(locked.milestones.open().order_by("due_on", "pk"))
        problems = problems_of(locked, open_steps, resolutions)
        if problems:
            raise ClosingRefused(problems)
        for step in open_steps:
            resolution = resolutions[step.pk]
            followup.change_status(
                step,
                resolution.status,
                completed_on=resolution.completed_on or on,
                reason=resolution.reason.strip(),
            )
        locked.support_closed_on = on
        locked.save(update_fields=["support_closed_on", "updated_at"])
    laureate.support_closed_on = on
    return open_steps
