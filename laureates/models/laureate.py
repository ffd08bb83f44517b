"""Laureates and the domains they work in."""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from seasons.models import Season, Submission
from seasons.models.fields import staff_member, valid_choice

from ..search import search_text as searchable_text

SUMMARY_MAX_LENGTH = 300


class Domain(models.Model):
    """A field of public policy a laureate works in (alimentation, éducation…)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Track(models.TextChoices):
    PRE_ACCELERATION = "pre_acceleration", _("pre-acceleration")
    FULL_SUPPORT = "full_support", _("full support")


ANNOUNCED_AT = "submission__call__laureates_announced_at"


def public_condition(now=None):
    """The one rule of what the public sees, as a condition on laureates: in a published
    season, its award accepted (or offered before offers existed), and either published
    by staff ("publish now") or of a call whose announcement moment has passed. Derived
    from the clock, so no task has to run at the announcement; every public page,
    filter, feed and file goes through `published()`.
    """
    now = now or timezone.now()
    # The call's announcement as a subquery rather than two joins: PostgreSQL then reads
    # the application and its call only for a laureate staff have not published, instead
    # of joining every laureate it sorts to the applications table (a miss of the list's
    # first page at 50,000 laureates: 87 ms → 5–13 ms).
    announced = Submission.objects.filter(
        pk=OuterRef("submission_id"), call__laureates_announced_at__lte=now
    )
    return (
        Q(season__published=True)
        & Q(awaiting_acceptance=False)
        & (Q(published=True) | Exists(announced))
    )


def public_since():
    """When the laureate became (or becomes) public: the earlier of its publication by
    staff and its call's announcement; None while it is neither."""
    announced = F(ANNOUNCED_AT)
    # Rows written without `save()` (bulk, update) may lack the date: their creation then.
    explicit = Coalesce("published_at", "created_at")
    return Case(
        When(Q(published=True) & Q(**{f"{ANNOUNCED_AT}__lt": explicit}), then=announced),
        When(published=True, then=explicit),
        default=announced,
    )


class LaureateQuerySet(models.QuerySet):
    def published(self, now=None):
        """Laureates the public may see now (see `public_condition`)."""
        return self.filter(public_condition(now))

    def with_public_since(self):
        return self.annotate(public_since=public_since())

    def support_not_closed(self):
        """Laureates whose support staff have not closed yet (see `laureates.closing`)."""
        return self.filter(support_closed_on__isnull=True)

    def to_close(self, today):
        """Support period over and not closed yet: staff are asked to close them."""
        return self.support_not_closed().filter(support_ends_on__lt=today)


def logo_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"logos/{uuid.uuid4().hex}{suffix}"


class Laureate(models.Model):
    season = models.ForeignKey(
        Season, on_delete=models.PROTECT, related_name="laureates", verbose_name=_("season")
    )
    # One submission gives at most one laureate: the one-to-one is the database's
    # guarantee that selecting a project twice never makes two laureates.
    submission = models.OneToOneField(
        Submission,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="laureate",
        verbose_name=_("application"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    carrier = models.CharField(_("carrier organisation"), max_length=200)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX_LENGTH)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    logo = models.FileField(_("logo"), upload_to=logo_path, blank=True, max_length=200)
    domains = models.ManyToManyField(
        Domain, related_name="laureates", blank=True, verbose_name=_("domains")
    )
    track = models.CharField(
        _("track"), max_length=20, choices=Track.choices, default=Track.FULL_SUPPORT
    )
    # Required where staff make or edit a laureate (the admin, "Retenir"); empty on
    # laureates that predate it and on ones whose lead's account was deleted.
    followup_lead = staff_member(
        _("follow-up lead"),
        related_name="led_laureates",
        in_charge=True,
        help_text=_("The staff member who follows the laureate; owns its plan's steps."),
    )
    support_starts_on = models.DateField(_("support starts on"))
    support_ends_on = models.DateField(_("support ends on"))
    # Set only by `laureates.closing.close_support`, once every open step is resolved.
    support_closed_on = models.DateField(_("support closed on"), null=True, blank=True)
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Public now, without waiting for the announcement of its call's laureates."),
    )
    # Made at selection, while the applicant has not accepted the award yet: never public
    # until they do (`onboarding.LaureateSelectionHook.on_award_accepted`).
    awaiting_acceptance = models.BooleanField(
        _("award not accepted yet"),
        default=False,
        help_text=_("Stays off the public site until the applicant accepts the award."),
    )
    # When staff published it: kept by `save()` from `published`, read by the feed.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Name, carrier and summary without accents or capitals, for the public search
    # (laureates.search); written by save() from the fields themselves.
    search_text = models.TextField(editable=False, default="")

    objects = LaureateQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("laureate")
        verbose_name_plural = _("laureates")
        ordering = ["-season__number", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(support_ends_on__gt=F("support_starts_on")),
                name="laureate_support_ends_after_start",
            ),
            valid_choice("track", Track, "laureate_track_valid"),
            # PostgreSQL enforces max_length through varchar; SQLite needs the check.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("summary"), SUMMARY_MAX_LENGTH),
                name="laureate_summary_max_length",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """`published_at` follows `published`, whoever saves (admin, selection, loader);
        `search_text` follows the name, carrier and summary."""
        if self.published and self.published_at is None:
            self.published_at = timezone.now()
        elif not self.published:
            self.published_at = None
        self.search_text = searchable_text(self.name, self.carrier, self.summary)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = set()
            if "published" in update_fields:
                extra.add("published_at")
            if {"name", "carrier", "summary"} & set(update_fields):
                extra.add("search_text")
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("laureates:laureate_detail", kwargs={"slug": self.slug})

    @property
    def summary_shown(self):
        """The summary as the page's lead, unless it is only the start of the description
        cut at 300 characters ("…"): the description, printed below, already says it."""
        summary, description = _words(self.summary), _words(self.description)
        if summary.endswith("…") and description.startswith(summary[:-1].rstrip()):
            return ""
        return self.summary

    @property
    def description_shown(self):
        """The description, unless it says no more than the summary (a laureate made from
        an application starts with a summary copied from its description)."""
        return "" if _words(self.description) == _words(self.summary) else self.description


def _words(text):
    return " ".join(text.split())
