"""The award offered to a selected application: accepted, declined or lapsed.

Every application that becomes "selected" gets one offer (`workflow.change_status`
writes it). Its clock starts when the applicant is told, the moment its decision e-mail
leaves or is released (`opens_at`), and runs for the call's `award_acceptance_days`
(`deadline`). The changes of its state belong to `seasons.selection.award`.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .submission import Submission


class OfferState(models.TextChoices):
    PENDING = "pending", _("awaiting the answer")
    ACCEPTED = "accepted", _("accepted by the applicant")
    DECLINED = "declined", _("declined by the applicant")
    LAPSED = "lapsed", _("lapsed")


# The states where the place is free again and passes to the waiting list.
GIVEN_UP = [OfferState.DECLINED, OfferState.LAPSED]


class AwardOfferQuerySet(models.QuerySet):
    def open_at(self, now=None):
        """Offers the applicant may answer now: told, pending, deadline not passed."""
        now = now or timezone.now()
        return self.filter(state=OfferState.PENDING, opens_at__lte=now, deadline__gt=now)

    def overdue(self, now=None):
        """Pending offers whose deadline has passed: `expire_award_offers` lapses them."""
        return self.filter(state=OfferState.PENDING, deadline__lte=now or timezone.now())


class AwardOffer(models.Model):
    submission = models.OneToOneField(
        Submission,
        on_delete=models.CASCADE,
        related_name="award_offer",
        verbose_name=_("application"),
    )
    state = models.CharField(
        _("answer"), max_length=10, choices=OfferState.choices, default=OfferState.PENDING
    )
    offered_at = models.DateTimeField(_("selected at"), default=timezone.now)
    from_waiting_list = models.BooleanField(_("offered from the waiting list"), default=False)
    # Empty until the decision e-mail leaves (or is released for a date): the applicant
    # cannot answer an offer nobody told them about.
    opens_at = models.DateTimeField(_("told on"), null=True, blank=True)
    deadline = models.DateTimeField(_("answer expected before"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)
    # The application the place went to when this offer was declined or lapsed: a place
    # passes on once, and an application receives at most one place (one-to-one).
    passed_to = models.OneToOneField(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="place_from",
        verbose_name=_("place passed to"),
    )

    objects = AwardOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("award offer")
        verbose_name_plural = _("award offers")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=OfferState.values), name="award_offer_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state=OfferState.PENDING, answered_at__isnull=True)
                | (~Q(state=OfferState.PENDING) & Q(answered_at__isnull=False)),
                name="award_offer_answered_has_time",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True, deadline__isnull=True)
                | Q(opens_at__isnull=False, deadline__gt=F("opens_at")),
                name="award_offer_deadline_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(decline_reason="") | Q(state=OfferState.DECLINED),
                name="award_offer_reason_only_when_declined",
            ),
            models.CheckConstraint(
                condition=Q(passed_to__isnull=True) | Q(state__in=GIVEN_UP),
                name="award_offer_passes_on_only_when_given_up",
            ),
            models.CheckConstraint(
                condition=~Q(passed_to=F("submission")), name="award_offer_not_passed_to_itself"
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="award_offer_due_idx")]

    def __str__(self):
        return f"{self.submission} — {self.get_state_display()}"

    def is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.state == OfferState.PENDING
            and self.opens_at is not None
            and self.opens_at <= now < self.deadline
        )
