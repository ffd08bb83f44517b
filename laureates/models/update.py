"""Updates the laureate's team posts on a step of its roadmap, with files and a measurement.

Their states change only through `laureates.space.updates` (post, confirm, send back,
publish); staff confirm them in the admin.
"""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accelerator.dates import format_date
from seasons.models.fields import staff_member, valid_choice
from seasons.models.submission import private_storage

from .impact import ImpactIndicator, Measurement
from .laureate import Laureate
from .milestone import Milestone
from .team import TeamMember


class UpdateStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    SENT_BACK = "sent_back", _("sent back")


class TeamUpdateQuerySet(models.QuerySet):
    def awaiting(self):
        return self.filter(status=UpdateStatus.SUBMITTED)

    def public(self):
        """What a public laureate page shows: confirmed, published, on a public step."""
        return self.filter(status=UpdateStatus.CONFIRMED, published=True, milestone__is_public=True)


class TeamUpdate(models.Model):
    """Where a step stands, said by the team; staff confirm it or send it back."""

    laureate = models.ForeignKey(
        Laureate, on_delete=models.CASCADE, related_name="updates", verbose_name=_("laureate")
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="updates", verbose_name=_("step")
    )
    author = models.ForeignKey(
        TeamMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"))
    asks_done = models.BooleanField(_("asks for the step to be marked done"), default=False)
    indicator = models.ForeignKey(
        ImpactIndicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("indicator"),
    )
    measured_on = models.DateField(_("measured on"), null=True, blank=True)
    value = models.DecimalField(
        _("measured value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The measurement the confirmation recorded from `indicator`, `measured_on`, `value`.
    measurement = models.ForeignKey(
        Measurement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded measurement"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.SUBMITTED
    )
    staff_comment = models.TextField(_("comment to the team"), blank=True)
    reviewed_by = staff_member(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # "Affichée": an update is feminine in French, a milestone ("affiché") is not.
    published = models.BooleanField(
        pgettext_lazy("update", "shown on the public page"), default=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    objects = TeamUpdateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            valid_choice("status", UpdateStatus, "update_status_valid"),
            # A measurement is whole or absent: an indicator, a day and a value.
            models.CheckConstraint(
                condition=(
                    Q(indicator__isnull=True, measured_on__isnull=True, value__isnull=True)
                    | Q(indicator__isnull=False, measured_on__isnull=False, value__isnull=False)
                ),
                name="update_measurement_complete",
            ),
            # The public sees only what staff confirmed.
            models.CheckConstraint(
                condition=Q(published=False) | Q(status=UpdateStatus.CONFIRMED),
                name="update_published_only_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.milestone} — {format_date(self.created_at)}" if self.created_at else "—"

    @property
    def has_measurement(self):
        return self.indicator_id is not None


def update_file_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"updates/{uuid.uuid4().hex}{suffix}"


class UpdateFile(models.Model):
    """A file attached to an update: private, served only to the team and allowed staff."""

    update = models.ForeignKey(
        TeamUpdate, on_delete=models.CASCADE, related_name="files", verbose_name=_("update")
    )
    file = models.FileField(
        _("file"), upload_to=update_file_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("update file")
        verbose_name_plural = _("update files")
        ordering = ["update", "pk"]

    def __str__(self):
        return self.original_name
