"""What the selection workflow writes: the log of status changes and reference counters."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import staff_member
from .submission import Submission, SubmissionStatus


class SubmissionTransition(models.Model):
    """One change of an application's status: who, when, from, to and why.

    Written only by `seasons.selection.workflow.change_status`, in the same transaction as the
    change itself, so the log and the status can never disagree.
    """

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("application"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=SubmissionStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=SubmissionStatus.choices)
    # A staff member, or nobody when the applicant acted through their private link.
    actor = staff_member(_("by"))
    by_applicant = models.BooleanField(_("by the applicant"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["submission", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status")),
                name="transition_changes_status",
            ),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def actor_label(self):
        if self.by_applicant:
            return _("the applicant")
        return str(self.actor) if self.actor else _("the system")


class ReferenceCounter(models.Model):
    """The last reference number given for one prefix and year (AIC-2023-0042 → 42).

    A row locked while a number is taken: concurrent submissions queue on it instead of
    computing the same "highest number + 1".
    """

    prefix = models.CharField(_("prefix"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique"),
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"
