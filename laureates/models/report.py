"""The reports a laureate's team sends: the 6-month review and the final report.

Staff write each kind's questions on the season's follow-up plan (`ReportQuestion`, with
a subset of the call forms' question types); applying the plan schedules one `Report`
per kind that has questions. Its states change only through `laureates.reports`:
draft → sent → changes requested → sent … → accepted. Every sending is kept as a
`ReportVersion` that is never changed afterwards, and staff's change requests are
`ReportComment`s on given questions of a version.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from seasons.models import QuestionType
from seasons.models.call_form import WordedQuestion
from seasons.models.fields import staff_member, valid_choice

from .laureate import Laureate
from .plan import FollowUpPlan
from .team import TeamMember


class ReportKind(models.TextChoices):
    SIX_MONTH = "six_month", _("6-month review")
    FINAL = "final", _("final report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent, awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    ACCEPTED = "accepted", _("accepted")


# The call forms' types a report question may have: answers are text, numbers, dates and
# yes/no. Files go with the updates on the steps (see docs/decisions.md).
REPORT_QUESTION_TYPES = (
    QuestionType.SHORT_TEXT,
    QuestionType.LONG_TEXT,
    QuestionType.NUMBER,
    QuestionType.DATE,
    QuestionType.URL,
    QuestionType.YES_NO,
)
DEFAULT_LONG_TEXT_LIMIT = 5000


class ReportQuestion(WordedQuestion, models.Model):
    """One question of a kind of report, written by staff on the season's plan.

    It has the attributes `seasons.call_forms.rendering.field_for` reads, so that the
    team's form is built by the same code as an application form.
    """

    plan = models.ForeignKey(
        FollowUpPlan,
        on_delete=models.CASCADE,
        related_name="report_questions",
        verbose_name=_("plan"),
    )
    report_kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Names the answer; unique per report of the plan.")
    )
    type = models.CharField(
        _("type"),
        max_length=20,
        choices=[(t.value, t.label) for t in REPORT_QUESTION_TYPES],
        default=QuestionType.LONG_TEXT,
    )
    label_fr = models.CharField(_("label (French)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    hint_fr = models.TextField(_("hint (French)"), blank=True)
    hint_en = models.TextField(_("hint (English)"), blank=True)
    required = models.BooleanField(_("required"), default=True)

    history = HistoricalRecords()

    # What `field_for` and `DefinedForm` read and a report question does not set: no
    # bounds, no unit, no condition, no group, no eligibility.
    min_value = max_value = condition_question_id = group_id = None
    decimal_places = 0
    unit = ""
    is_eligibility = False

    class Meta:
        verbose_name = _("report question")
        verbose_name_plural = _("report questions")
        ordering = ["plan", "report_kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "report_kind", "key"], name="report_question_key_unique"
            ),
            valid_choice("report_kind", ReportKind, "report_question_kind_valid"),
            models.CheckConstraint(
                condition=Q(type__in=[t.value for t in REPORT_QUESTION_TYPES]),
                name="report_question_type_valid",
            ),
        ]

    def __str__(self):
        return f"{self.key} — {self.label_fr}"

    @property
    def max_length(self):
        return DEFAULT_LONG_TEXT_LIMIT if self.type == QuestionType.LONG_TEXT else 300


class ReportQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(status=ReportStatus.SENT)


class Report(models.Model):
    """One report of a laureate; `answers` is the team's current text ({key: value})."""

    laureate = models.ForeignKey(
        Laureate, on_delete=models.CASCADE, related_name="reports", verbose_name=_("laureate")
    )
    kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = staff_member(_("accepted by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["laureate", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["laureate", "kind"], name="report_kind_unique"),
            valid_choice("kind", ReportKind, "report_kind_valid"),
            valid_choice("status", ReportStatus, "report_status_valid"),
            # Only a draft was never sent.
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(sent_at__isnull=False),
                name="report_sent_has_date",
            ),
            models.CheckConstraint(
                condition=(Q(status=ReportStatus.ACCEPTED) & Q(accepted_at__isnull=False))
                | (~Q(status=ReportStatus.ACCEPTED) & Q(accepted_at__isnull=True)),
                name="report_accepted_iff_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.laureate}"

    @property
    def editable(self):
        """The team may still write: a draft, or a report sent back for changes."""
        return self.status in (ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED)


class ReportVersion(models.Model):
    """A report as the team sent it, with its questions as they were: never changed."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("report")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    # [{"key", "label", "type"}]: the questions' words when it was sent.
    questions = models.JSONField(_("questions"), default=list)
    answers = models.JSONField(_("answers"), default=dict)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        TeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="report_version_positive"),
        ]

    def __str__(self):
        return _("Version %(number)s of %(report)s") % {
            "number": self.number,
            "report": self.report,
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A sent version of a report is never changed.")
        super().save(*args, **kwargs)


class ReportComment(models.Model):
    """Staff's change request on one question of a sent version: never changed."""

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("version")
    )
    question_key = models.CharField(_("question"), max_length=60)
    text = models.TextField(_("comment"))
    author = staff_member(_("author"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "question_key"], name="report_comment_one_per_question"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="report_comment_not_empty"),
        ]

    def __str__(self):
        return self.question_key

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A change request sent to the team is never changed.")
        super().save(*args, **kwargs)
