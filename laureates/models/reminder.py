"""Which follow-up reminders were sent, so that a second run on the same day sends none."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .milestone import Milestone


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
