"""Who may be a laureate's follow-up lead: active staff who may act on the steps of the
follow-up plan (superusers, and those allowed to change milestones, such as program
managers). One field, the same on the "selected" confirmation and the laureate's page."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from accelerator.collation import FrenchOrderIterator

MILESTONE_PERMISSION = Q(
    user_permissions__content_type__app_label="laureates",
    user_permissions__codename="change_milestone",
) | Q(
    groups__permissions__content_type__app_label="laureates",
    groups__permissions__codename="change_milestone",
)


def followup_leads(including=None):
    """Those who may be chosen as follow-up lead (and `including`, a current lead's id,
    so that a form keeps the lead it shows even if their role changed since)."""
    eligible = Q(is_staff=True, is_active=True) & (Q(is_superuser=True) | MILESTONE_PERMISSION)
    if including is not None:
        eligible |= Q(pk=including)
    users = get_user_model().objects
    return users.filter(pk__in=users.filter(eligible).values("pk"))


def lead_label(user):
    """ "Full Name (username)", or the username alone when no name is set."""
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


class FollowupLeadField(forms.ModelChoiceField):
    """The follow-up lead, among `followup_leads()`, labelled and sorted the French way."""

    iterator = FrenchOrderIterator

    def __init__(self, queryset=None, **kwargs):
        super().__init__(followup_leads() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, user):
        return lead_label(user)
