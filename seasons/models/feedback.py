"""The feedback a declined application receives: a short text per criterion of its call's
rubric, and a general remark, shown in its decision e-mail and on its status page.

Written only by `seasons.selection.feedback` (which also checks that the criterion is
one of the application's call and that the application is, or becomes, not selected).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .fields import staff_member
from .review import Criterion
from .submission import Submission

FEEDBACK_MAX_LENGTH = 600


class DecisionFeedbackQuerySet(models.QuerySet):
    def in_rubric_order(self):
        """The criteria in the rubric's order, the general remark last."""
        return self.select_related("criterion").order_by(
            models.F("criterion__position").asc(nulls_last=True), "criterion__pk"
        )


class DecisionFeedback(models.Model):
    """One short text to a declined applicant, on one criterion (or, without one, the
    general remark)."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="decision_feedback",
        verbose_name=_("application"),
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
        help_text=_("Empty for the general remark."),
    )
    text = models.CharField(_("feedback"), max_length=FEEDBACK_MAX_LENGTH)
    written_at = models.DateTimeField(_("written at"), auto_now=True)
    written_by = staff_member(_("written by"), editable=False)

    history = HistoricalRecords()

    objects = DecisionFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback to the applicant")
        verbose_name_plural = _("feedback to the applicants")
        ordering = ["submission", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="feedback_once_per_criterion"
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(criterion__isnull=True),
                name="feedback_one_general_remark",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="feedback_not_empty"),
        ]

    def __str__(self):
        return f"{self.submission} — {self.criterion or _('general remark')}"
