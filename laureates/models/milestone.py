"""The milestones of a laureate's year of support, one kind of support each."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from seasons.models.fields import staff_member, valid_choice

from .laureate import Laureate


class SupportKind(models.TextChoices):
    METHODOLOGICAL = "methodological", _("methodological")
    TECHNICAL = "technical", _("technical")
    ADMINISTRATIVE = "administrative", _("administrative")
    FINANCIAL = "financial", _("financial")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")
    # Left for after the program (at the closing of the support): not done, not dropped.
    CARRIED_OVER = "carried_over", _("carried over")


OPEN_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)
# Steps that do not count towards progress (done / counted): dropped or left for later.
NOT_COUNTED_STATUSES = (MilestoneStatus.CANCELLED, MilestoneStatus.CARRIED_OVER)


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        """Still to do: planned or in progress (neither done nor cancelled)."""
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        """Open and due before `today` (a date on the program's calendar)."""
        return self.open().filter(due_on__lt=today)

    def due_within(self, today, days):
        """Open and due from `today` included to `today + days` included."""
        return self.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days))


class Milestone(models.Model):
    """One step of a laureate's support, of one kind (methodological, technical…).

    Amounts exist only on financial milestones; lateness is derived from the due date
    and never stored, so it cannot go stale.
    """

    laureate = models.ForeignKey(
        Laureate, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("laureate")
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    owner = staff_member(_("owner"), related_name="milestones", in_charge=True)
    notes = models.TextField(_("private notes"), blank=True)
    status_reason = models.TextField(
        _("reason for the status"),
        blank=True,
        help_text=_("Why the step was cancelled or carried over (required when closing)."),
    )
    is_public = models.BooleanField(_("shown on the public page"), default=True)
    amount_granted = models.DecimalField(
        _("amount granted (euros)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_paid = models.DecimalField(
        _("amount paid (euros)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["laureate", "due_on", "pk"]
        constraints = [
            # The title names a step of the plan: re-applying a plan finds it by this key.
            models.UniqueConstraint(
                fields=["laureate", "title"], name="milestone_title_unique_per_laureate"
            ),
            valid_choice("kind", SupportKind, "milestone_kind_valid"),
            valid_choice("status", MilestoneStatus, "milestone_status_valid"),
            models.CheckConstraint(
                condition=(Q(amount_granted__isnull=True) | Q(amount_granted__gte=0))
                & (Q(amount_paid__isnull=True) | Q(amount_paid__gte=0)),
                name="milestone_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(kind=SupportKind.FINANCIAL)
                | (Q(amount_granted__isnull=True) & Q(amount_paid__isnull=True)),
                name="milestone_amounts_only_financial",
            ),
            models.CheckConstraint(
                condition=~Q(status=MilestoneStatus.DONE) | Q(completed_on__isnull=False),
                name="milestone_done_has_completion_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, today):
        """Late from the day after the due date, while still open: derived, never stored."""
        return self.is_open and self.due_on < today
