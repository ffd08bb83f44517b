"""Which follow-up reminders were sent, so that a second run sends none: to the program's
lead (once per step and day) and to the team's members (once per member, step and kind)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .milestone import Milestone
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
            models.CheckConstraint(
                condition=Q(kind__in=TeamReminderKind.values), name="team_reminder_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.milestone} → {self.member} ({self.get_kind_display()})"
