"""The public application form: answers and referents (attachments: `attachment_form`).

One form serves two purposes. Saving a draft accepts any subset of valid answers (a
required field may be empty); sending, or editing an application already sent, needs a
complete and eligible application. Both modes check every value that was typed.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import (
    DESCRIPTION_MAX_LENGTH,
    OrganisationType,
    Referent,
    Submission,
)

LONG_TEXT_MAX_LENGTH = 3000

# The values are how Django writes a stored boolean, so that saved answers show as chosen.
YES_NO = [("True", _("Yes")), ("False", _("No"))]


def yes_no_field(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "True",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


# The form's sections, in order: (anchor, title, intro, fields of ApplicationForm).
SECTIONS = [
    (
        "structure",
        _("Your structure"),
        _("Who carries the project, and how it works."),
        [
            "contact_email",
            "organisation_name",
            "project_name",
            "organisation_type",
            "commons_nature",
            "description",
            "resource_pooling",
            "commons_rationale",
            "website",
            "budget_last_year",
            "budget_year_before",
            "main_funders",
            "has_paid_activity",
            "paid_activity_details",
            "has_related_structures",
            "related_structures_details",
            "contributors_count",
        ],
    ),
    (
        "referents",
        _("Referents"),
        _(
            "One or two people the program will talk to. They should be available "
            "2 to 3 days a month during the support."
        ),
        ["availability_confirmed"],
    ),
    (
        "projet",
        _("Your project"),
        _("The problem you address and the impact you aim for."),
        [
            "problem",
            "main_impact",
            "impact_indicator",
            "impact_indicator_unit",
            "impact_baseline",
            "impact_target",
            "impact_strategy",
            "state_collaboration_goals",
            "other_actors",
            "goal_1",
            "goal_2",
            "goal_3",
        ],
    ),
    ("pieces-jointes", _("Attachments"), "", []),
    ("autres", _("Other"), "", ["heard_about", "news_opt_in"]),
]

# A draft may leave any answer empty; sending needs every answer of the sections but these.
OPTIONAL_TO_SEND = {
    "project_name",
    "website",
    "paid_activity_details",
    "related_structures_details",
    "impact_indicator_unit",
    "goal_2",
    "goal_3",
    "heard_about",
    "news_opt_in",
}
REQUIRED_TO_SEND = [
    name
    for _anchor, _title, _intro, names in SECTIONS
    for name in names
    if name not in OPTIONAL_TO_SEND
]

HINTS = {
    "contact_email": _("We send the link to your application and all news of it to this address."),
    "resource_pooling": _("Which resource, who uses it and who looks after it."),
    "budget_last_year": _("Approximate amount, in euros."),
    "budget_year_before": _("Approximate amount, in euros."),
    "contributors_count": _("Volunteers, employees and regular contributors together."),
    "impact_indicator": _("For example: maps created, regular users, meals served."),
    "impact_baseline": _("Today’s value of the indicator."),
    "impact_target": _("The value you aim for at the end of the support."),
    "goal_1": _("The three goals the program could help you reach, the first one at least."),
    "website": _("For example https://www.example.org"),
}


class ApplicationForm(forms.ModelForm):
    has_paid_activity = yes_no_field(_("Does the structure have a paid economic activity?"))
    has_related_structures = yes_no_field(
        _("Is the structure related to other structures?"),
        _("A parent organisation, a subsidiary, a federation…"),
    )

    website = forms.URLField(
        label=capfirst(Submission._meta.get_field("website").verbose_name),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Submission
        fields = [name for _anchor, _title, _intro, names in SECTIONS for name in names]
        labels = {
            "contact_email": _("Your e-mail address"),
            "organisation_name": _("Name of the organisation"),
            "availability_confirmed": _(
                "The referents will be available 2 to 3 days a month during the support"
            ),
            "news_opt_in": _("I want to receive the program’s news"),
            "heard_about": _("How did you hear about the call?"),
        }
        widgets = {
            "commons_nature": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, call, complete, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.complete = complete
        for name, field in self.fields.items():
            field.needed_to_send = name in REQUIRED_TO_SEND
            field.required = complete and field.needed_to_send
            if name in HINTS:
                field.help_text = HINTS[name]
            if isinstance(field.widget, forms.Textarea):
                limit = DESCRIPTION_MAX_LENGTH if name == "description" else LONG_TEXT_MAX_LENGTH
                field.max_length = limit
                field.validators.append(MaxLengthValidator(limit))
                field.widget.attrs.update({"maxlength": limit, "data-counter": limit})
                field.widget.attrs["rows"] = 5 if name == "description" else 4
        for name in ["organisation_type", "heard_about"]:
            self.fields[name].choices = [("", _("Choose…")), *self.fields[name].choices[1:]]
        self.fields["commons_nature"].choices = self.fields["commons_nature"].choices[1:]

    def clean_organisation_type(self):
        value = self.cleaned_data["organisation_type"]
        if self.complete and value and not self.call.accepts_organisation_type(value):
            raise forms.ValidationError(
                _(
                    "This call is open only to: %(types)s. An application from a "
                    "“%(type)s” cannot be sent (you may still keep it as a draft)."
                ),
                params={
                    "types": ", ".join(str(label) for label in self.call.eligible_type_labels),
                    "type": OrganisationType(value).label,
                },
                code="ineligible",
            )
        return value

    def clean_availability_confirmed(self):
        value = self.cleaned_data["availability_confirmed"]
        if self.complete and not value:
            raise forms.ValidationError(
                _("The program needs referents available 2 to 3 days a month: tick the box."),
                code="required",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if self.complete:
            for flag, details in [
                ("has_paid_activity", "paid_activity_details"),
                ("has_related_structures", "related_structures_details"),
            ]:
                if cleaned.get(flag) and not cleaned.get(details):
                    self.add_error(details, _("You answered yes: say a few words about it."))
        return cleaned


class ReferentForm(forms.ModelForm):
    """One referent. The first is needed to send; the second is optional, but once
    started it needs a name and an e-mail address."""

    class Meta:
        model = Referent
        fields = ["first_name", "last_name", "email", "phone", "role"]
        labels = {"email": _("E-mail address"), "role": _("Role in the structure")}

    def __init__(self, *args, needed, complete, **kwargs):
        super().__init__(*args, **kwargs)
        self.needed = needed
        self.complete = complete
        for field in self.fields.values():
            field.required = False
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def has_answers(self):
        return any(self.cleaned_data.get(name) for name in self.Meta.fields)

    def clean(self):
        cleaned = super().clean()
        if self.complete and (self.needed or self.has_answers()):
            needed = ["first_name", "last_name", "email"]
            if self.needed:
                needed += ["phone", "role"]
            for name in needed:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("This field is required."))
        return cleaned
