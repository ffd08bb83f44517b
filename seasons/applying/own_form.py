"""The applicant's side of a call's own form (issue 15): the rendered form
(`call_forms.rendering`) filled with an application's stored answers and files, the answers
it stores, and their summary for pages and e-mails.

Stored answers (`stored_answers`) are nested, {key: value} with a group as a list of
entries; the form's fields are flat (`<group>-<n>-<key>` inside a group): `flat` and
`nested` go from one to the other.
"""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..call_forms.rendering import DefinedForm, Definition
from ..models import CallForm, OrganisationType, QuestionType
from . import stored_answers, uploads
from .uploads import file_size

T = QuestionType


def definition_of(call):
    """The call's form read in three queries, or None when the call has none (the
    season-2 form serves it)."""
    call_form = CallForm.objects.filter(call=call).first()
    return Definition.of(call_form) if call_form else None


def entry_count(question):
    return question.max_count or 1


def flat(definition, answers):
    """{field name: stored value} of nested `answers`."""
    values = {}
    for question in definition.questions:
        if question.type != T.GROUP:
            if question.key in answers:
                values[question.key] = answers[question.key]
            continue
        entries = answers.get(question.key) or []
        for n, entry in enumerate(entries[: entry_count(question)], start=1):
            for key, value in entry.items():
                values[f"{question.key}-{n}-{key}"] = value
    return values


def nested(definition, values):
    """The stored answers of flat `values` (files left out: they are attachments); a
    group keeps its entries that hold an answer, in order."""
    answers = {}
    for question in definition.questions:
        if question.type == T.FILE:
            continue
        if question.type != T.GROUP:
            if values.get(question.key) is not None:
                answers[question.key] = values[question.key]
            continue
        entries = []
        for n in range(1, entry_count(question) + 1):
            prefix = f"{question.key}-{n}-"
            entry = {
                sub.key: values[prefix + sub.key]
                for sub in definition.subs.get(question.pk, [])
                if sub.type != T.FILE and values.get(prefix + sub.key) is not None
            }
            if entry:
                entries.append(entry)
        if entries:
            answers[question.key] = entries
    return answers


def initial_value(question, value):
    if question.type == T.YES_NO:
        return str(value)  # "True" / "False", the values the radio buttons post
    return value


class ApplicantForm(DefinedForm):
    """The call's form for an applicant: the application's answers shown, its files kept."""

    def __init__(self, definition, data=None, files=None, *, submission=None, complete=False):
        stored = flat(definition, submission.answers) if submission else {}
        existing = {a.kind: a for a in submission.attachments.all()} if submission else {}
        super().__init__(definition, data, files, complete=complete, existing=existing)
        for name, (question, _prefix) in self.names.items():
            if name in stored:
                self.initial[name] = initial_value(question, stored[name])

    def clean(self):
        cleaned = super().clean()
        removed = self.removed()
        kept = [a.size for n, a in self.existing.items() if n not in removed | set(self.file_types)]
        total = sum(kept) + sum(f.size for f, _t in self.valid_files().values())
        if total > uploads.MAX_SUBMISSION_SIZE:
            raise forms.ValidationError(
                _("Your files weigh %(total)s together; an application may hold %(max)s.")
                % {"total": file_size(total), "max": file_size(uploads.MAX_SUBMISSION_SIZE)}
            )
        return cleaned

    def error_list(self):
        """The summary's errors, the files' weight together first."""
        first_file = next((n for n, (q, _p) in self.names.items() if q.type == T.FILE), "")
        together = [(f"id_{first_file}", _("Attachments"), e) for e in self.non_field_errors()]
        return together + super().error_list()

    def stored_answers(self, previous):
        """The answers to store: every valid answer, the previous value of an answer that
        did not pass its checks, nothing for a question not asked (hidden by its
        condition) nor for an unticked box."""
        values = flat(self.definition, previous)
        for name, (question, _prefix) in self.names.items():
            if name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            if question.type == T.CHECKBOX and value is False:
                value = None
            elif question.type == T.NUMBER and question.decimal_places and value is not None:
                value = value.quantize(Decimal(1).scaleb(-question.decimal_places))  # "12.00"
            values[name] = stored_answers.json_value(value)
        return nested(self.definition, values)

    def files_to_remove(self):
        """Stored files to delete: removed by the applicant, or of a question now hidden."""
        hidden = {name for name in self.existing if self.cleaned_data.get(name) is None}
        hidden = {
            name for name in hidden if name in self.names and not self.shown(*self.names[name])
        }
        return self.removed() | hidden | (set(self.existing) - set(self.names))

    def valid_files(self):
        """{field name: (uploaded, FileType)} of the new files that passed every check."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: (cleaned[name], file_type)
            for name, file_type in self.file_types.items()
            if cleaned.get(name)
        }

    def received_files(self):
        """[(label, file name)] of the files received and accepted but not stored."""
        if not self.is_bound:
            return []
        return [
            (self.fields[name].label, file.name) for name, (file, _t) in self.valid_files().items()
        ]

    def show_stored(self, existing):
        """Show the files stored now, after a save, beside the answers shown again."""
        self.existing = existing
        for name in self.names:
            self.fields[name].existing = existing.get(name)

    def answered(self, files):
        """Whether anything was typed or chosen (the language switch of a blank form)."""
        return bool(files) or self.has_changed()


def typed_columns(answers):
    """The typed columns of `Submission` as these answers give them."""
    return stored_answers.typed_values(answers, set(OrganisationType.values))


def display(question, value):
    """An answer as a person reads it."""
    if question.type == T.YES_NO:
        return _("yes") if value else _("no")
    if question.type == T.CHECKBOX:
        return _("yes")
    if question.type in (T.ONE_CHOICE, T.SEVERAL_CHOICES):
        labels = dict(question.choice_pairs())
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in chosen)
    if question.type == T.NUMBER:
        number = Decimal(value)
        if number == number.to_integral_value():
            number = int(number)  # "438", not "438,00"
        return number_format(number, force_grouping=True)
    return str(value)


def summary(submission, definition):
    """[(section title, [(label, answer)])] of every answered question, in order."""
    answers = submission.answers
    files = {a.kind: a for a in submission.attachments.all()}
    sections = []
    for section in definition.sections:
        rows = []
        for question in definition.questions:
            if question.section_id != section.pk:
                continue
            if question.type == T.FILE and question.key in files:
                stored = files[question.key]
                rows.append((question.label, f"{stored.original_name} ({file_size(stored.size)})"))
            elif question.type == T.GROUP:
                rows += group_rows(question, definition, answers.get(question.key) or [])
            elif question.key in answers:
                rows.append((question.label, display(question, answers[question.key])))
        if rows:
            sections.append((section.title, rows))
    return sections


def group_rows(question, definition, entries):
    subs = definition.subs.get(question.pk, [])
    rows = []
    for n, entry in enumerate(entries, start=1):
        parts = [display(sub, entry[sub.key]) for sub in subs if sub.key in entry]
        rows.append((f"{question.label} {n}", ", ".join(parts)))
    return rows
