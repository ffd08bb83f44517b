"""A season's follow-up plan: the milestones every laureate of the season starts with."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from seasons.models import Season
from seasons.models.fields import staff_member, valid_choice

from .laureate import Track
from .milestone import SupportKind

MAX_PLAN_MONTHS = 36


class FollowUpPlan(models.Model):
    """The template of milestones of one season, applied to each of its laureates."""

    season = models.OneToOneField(
        Season, on_delete=models.CASCADE, related_name="followup_plan", verbose_name=_("season")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["-season__number"]

    def __str__(self):
        return str(self.season)


class FollowUpPlanStep(models.Model):
    """One milestone of the plan, due a number of months after the support starts."""

    plan = models.ForeignKey(
        FollowUpPlan, on_delete=models.CASCADE, related_name="steps", verbose_name=_("plan")
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    title = models.CharField(_("title"), max_length=200)
    months_after_start = models.PositiveSmallIntegerField(
        _("months after the start of support"),
        help_text=_("0 is the first day of support; 12 is one year later."),
    )
    track = models.CharField(
        _("only for the track"),
        max_length=20,
        choices=Track.choices,
        blank=True,
        help_text=_("Leave empty for a step every laureate follows."),
    )
    is_public = models.BooleanField(_("shown on the public page"), default=True)
    owner = staff_member(
        _("owner"), in_charge=True, help_text=_("Leave empty for the laureate's follow-up lead.")
    )
    amount_granted = models.DecimalField(
        _("amount granted (euros)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["plan", "months_after_start", "pk"]
        constraints = [
            # A step becomes the laureate's milestone of the same title: titles are unique.
            models.UniqueConstraint(fields=["plan", "title"], name="plan_step_title_unique"),
            valid_choice("kind", SupportKind, "plan_step_kind_valid"),
            models.CheckConstraint(
                condition=Q(track="") | Q(track__in=Track.values), name="plan_step_track_valid"
            ),
            models.CheckConstraint(
                condition=Q(months_after_start__lte=MAX_PLAN_MONTHS),
                name="plan_step_months_at_most_36",
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True)
                | (Q(kind=SupportKind.FINANCIAL) & Q(amount_granted__gte=0)),
                name="plan_step_amount_only_financial",
            ),
        ]

    def __str__(self):
        return self.title
