"""The eligibility step before a call's form (issue 15).

A call whose form has eligibility questions asks them first, alone: an answer the call
does not accept stops the applicant at once with the call's own message, before anything
else is typed. Accepted answers are carried to the form in its address (`carried_query`)
and shown there already answered (`carried_answers`); the form still checks them when
the application is sent, so changing one there is judged as before. Nothing is stored:
the step writes nothing, the first draft keeps the answers.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import QuestionType
from .rendering import EMPTY, field_for, is_eligible

T = QuestionType

ANSWER_NEEDED = gettext_lazy("Answer this question to know whether you may apply.")
NOT_ELIGIBLE = gettext_lazy("This call does not accept this answer.")


class EligibilityForm(forms.Form):
    """The eligibility questions of `definition` (`rendering.Definition`), each needed.
    An unticked box is an answer (no). After validation, `ineligible` lists the questions
    whose answer the call does not accept."""

    def __init__(self, definition, data=None, prefix=None):
        super().__init__(data, prefix=prefix)
        self.definition = definition
        self.questions = definition.eligibility_questions()
        self.ineligible = []
        for question in self.questions:
            self.fields[question.key] = field_for(question)
            self.fields[question.key].needed = True

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            key = question.key
            if key in self._errors:
                continue
            value = cleaned.get(key)
            if question.type == T.CHECKBOX:
                value = bool(value)
            elif value in EMPTY:
                self.add_error(key, ANSWER_NEEDED)
                continue
            if not is_eligible(question, value):
                self.ineligible.append(question)
                self.add_error(key, NOT_ELIGIBLE)
        return cleaned

    def refused(self):
        """Whether some answer is not accepted: the applicant is told the call's message
        (whatever else is missing), rather than asked to correct anything."""
        return self.is_bound and not self.is_valid() and bool(self.ineligible)

    def message(self):
        """The call's words for an applicant it does not accept."""
        return self.definition.ineligible_message() or _(
            "Your answers show that this call is not open to your structure."
        )

    def error_list(self):
        """[(anchor, label, message)] of the answers missing or refused, for the summary."""
        return [
            (f"id_{self[name].html_name}", self.fields[name].label, message)
            for name in self.fields
            for message in self.errors.get(name, [])
        ]

    def fields_with_values(self):
        """[(bound field, "v1,v2" of its eligible values)] for the page and its script."""
        return [(self[q.key], ",".join(q.eligible_values)) for q in self.questions]

    def carried_query(self):
        """The accepted answers as the form's address carries them."""
        values = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if isinstance(value, bool):
                value = str(value)  # "True" / "False", as the form's widgets read them
            values[question.key] = value
        return urlencode(values, doseq=True)


def carried_answers(definition, query):
    """{question key: answer to show} when `query` (the form's address) carries accepted
    answers to every eligibility question of `definition`; {} when it has none to ask;
    None when the eligibility step is still to be passed."""
    step = EligibilityForm(definition, query)
    if not step.questions:
        return {}
    if not step.is_valid():
        return None
    answers = {}
    for question in step.questions:
        value = step.cleaned_data[question.key]
        answers[question.key] = str(value) if question.type == T.YES_NO else value
    return answers
