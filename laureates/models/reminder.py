"""Which follow-up reminders were sent, so that a second run sends none: to the program's
lead (once per step and day), to the team's members (once per member, step and kind), and
about reports to both (once per recipient, round and kind)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seasons.models.fields import valid_choice

from .milestone import Milestone
from .report import Report
from .team import TeamMember


class MilestoneReminder(models.Model):
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("milestone")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="milestone_reminders",
        verbose_name=_("recipient"),
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone reminder")
        verbose_name_plural = _("milestone reminders")
        ordering = ["-sent_on", "milestone"]
        constraints = [
            # The database's guarantee that two runs on one day never remind twice.
            models.UniqueConstraint(
                fields=["milestone", "sent_on"], name="reminder_once_per_milestone_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.milestone} → {self.recipient} ({self.sent_on})"


class TeamReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due date in a few days")
    OVERDUE = "overdue", _("due date passed")


class TeamReminder(models.Model):
    """A reminder e-mailed to a team member about one open step: each kind at most once per
    member and step (`laureates.space.reminders.send_team_reminders`), whatever the number
    of runs."""

    member = models.ForeignKey(
        TeamMember, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("member")
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        related_name="team_reminders",
        verbose_name=_("milestone"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TeamReminderKind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("team reminder")
        verbose_name_plural = _("team reminders")
        ordering = ["-sent_at", "pk"]
        constraints = [
            # The database's guarantee that two runs never remind a member twice.
            models.UniqueConstraint(
                fields=["member", "milestone", "kind"], name="team_reminder_once"
            ),
            valid_choice("kind", TeamReminderKind, "team_reminder_kind_valid"),
        ]

    def __str__(self):
        return f"{self.milestone} → {self.member} ({self.get_kind_display()})"


class ReportReminder(models.Model):
    """A reminder e-mailed about one report not sent yet: to a team member or to the
    laureate's follow-up lead, each kind at most once per recipient and round
    (`laureates.space.report_reminders`). The round is the number of versions sent when it
    left: 0 before the first sending, n once staff asked for changes on version n, so a
    report sent back is reminded again."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("report")
    )
    round = models.PositiveSmallIntegerField(_("versions sent before"))
    kind = models.CharField(_("kind"), max_length=10, choices=TeamReminderKind.choices)
    member = models.ForeignKey(
        TeamMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_reminders",
        verbose_name=_("member"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_reminders",
        verbose_name=_("follow-up lead"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        ordering = ["-sent_at", "pk"]
        constraints = [
            # The database's guarantee that two runs never remind anyone twice.
            models.UniqueConstraint(
                fields=["report", "round", "kind", "member"],
                condition=Q(member__isnull=False),
                name="report_reminder_once_per_member",
            ),
            models.UniqueConstraint(
                fields=["report", "round", "kind", "lead"],
                condition=Q(lead__isnull=False),
                name="report_reminder_once_per_lead",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True) ^ Q(lead__isnull=True),
                name="report_reminder_one_recipient",
            ),
            valid_choice("kind", TeamReminderKind, "report_reminder_kind_valid"),
        ]

    def __str__(self):
        return f"{self.report} → {self.member or self.lead} ({self.get_kind_display()})"
