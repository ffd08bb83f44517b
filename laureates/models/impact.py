"""Impact indicators of a laureate (maps created, regular users…) and their measurements."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .laureate import Laureate


class ImpactIndicator(models.Model):
    """What a laureate measures to show its impact, from a baseline towards a target."""

    laureate = models.ForeignKey(
        Laureate,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("laureate"),
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example “maps”."))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("impact indicator")
        verbose_name_plural = _("impact indicators")
        ordering = ["laureate", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["laureate", "name"], name="indicator_name_unique_per_laureate"
            ),
        ]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    """The value of an indicator on one day."""

    indicator = models.ForeignKey(
        ImpactIndicator,
        on_delete=models.CASCADE,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_one_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.measured_on}: {self.value}"
