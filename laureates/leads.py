"""Who may be a laureate's follow-up lead: active staff who may act on the steps of the
follow-up plan (superusers, and those allowed to change milestones, such as program
managers). One field, the same on the "selected" confirmation and the laureate's page.
And who a support entry may name as the staff member who gave it (`support_givers`)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from accelerator.collation import FrenchOrderIterator


def staff_allowed_to(codename, including=None):
    """Active staff who hold the laureates' permission `codename` (superusers, and the
    roles given it), and `including`, a current choice's id, so that a form keeps the
    person it shows even if their role changed since."""
    permission = Q(
        user_permissions__content_type__app_label="laureates",
        user_permissions__codename=codename,
    ) | Q(
        groups__permissions__content_type__app_label="laureates",
        groups__permissions__codename=codename,
    )
    eligible = Q(is_staff=True, is_active=True) & (Q(is_superuser=True) | permission)
    if including is not None:
        eligible |= Q(pk=including)
    users = get_user_model().objects
    return users.filter(pk__in=users.filter(eligible).values("pk"))


def followup_leads(including=None):
    """Those who may be chosen as follow-up lead: who may act on the plan's steps."""
    return staff_allowed_to("change_milestone", including)


def support_givers(including=None):
    """The staff members a support entry may name: who may log support (managers). An
    outside expert is not an account: the entry names them in its own field."""
    return staff_allowed_to("add_supportlog", including)


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
