"""Seasons and their calls for applications."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SeasonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def current(self):
        """The published season with the highest number, or None."""
        return self.published().order_by("-number").first()


class Season(models.Model):
    """A yearly edition of the program, with its theme (for example "communs numériques")."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published seasons are shown to the public."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SeasonQuerySet.as_manager()

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="season_number_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="season_year_plausible"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seasons:season_detail", kwargs={"slug": self.slug})


class OrganisationType(models.TextChoices):
    ASSOCIATION = "association", _("association")
    PUBLIC_ADMINISTRATION = "public_administration", _("public administration")
    ASSOCIATION_AND_ADMINISTRATION = (
        "association_and_administration",
        _("association and public administration together"),
    )
    COMPANY = "company", _("company")
    COLLECTIVE = "collective", _("citizens’ collective")
    INDIVIDUAL = "individual", _("individual")


# Who may apply when a call says nothing else: the AIC's season 2 rule.
DEFAULT_ELIGIBLE_TYPES = [
    OrganisationType.ASSOCIATION.value,
    OrganisationType.PUBLIC_ADMINISTRATION.value,
    OrganisationType.ASSOCIATION_AND_ADMINISTRATION.value,
]


def default_eligible_types():
    return list(DEFAULT_ELIGIBLE_TYPES)


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(season__published=True)

    def open(self, when=None):
        when = when or timezone.now()
        return self.filter(opens_at__lte=when, closes_at__gt=when)

    def upcoming(self, when=None):
        return self.filter(opens_at__gt=when or timezone.now())

    def closed(self, when=None):
        return self.filter(closes_at__lte=when or timezone.now())


class Call(models.Model):
    """A call for applications inside a season, run by one operator on one track.

    Its state (upcoming, open, closed) is derived from the dates, never stored: a call is
    open from `opens_at` included to `closes_at` excluded, so a deadline "at 12:00" refuses
    an application sent at 12:00:00.
    """

    season = models.ForeignKey(
        Season, on_delete=models.PROTECT, related_name="calls", verbose_name=_("season")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    operator = models.CharField(
        _("operator"), max_length=100, help_text=_("Who runs the call, for example DINUM or DITP.")
    )
    track = models.CharField(
        _("track"), max_length=200, blank=True, help_text=_("For example “communs numériques”.")
    )
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    selection_criteria = models.TextField(_("selection criteria"), blank=True)
    eligible_organisation_types = models.JSONField(
        _("organisations that may apply"),
        default=default_eligible_types,
        help_text=_("The application form refuses to send an application from any other type."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    laureates_announced_at = models.DateTimeField(
        _("laureates announced at"),
        null=True,
        blank=True,
        help_text=_(
            "The laureates of this call become public together at this moment (after the "
            "decision e-mails). Empty: not announced yet, the laureates stay private."
        ),
    )
    review_deadline = models.DateTimeField(
        _("review deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Reviews still open after this moment are overdue; reviewers are reminded "
            "3 days before and once it has passed. Empty: no deadline, no reminder."
        ),
    )
    divergence_threshold = models.DecimalField(
        _("divergence threshold"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.50"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(5)],
        help_text=_(
            "An application is flagged when the weighted scores of its reviewers (0 to 5) "
            "differ by more than this."
        ),
    )
    award_acceptance_days = models.PositiveSmallIntegerField(
        _("days to accept the award"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "A selected applicant accepts or declines the award on their status page within "
            "this many days of being told; past it, the place passes to the waiting list."
        ),
    )
    is_demo = models.BooleanField(
        _("demonstration call"),
        default=False,
        help_text=_("A call that only exists to try the application form."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["closes_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["season", "slug"], name="call_slug_unique_in_season"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(divergence_threshold__gt=0, divergence_threshold__lte=5),
                name="call_divergence_threshold_on_the_scale",
            ),
            models.CheckConstraint(
                condition=Q(award_acceptance_days__gte=1, award_acceptance_days__lte=90),
                name="call_award_acceptance_days_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "seasons:call_detail", kwargs={"season_slug": self.season.slug, "slug": self.slug}
        )

    def state_at(self, when):
        if when < self.opens_at:
            return CallState.UPCOMING
        if when < self.closes_at:
            return CallState.OPEN
        return CallState.CLOSED

    @property
    def state(self):
        return self.state_at(timezone.now())

    @property
    def is_open(self):
        return self.state == CallState.OPEN

    @property
    def eligible_type_labels(self):
        return [OrganisationType(value).label for value in self.eligible_organisation_types]

    def accepts_organisation_type(self, value):
        return value in self.eligible_organisation_types

    def days_left(self, when=None):
        """Whole days until the deadline, counted on the program's calendar."""
        when = when or timezone.now()
        return (timezone.localdate(self.closes_at) - timezone.localdate(when)).days
