"""Support given to a laureate, logged in hours by kind, and the hours a season's plan
foresees per kind."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from seasons.models.fields import staff_member as staff_account
from seasons.models.fields import valid_choice

from .laureate import Laureate
from .milestone import Milestone, SupportKind
from .plan import FollowUpPlan

# A day of support counts as 7 hours: the public service's working day (35 hours a week).
HOURS_PER_DAY = Decimal("7")
MAX_HOURS_PER_ENTRY = Decimal("500")


class PlannedHours(models.Model):
    """Hours of one kind of support the season's plan foresees for each laureate."""

    plan = models.ForeignKey(
        FollowUpPlan, on_delete=models.CASCADE, related_name="planned_hours", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    hours = models.DecimalField(
        _("hours planned per laureate"),
        max_digits=7,
        decimal_places=1,
        help_text=_("For the whole year of support; a day counts as 7 hours."),
    )

    class Meta:
        verbose_name = _("hours planned")
        verbose_name_plural = _("hours planned")
        ordering = ["plan", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="planned_hours_one_per_kind"),
            valid_choice("kind", SupportKind, "planned_hours_kind_valid"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="planned_hours_not_negative"),
        ]

    def __str__(self):
        return f"{SupportKind(self.kind).label}: {Decimal(self.hours).normalize():f} h"


class SupportLog(models.Model):
    """Support given to a laureate on one day: its kind, how long, by whom, what for.

    Durations are stored in hours only (a day is entered as 7 hours, `HOURS_PER_DAY`), so
    that sums never mix units. "Who" is a staff member, or an outside expert the program
    mobilised, named in free text: at least one of the two.
    """

    laureate = models.ForeignKey(
        Laureate, on_delete=models.CASCADE, related_name="support_logs", verbose_name=_("laureate")
    )
    given_on = models.DateField(_("date"))
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        help_text=_("In hours, by steps of 0.5: a day counts as 7 hours."),
    )
    staff_member = staff_account(_("staff member"), related_name="support_logs", in_charge=True)
    expert = models.CharField(
        _("outside expert"),
        max_length=200,
        blank=True,
        help_text=_("Name and organisation of an expert who is not staff."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_logs",
        verbose_name=_("step served"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support logged")
        verbose_name_plural = _("support logged")
        ordering = ["-given_on", "-pk"]
        constraints = [
            valid_choice("kind", SupportKind, "support_log_kind_valid"),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_HOURS_PER_ENTRY),
                name="support_log_hours_positive_and_bounded",
            ),
            models.CheckConstraint(
                condition=Q(staff_member__isnull=False) | ~Q(expert=""),
                name="support_log_has_someone",
            ),
        ]

    def __str__(self):
        hours = Decimal(self.hours).normalize()
        return f"{self.laureate} — {SupportKind(self.kind).label}, {hours:f} h"

    def clean(self):
        errors = {}
        if self.staff_member_id is None and not self.expert.strip():
            errors["expert"] = _("Name the staff member or the outside expert who gave it.")
        if (
            self.milestone_id is not None
            and self.laureate_id is not None
            and self.milestone.laureate_id != self.laureate_id
        ):
            errors["milestone"] = _("This step belongs to another laureate.")
        if self.hours is not None and self.hours * 2 != int(self.hours * 2):
            errors["hours"] = _("Enter hours by steps of 0.5 (a day counts as 7 hours).")
        if errors:
            raise ValidationError(errors)
