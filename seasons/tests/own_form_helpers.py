"""What the tests of a call's own form share: a call carrying the default template and
answers posted under its field names."""

from seasons.call_forms.copying import copy_form
from seasons.models import Question, QuestionType

from .answers import complete_answers
from .application_helpers import apply_url, open_call

FIRST = "referent1-"


def stored_complete_answers():
    """`complete_answers` as `Submission.answers` stores them, whichever form sent them."""
    posted = complete_answers()
    return {
        **{key: value for key, value in posted.items() if "-" not in key},
        "has_paid_activity": False,
        "has_related_structures": False,
        "availability_confirmed": True,
        "impact_baseline": "12.00",
        "impact_target": "500.00",
        "referents": [
            {key[len(FIRST) :]: value for key, value in posted.items() if key.startswith(FIRST)}
        ],
    }


def call_with_form(**values):
    """An open call whose form is the AIC season-2 template."""
    call = open_call(**values)
    copy_form(call)
    return call


def with_team_size(call):
    """`call`, its form (the template) asking one more question: the team's size, a number,
    third of the section "autres"."""
    form = call.application_form
    Question.objects.create(
        form=form, section=form.sections.get(key="autres"), position=3, key="team_size",
        type=QuestionType.NUMBER, label_fr="Taille de l’équipe",
    )  # fmt: skip
    return call


def own_form_answers(**overrides):
    """`complete_answers` under the template's field names (the referents are a group)."""
    answers = {
        key.replace(FIRST, "referents-1-"): value for key, value in complete_answers().items()
    }
    return {**answers, **overrides}


def form_url(call, organisation_type="association"):
    """The form's address as the eligibility step leads to it, with its accepted answer."""
    return f"{apply_url(call)}?organisation_type={organisation_type}"
