"""E-mails to applicants, kept as rows so that none is ever lost silently."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..private_links import mask
from .fields import valid_choice
from .submission import Submission, SubmissionStatus


class EmailStatus(models.TextChoices):
    # Written by staff, not sent until they press send (decision e-mails).
    DRAFT = "draft", _("draft")
    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    # A later decision replaced this decision e-mail before it left: never sent.
    SUPERSEDED = "superseded", _("superseded")


class EmailKind(models.TextChoices):
    DRAFT_LINK = "draft_link", _("link to the draft")
    CONFIRMATION = "confirmation", _("confirmation of the application")
    WITHDRAWAL = "withdrawal", _("confirmation of the withdrawal")
    LINKS = "links", _("private links sent again")
    DECISION = "decision", _("decision")
    REMINDER = "reminder", _("follow-up reminder")
    REVIEW_ASSIGNMENT = "review_assignment", _("applications assigned to a reviewer")
    REVIEW_REMINDER = "review_reminder", _("review deadline reminder")
    SIGN_IN_LINK = "sign_in_link", _("sign-in link to a laureate's space")
    JUROR_INVITATION = "juror_invitation", _("invitation of a juror to a committee session")
    JUROR_SIGN_IN = "juror_sign_in", _("sign-in link to the jurors' screens")


class OutboundEmail(models.Model):
    """One e-mail to one person. It is written in the transaction of what caused it and
    sent after commit; a failure is recorded and `send_queued_emails` tries again."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # Scheme and host the private links start with (the subject and body hold only
    # placeholders for them, see seasons.private_links): https://aic.example.org
    link_base = models.CharField(_("site address of the links"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Decisions released on a date staff chose: queued now, held by every sender until then.
    send_after = models.DateTimeField(_("not sent before"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            valid_choice("status", EmailStatus, "email_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False),
                name="email_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="email_status_idx")]

    def __str__(self):
        return f"{mask(self.subject)} → {self.to}"


# Templates that are no status of their own (`seasons.selection.award`): the place a
# selected applicant gave up, offered to the next on the waiting list; and the award
# offer that lapsed without an answer, told to the applicant who held it.
PROMOTED = "promoted"
LAPSED = "lapsed"
TEMPLATE_OCCASIONS = [
    *SubmissionStatus.choices,
    (PROMOTED, _("place offered from the waiting list")),
    (LAPSED, _("award offer lapsed without an answer")),
]


class DecisionEmailTemplate(models.Model):
    """The e-mail drafted for each applicant when staff take a decision, in one language.

    Staff edit them in the admin. Placeholders: $reference, $project, $call, $status_url,
    $contact_email, ${feedback} (a declined application's feedback, `outbox`), $days
    and $deadline (the award offer's deadline, filled in once the applicant is told).
    Besides the statuses, one template offers a place from the waiting list and one tells
    that an offer lapsed.
    """

    status = models.CharField(_("decision"), max_length=20, choices=TEMPLATE_OCCASIONS)
    language = models.CharField(_("language"), max_length=8, default="fr")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Placeholders: $reference, $project, $call, $status_url, $contact_email, "
            "$days (the days to accept an award), $deadline (the date and time before "
            "which the award is to be accepted, written in when the e-mail is released) "
            "and ${feedback}: the feedback to a declined application, with its introduction "
            "(empty without feedback)."
        ),
    )

    class Meta:
        verbose_name = _("decision e-mail template")
        verbose_name_plural = _("decision e-mail templates")
        ordering = ["status", "language"]
        constraints = [
            models.UniqueConstraint(fields=["status", "language"], name="decision_template_unique"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.language})"
