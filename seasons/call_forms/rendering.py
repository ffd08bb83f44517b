"""A Django form from a call's form definition, with the design system's widgets.

`DefinedForm` has one field per question (`key`), and per entry of a repeatable group
one per sub-question (`<group>-<n>-<key>`). Every field is optional for Django: what
sending needs is decided in `clean`, where a question whose condition is not met is
ignored altogether (its value dropped, its errors removed), so that a browser without
JavaScript, which shows every question, is judged like one that hid them. A draft
(`complete=False`) keeps any subset of valid answers, as the season-2 form does.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from ..applying import uploads
from ..applying.forms import yes_no_field
from ..models import ChoiceWidget, QuestionType
from ..models.call_form import VALUED_TYPES, YES, translated

T = QuestionType
EMPTY = (None, "", [], ())


@dataclass
class Definition:
    """A call's form read in three queries: the form, its sections, its questions."""

    call_form: object
    sections: list
    questions: list
    subs: dict = field(default_factory=dict)  # group id: [sub-questions]

    @classmethod
    def of(cls, call_form):
        sections = list(call_form.sections.order_by("position"))
        questions = list(call_form.questions.order_by("section__position", "position"))
        subs = {}
        for q in questions:
            if q.group_id:
                subs.setdefault(q.group_id, []).append(q)
        top = [q for q in questions if not q.group_id]
        return cls(call_form, sections, top, subs)

    def ineligible_message(self):
        return translated(self.call_form, "ineligible_message")

    def eligibility_questions(self):
        """The questions of the eligibility step: asked of everyone, with values
        (`validation` refuses any other eligibility question)."""
        return [q for q in self.questions if q.is_eligibility and q.type in VALUED_TYPES]


def is_eligible(question, value):
    """Whether the cleaned answer `value` of an eligibility question is one the call
    accepts (every value chosen among its eligible ones)."""
    chosen = value if isinstance(value, list) else [str(value)]
    return set(chosen) <= set(question.eligible_values)


def file_hint(question):
    families = question.file_kinds
    size = (question.max_file_megabytes or 10) * uploads.MEGABYTE
    formats = " ; ".join(str(uploads.ACCEPTED_LABELS[f]) for f in families)
    return _("%(hint)s %(formats)s, %(size)s at most.") % {
        "hint": question.hint,
        "formats": formats,
        "size": uploads.file_size(size),
    }


def field_for(question):
    """The Django field of one question, never required (see the module's docstring)."""
    kind, limit = question.type, question.max_length
    common = {"label": question.label, "help_text": question.hint, "required": False}
    if question.unit:
        common["help_text"] = f"{question.hint} " + _("Unit: %(unit)s.") % {"unit": question.unit}
    if kind == T.LONG_TEXT:
        attrs = {"rows": 4, "maxlength": limit, "data-counter": limit}
        built = forms.CharField(widget=forms.Textarea(attrs=attrs), **common)
        built.validators.append(MaxLengthValidator(limit))
    elif kind == T.NUMBER:
        bounds = {"min_value": question.min_value, "max_value": question.max_value}
        if question.decimal_places:
            built = forms.DecimalField(
                max_digits=14, decimal_places=question.decimal_places, **bounds, **common
            )
        else:
            built = forms.IntegerField(**bounds, **common)
    elif kind == T.EMAIL:
        built = forms.EmailField(**common)
    elif kind == T.URL:
        built = forms.URLField(max_length=500, assume_scheme="https", **common)
    elif kind == T.PHONE:
        built = forms.CharField(max_length=limit or 30, **common)
        built.widget.input_type = "tel"
    elif kind == T.DATE:
        built = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    elif kind == T.ONE_CHOICE:
        choices = question.choice_pairs()
        if question.choice_widget == ChoiceWidget.SELECT:
            widget, choices = forms.Select, [("", _("Choose…")), *choices]
        else:
            widget = forms.RadioSelect
        built = forms.ChoiceField(choices=choices, widget=widget, **common)
    elif kind == T.SEVERAL_CHOICES:
        built = forms.MultipleChoiceField(
            choices=question.choice_pairs(), widget=forms.CheckboxSelectMultiple, **common
        )
    elif kind == T.YES_NO:
        built = yes_no_field(question.label, question.hint)
    elif kind == T.CHECKBOX:
        built = forms.BooleanField(**common)
    elif kind == T.FILE:
        accept = ",".join(uploads.HTML_ACCEPT[f] for f in question.file_kinds)
        common["help_text"] = file_hint(question)
        built = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": accept}), **common)
    else:
        built = forms.CharField(max_length=limit, **common)
    built.question = question
    built.needed = question.required
    built.existing = None  # a file question's stored file, once an application has one
    return built


class DefinedForm(forms.Form):
    """`existing`: {field name: Attachment} of the files an application already holds,
    kept unless replaced or removed (the box `<name>-remove`)."""

    def __init__(self, definition, *args, complete=True, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.complete = complete
        self.existing = existing or {}
        self.file_types = {}  # field name: uploads.FileType of each file that passed
        self.names = {}  # field name: (question, entry prefix or "")
        for question in definition.questions:
            if question.type == T.GROUP:
                for n in range(1, (question.max_count or 1) + 1):
                    for sub in definition.subs.get(question.pk, []):
                        self.add(sub, f"{question.key}-{n}-")
            else:
                self.add(question, "")

    def add(self, question, prefix):
        name = prefix + question.key
        self.fields[name] = field_for(question)
        self.fields[name].existing = self.existing.get(name)
        self.names[name] = (question, prefix)

    def raw(self, name, question):
        if question.type == T.SEVERAL_CHOICES:
            return self.data.getlist(name) if hasattr(self.data, "getlist") else []
        value = self.data.get(name, "")
        if question.type == T.CHECKBOX:
            return [YES] if value else []
        return [value] if value else []

    def shown(self, question, prefix):
        """Whether the applicant was asked `question`: its condition (and its condition's
        own, in turn) is met by the answers posted."""
        condition = question.condition_question_id
        if condition is None:
            return True
        target = next(
            (q for name, (q, p) in self.names.items() if q.pk == condition and p == prefix),
            None,
        )
        if target is None:
            return False
        answered = self.raw(prefix + target.key, target)
        return self.shown(target, prefix) and bool(set(answered) & set(question.condition_values))

    def clean(self):
        cleaned = super().clean()
        for name, (question, prefix) in self.names.items():
            if not self.shown(question, prefix):
                cleaned[name] = None
                self._errors.pop(name, None)
                continue
            if question.type == T.FILE and cleaned.get(name) and name not in self._errors:
                self.check_file(name, question, cleaned)
            if self.complete and name not in self._errors:
                self.check_complete(name, question, prefix, cleaned)
        return cleaned

    def check_file(self, name, question, cleaned):
        """A file is judged by its content in every mode: a draft keeps only good ones."""
        error, file_type = uploads_check(question, cleaned[name])
        if error:
            self.add_error(name, error)
            cleaned[name] = None
        else:
            self.file_types[name] = file_type

    def removed(self):
        """The names whose stored file the applicant removed and did not replace."""
        return {
            name
            for name in self.existing
            if self.data.get(f"{name}-remove") and not self.files.get(name)
        }

    def check_complete(self, name, question, prefix, cleaned):
        value = cleaned.get(name)
        if question.type == T.FILE and not value:
            value = self.existing.get(name) if name not in self.removed() else None
        empty = value in EMPTY or (question.type == T.CHECKBOX and value is False)
        if question.required and empty and self.entry_needed(prefix):
            self.add_error(name, _("This field is required."))
        elif question.is_eligibility and value not in EMPTY and not is_eligible(question, value):
            self.add_error(name, self.definition.ineligible_message())

    def entry_needed(self, prefix):
        """Outside a group, always; in a group, its first `min_count` entries and any
        entry the applicant started."""
        if not prefix:
            return True
        group_key, number, _rest = prefix.split("-", 2)
        group = next(q for q in self.definition.questions if q.key == group_key)
        if int(number) <= (group.min_count or 0):
            return True
        return any(self.data.get(name) for name in self.names if name.startswith(prefix))

    def sections(self):
        """[{anchor, title, intro, items}] where an item is ("field", bound field,
        condition) or ("group", question, [(number, [items])])."""
        result = []
        for section in self.definition.sections:
            items = []
            for question in self.definition.questions:
                if question.section_id != section.pk:
                    continue
                if question.type == T.GROUP:
                    entries = [
                        (
                            n,
                            [
                                self.item(sub, f"{question.key}-{n}-")
                                for sub in self.definition.subs.get(question.pk, [])
                            ],
                        )
                        for n in range(1, (question.max_count or 1) + 1)
                    ]
                    items.append(("group", question, entries))
                else:
                    items.append(self.item(question, ""))
            result.append(
                {
                    "anchor": section.key,
                    "title": section.title,
                    "intro": section.intro,
                    "items": items,
                }
            )
        return result

    def item(self, question, prefix):
        condition = None
        if question.condition_question_id:
            target = next(
                q
                for q, p in self.names.values()
                if q.pk == question.condition_question_id and p == prefix
            )
            labels = dict(target.choice_pairs())
            condition = {
                "field": prefix + target.key,
                "values": ",".join(question.condition_values),
                "question": target.label,
                "labels": ", ".join(str(labels.get(v, v)) for v in question.condition_values),
            }
        return ("field", self[prefix + question.key], condition)

    def error_list(self):
        """[(anchor, label, message)] for the summary above the form."""
        return [
            (f"id_{name}", self.fields[name].label, message)
            for name in self.fields
            for message in self.errors.get(name, [])
        ]


def uploads_check(question, uploaded):
    """(why an uploaded file is refused or None, its uploads.FileType when accepted);
    judged by its content."""
    limit = (question.max_file_megabytes or 10) * uploads.MEGABYTE
    if uploaded.size == 0:
        return _("This file is empty."), None
    if uploaded.size > limit:
        return _("This file weighs %(size)s; a file may weigh %(max)s at most.") % {
            "size": uploads.file_size(uploaded.size),
            "max": uploads.file_size(limit),
        }, None
    try:
        file_type = uploads.sniff(uploaded)
    except uploads.UnsafeArchive:
        return _("This file cannot be opened safely: send it as a PDF."), None
    if not any(uploads.accepts(family, file_type) for family in question.file_kinds):
        formats = " ; ".join(str(uploads.ACCEPTED_LABELS[f]) for f in question.file_kinds)
        return _(
            "The content of this file is not an accepted format (%(formats)s), "
            "whatever its name says."
        ) % {"formats": formats}, None
    return None, file_type
