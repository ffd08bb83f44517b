"""Financial support paid in tranches, each released once its condition is met."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from seasons.models.fields import valid_choice

from .laureate import Laureate
from .milestone import Milestone, MilestoneStatus
from .report import Report, ReportStatus


class TrancheStatus(models.TextChoices):
    # French agrees with "tranche" (feminine): the labels have their own context.
    PLANNED = "planned", pgettext_lazy("tranche", "planned")
    RELEASED = "released", pgettext_lazy("tranche", "released")
    PAID = "paid", pgettext_lazy("tranche", "paid")
    CANCELLED = "cancelled", pgettext_lazy("tranche", "cancelled")


class TrancheCondition(models.TextChoices):
    STEP_DONE = "step_done", _("a step done")
    COMMITTEE_DECISION = "committee_decision", _("a committee decision")
    REPORT_ACCEPTED = "report_accepted", _("a report accepted")


# A tranche's condition is met: its step is done, its report accepted, or the committee's
# decision is recorded. One expression, used by the board's "ready to release" list and as
# the guard of the release itself.
CONDITION_MET = (
    Q(condition=TrancheCondition.STEP_DONE, milestone__status=MilestoneStatus.DONE)
    | Q(condition=TrancheCondition.REPORT_ACCEPTED, report__status=ReportStatus.ACCEPTED)
    | Q(condition=TrancheCondition.COMMITTEE_DECISION, committee_decided_on__isnull=False)
)


class TrancheQuerySet(models.QuerySet):
    def granted(self):
        """Tranches that count as granted: all but the cancelled ones."""
        return self.exclude(status=TrancheStatus.CANCELLED)

    def ready_to_release(self):
        """Still planned, and their condition is met."""
        return self.filter(CONDITION_MET, status=TrancheStatus.PLANNED)


class Tranche(models.Model):
    """One payment of a laureate's grant, in order (1st, 2nd…).

    planned → released (its condition met: `laureates.tranches.release`) → paid; a
    planned or released tranche may be cancelled. Every change goes through
    `laureates/tranches.py`; the form shows the state and its dates read-only.
    """

    laureate = models.ForeignKey(
        Laureate, on_delete=models.CASCADE, related_name="tranches", verbose_name=_("laureate")
    )
    number = models.PositiveSmallIntegerField(_("order"), help_text=_("1 for the first tranche."))
    amount = models.DecimalField(_("amount (euros)"), max_digits=12, decimal_places=2)
    condition = models.CharField(
        _("released when"), max_length=20, choices=TrancheCondition.choices
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.RESTRICT,  # a step may go only with its laureate
        null=True,
        blank=True,
        related_name="tranches",
        verbose_name=_("step to be done"),
    )
    report = models.ForeignKey(
        Report,
        on_delete=models.RESTRICT,  # a report may go only with its laureate
        null=True,
        blank=True,
        related_name="tranches",
        verbose_name=_("report to be accepted"),
    )
    committee_decided_on = models.DateField(_("committee decision on"), null=True, blank=True)
    committee_reference = models.CharField(
        _("committee decision reference"),
        max_length=200,
        blank=True,
        help_text=_("The minutes or the decision's reference, as the committee recorded it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED
    )
    released_on = models.DateField(_("released on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TrancheQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["laureate", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["laureate", "number"], name="tranche_order_unique_per_laureate"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="tranche_amount_positive"),
            valid_choice("status", TrancheStatus, "tranche_status_valid"),
            valid_choice("condition", TrancheCondition, "tranche_condition_valid"),
            # A step-done tranche names its step; the other conditions name none.
            models.CheckConstraint(
                condition=Q(condition=TrancheCondition.STEP_DONE, milestone__isnull=False)
                | (~Q(condition=TrancheCondition.STEP_DONE) & Q(milestone__isnull=True)),
                name="tranche_step_only_for_step_condition",
            ),
            # A report-accepted tranche names its report; the other conditions name none.
            models.CheckConstraint(
                condition=Q(condition=TrancheCondition.REPORT_ACCEPTED, report__isnull=False)
                | (~Q(condition=TrancheCondition.REPORT_ACCEPTED) & Q(report__isnull=True)),
                name="tranche_report_only_for_report_condition",
            ),
            # The dates follow the state: released and paid keep their release date, paid
            # its payment date (never before the release), planned has neither.
            models.CheckConstraint(
                condition=~Q(status__in=[TrancheStatus.RELEASED, TrancheStatus.PAID])
                | Q(released_on__isnull=False),
                name="tranche_released_has_release_date",
            ),
            models.CheckConstraint(
                condition=(Q(status=TrancheStatus.PAID) & Q(paid_on__isnull=False))
                | (~Q(status=TrancheStatus.PAID) & Q(paid_on__isnull=True)),
                name="tranche_paid_iff_payment_date",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(paid_on__gte=F("released_on")),
                name="tranche_paid_after_release",
            ),
            models.CheckConstraint(
                condition=~Q(status=TrancheStatus.PLANNED) | Q(released_on__isnull=True),
                name="tranche_planned_not_released",
            ),
            models.CheckConstraint(
                condition=(Q(status=TrancheStatus.CANCELLED) & Q(cancelled_on__isnull=False))
                | (~Q(status=TrancheStatus.CANCELLED) & Q(cancelled_on__isnull=True)),
                name="tranche_cancelled_iff_cancellation_date",
            ),
        ]

    def __str__(self):
        return _("Tranche %(number)s of %(laureate)s") % {
            "number": self.number,
            "laureate": self.laureate,
        }

    def clean(self):
        errors = {}
        if self.condition == TrancheCondition.STEP_DONE and self.milestone_id is None:
            errors["milestone"] = _("Choose the step whose completion releases this tranche.")
        if self.condition != TrancheCondition.STEP_DONE and self.milestone_id is not None:
            errors["milestone"] = _("Only a tranche released by a step done names a step.")
        if (
            self.milestone_id is not None
            and self.laureate_id is not None
            and self.milestone.laureate_id != self.laureate_id
        ):
            errors["milestone"] = _("This step belongs to another laureate.")
        if self.condition == TrancheCondition.REPORT_ACCEPTED and self.report_id is None:
            errors["report"] = _("Choose the report whose acceptance releases this tranche.")
        if self.condition != TrancheCondition.REPORT_ACCEPTED and self.report_id is not None:
            errors["report"] = _("Only a tranche released by a report accepted names a report.")
        if (
            self.report_id is not None
            and self.laureate_id is not None
            and self.report.laureate_id != self.laureate_id
        ):
            errors["report"] = _("This report belongs to another laureate.")
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("Enter an amount greater than 0.")
        if errors:
            raise ValidationError(errors)
