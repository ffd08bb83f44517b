"""Reviewing applications: each call's rubric, and each reviewer's scores on it."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .fields import valid_choice
from .season import Call
from .submission import Submission

MAX_SCORE = 5

# The five selection criteria of the AIC's season 2, the default rubric of a new call.
DEFAULT_CRITERIA = [
    (
        _("General interest and common resource"),
        _("A general-interest purpose, working on a resource of common interest."),
    ),
    (
        _("Impact"),
        _("People reached, acting on the root cause, able to grow and to be replicated."),
    ),
    (
        _("Maturity and structure"),
        _("Proven in the field, a solid team, a stable governance."),
    ),
    (_("Legal carrier"), _("Carried by an association or a public administration.")),
    (_("Shared governance"), _("Decisions shared with the contributors and the users.")),
]


class Criterion(models.Model):
    """One line of a call's rubric, scored from 0 to 5 and weighted in the average."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["call", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "title"], name="criterion_title_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.title


class ReviewState(models.TextChoices):
    """Where a review stands, read from what the reviewer declared and submitted (never
    stored twice). A declared conflict is a state of its own: it is neither done nor
    counted in any score, and the application is offered to another reviewer."""

    OPEN = "open", pgettext_lazy("review state", "to do")
    DONE = "done", pgettext_lazy("review state", "done")
    CONFLICT = "conflict", _("conflict of interest")


# What each state is in the database, for querysets and annotations alike.
STATE_CONDITIONS = {
    ReviewState.OPEN: Q(submitted_at__isnull=True),
    ReviewState.DONE: Q(submitted_at__isnull=False, conflict_of_interest=False),
    ReviewState.CONFLICT: Q(submitted_at__isnull=False, conflict_of_interest=True),
}


class ReviewQuerySet(models.QuerySet):
    def in_state(self, state):
        return self.filter(STATE_CONDITIONS[ReviewState(state)])

    def still_open(self):
        return self.in_state(ReviewState.OPEN)

    def done(self):
        return self.in_state(ReviewState.DONE)

    def conflicts(self):
        return self.in_state(ReviewState.CONFLICT)


class Review(models.Model):
    """One reviewer's assignment to one application, then their scores and comment.

    The reviewer first declares whether they have a conflict of interest; with one, they
    cannot score. Submitted, the review is done, or a conflict of interest (`state`).
    """

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("reviewer"),
        limit_choices_to={"is_staff": True},
    )
    conflict_of_interest = models.BooleanField(
        _("conflict of interest"),
        null=True,
        blank=True,
        help_text=_("Declared by the reviewer before anything else."),
    )
    conflict_details = models.TextField(_("details of the conflict"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # After a conflict of interest, the review of the reviewer the application was offered
    # to (`reviewing.reassign`), so that it is offered once.
    replacement = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("offered instead to"),
    )

    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submission", "reviewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="review_one_per_reviewer"
            ),
            # A submitted review says whether there is a conflict.
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(conflict_of_interest__isnull=False),
                name="review_submitted_declares_conflict",
            ),
            # Only a conflict of interest is replaced.
            models.CheckConstraint(
                condition=Q(replacement__isnull=True) | STATE_CONDITIONS[ReviewState.CONFLICT],
                name="review_replaced_only_after_conflict",
            ),
        ]

    def __str__(self):
        return f"{self.submission} — {self.reviewer}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def state(self):
        if not self.is_submitted:
            return ReviewState.OPEN
        return ReviewState.CONFLICT if self.conflict_of_interest else ReviewState.DONE

    def get_state_display(self):
        return self.state.label


class Score(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["review", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=MAX_SCORE), name="score_between_0_and_5"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ReviewReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("deadline in a few days")
    OVERDUE = "overdue", _("deadline passed")


class ReviewReminder(models.Model):
    """A reminder e-mailed about one open review: each kind at most once per review
    (`selection.review_mail.send_review_reminders`), whatever the number of runs."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("review")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewReminderKind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(fields=["review", "kind"], name="review_reminder_once"),
            valid_choice("kind", ReviewReminderKind, "review_reminder_kind_valid"),
        ]

    def __str__(self):
        return f"{self.review} — {self.get_kind_display()}"
