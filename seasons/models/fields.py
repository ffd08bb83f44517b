"""Field and constraint factories the models of both apps share (pure: Django only).

A model module may import it, as it imports other models (`laureates` builds on `seasons`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


def staff_member(label, *, related_name="+", editable=True, in_charge=False, help_text=""):
    """A staff account that did something (recorded, accepted, closed…) or, `in_charge`, one
    chosen among staff to follow something (a lead, an owner). The row keeps its place when
    the account is deleted later: the field becomes empty (nobody)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=editable,
        related_name=related_name,
        verbose_name=label,
        limit_choices_to={"is_staff": True} if in_charge else None,
        help_text=help_text,
    )


def valid_choice(field, choices, name):
    """The database's own check that `field` holds one of `choices` (its TextChoices), so
    that no write outside the forms stores a value the code does not know."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)
