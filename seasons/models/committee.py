"""A committee session (the jury, the "comité d'engagement"): its members, its docket of
applications and, per item, the outcome the meeting recorded.

Written only by `seasons.selection.committee`: assembling the docket, recording an
outcome, closing the session (which moves every application through the workflow).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .fields import staff_member, valid_choice
from .season import Call
from .submission import Submission, SubmissionStatus


class SessionStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("committee session", "in preparation")
    HELD = "held", pgettext_lazy("committee session", "held")
    CLOSED = "closed", pgettext_lazy("committee session", "closed")


class CommitteeSession(models.Model):
    """One meeting of a call's jury or committee."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="committee_sessions", verbose_name=_("call")
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="committee_sessions",
        verbose_name=_("members"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SessionStatus.choices,
        default=SessionStatus.PREPARING,
        editable=False,
    )
    # The status the docket was assembled from (the shortlist, usually).
    docket_status = models.CharField(
        _("docket assembled from"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SHORTLISTED,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = staff_member(_("closed by"), editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee session")
        verbose_name_plural = _("committee sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [
            valid_choice("status", SessionStatus, "committee_status_valid"),
            # Closed, and only closed, sessions say when they were closed.
            models.CheckConstraint(
                condition=Q(status=SessionStatus.CLOSED, closed_at__isnull=False)
                | (~Q(status=SessionStatus.CLOSED) & Q(closed_at__isnull=True)),
                name="committee_closed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


VOTES = ["votes_for", "votes_against", "abstentions"]


class DocketItem(models.Model):
    """One application on a session's docket, in its order, and what the meeting decided:
    a status the workflow allows from `from_status`, by consensus or by votes, with the
    reasons; members with a conflict of interest are recorded as not voting."""

    session = models.ForeignKey(
        CommitteeSession,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("session"),
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.PROTECT,
        related_name="docket_items",
        verbose_name=_("application"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    from_status = models.CharField(
        _("status on the docket"), max_length=20, choices=SubmissionStatus.choices
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=SubmissionStatus.choices, blank=True
    )
    by_consensus = models.BooleanField(_("by consensus"), default=False)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    # Members present and voting when the outcome was recorded (members less conflicts):
    # stored so that the database itself refuses more votes than voters.
    voters = models.PositiveSmallIntegerField(_("voting members"), null=True, blank=True)
    not_voting = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("not voting (conflict of interest)"),
    )
    reasons = models.TextField(_("reasons"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = staff_member(_("recorded by"), editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("docket item")
        verbose_name_plural = _("docket items")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "submission"], name="docket_item_once_per_session"
            ),
            models.UniqueConstraint(fields=["session", "position"], name="docket_position_unique"),
            models.CheckConstraint(
                condition=Q(votes_for__gte=0) & Q(votes_against__gte=0) & Q(abstentions__gte=0),
                name="docket_votes_not_negative",
            ),
            # No outcome yet: nothing recorded. An outcome: by consensus without votes, or
            # by votes (all three counted), never both.
            models.CheckConstraint(
                condition=Q(
                    decision="",
                    by_consensus=False,
                    votes_for__isnull=True,
                    votes_against__isnull=True,
                    abstentions__isnull=True,
                    recorded_at__isnull=True,
                )
                | (
                    ~Q(decision="")
                    & Q(recorded_at__isnull=False, voters__isnull=False)
                    & (
                        Q(
                            by_consensus=True,
                            votes_for__isnull=True,
                            votes_against__isnull=True,
                            abstentions__isnull=True,
                        )
                        | Q(
                            by_consensus=False,
                            votes_for__isnull=False,
                            votes_against__isnull=False,
                            abstentions__isnull=False,
                        )
                    )
                ),
                name="docket_outcome_complete",
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True)
                | Q(
                    voters__gte=F("votes_for") + F("votes_against") + F("abstentions"),
                ),
                name="docket_votes_within_voters",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(decision=F("from_status")),
                name="docket_decision_changes_status",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", *SubmissionStatus.values]),
                name="docket_decision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.submission}"

    @property
    def has_outcome(self):
        return bool(self.decision)

    @property
    def vote_label(self):
        """Consensus or "5 for, 1 against, 2 abstentions", for the docket and minutes."""
        if not self.has_outcome:
            return ""
        if self.by_consensus:
            return str(_("consensus"))
        return _("%(for)d for, %(against)d against, %(abstentions)d abstentions") % {
            "for": self.votes_for,
            "against": self.votes_against,
            "abstentions": self.abstentions,
        }
