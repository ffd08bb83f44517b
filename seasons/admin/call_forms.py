"""A call's form in the admin: sections and questions by order number, the copy from
another call or from the default template, and the preview.

The admin only parses: a definition is checked by `call_forms.validation` (each message
shown beside its field), copied by `call_forms.copying`, frozen by `call_forms.lock` and
rendered by `call_forms.rendering`. Program managers edit; observers read; reviewers
do not see it (their role has no permission on these models).
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import InlineAdminFormSet
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..call_forms import lock, validation
from ..call_forms.copying import CopyRefused, copy_form
from ..call_forms.preview import preview_page
from ..models import Call, CallForm, FileKind, FormSection, Question


class ChoiceLinesField(forms.CharField):
    """Choices as staff read them: one a line, `code | French | English`."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                " | ".join([c["value"], c.get("label_fr", ""), c.get("label_en", "")]).rstrip(" |")
                for c in value
            )
        return value

    def to_python(self, value):
        choices = []
        for line in (value or "").splitlines():
            if not line.strip():
                continue
            code, *labels = [part.strip() for part in line.split("|")]
            if not code:
                raise ValidationError(
                    _("Each line starts with the choice’s code: %(line)s"),
                    params={"line": line.strip()},
                )
            labels += ["", ""]
            choices.append({"value": code, "label_fr": labels[0] or code, "label_en": labels[1]})
        return choices


class ValuesField(forms.CharField):
    """A few answer codes, separated by commas."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [part.strip() for part in (value or "").split(",") if part.strip()]


class SharedChoicesField(forms.ModelChoiceField):
    """A select whose options are read once for all the rows of the inline, instead of
    one query per select of every question: each row's copy gets the same list."""

    listed = None

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        if self.listed is None:
            self.listed = list(self.choices)
        inner = getattr(result.widget, "widget", result.widget)  # the admin's wrapper
        inner.choices = self.listed
        return result


class QuestionForm(forms.ModelForm):
    choices = ChoiceLinesField(
        label=capfirst(_("choices")),
        required=False,
        help_text=_("One a line: code | French label | English label."),
    )
    condition_values = ValuesField(
        label=capfirst(_("has one of the values")),
        required=False,
        help_text=_("Answer codes, separated by commas (yes/no: True or False)."),
    )
    eligible_values = ValuesField(label=capfirst(_("eligible answers")), required=False)
    file_kinds = forms.MultipleChoiceField(
        label=capfirst(_("accepted kinds of file")),
        choices=[(value, capfirst(label)) for value, label in FileKind.choices],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Question
        fields = [
            *["section", "group", "position", "key", "type", "required", "label_fr"],
            *["label_en", "hint_fr", "hint_en", "personal_data", "max_length", "min_value"],
            *["max_value", "decimal_places", "unit", "choices", "choice_widget"],
            *["file_kinds", "max_file_megabytes", "min_count", "max_count"],
            *["condition_question", "condition_values", "is_eligibility", "eligible_values"],
        ]
        # Forty questions on one page: short boxes, side by side.
        widgets = {
            "hint_fr": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "hint_en": forms.Textarea(attrs={"rows": 2, "cols": 40}),
        }

    def _get_validation_exclusions(self):
        """The model's checks on these fields are `call_forms.validation`'s, which says
        what is wrong beside the field; the database still enforces them. (Django skips a
        constraint whose fields are excluded; the form fields still check each value.)"""
        return super()._get_validation_exclusions() | {
            *["position", "key", "max_length", "min_value", "max_value", "decimal_places"],
            *["max_file_megabytes", "min_count", "max_count", "group"],
        }

    def clean(self):
        cleaned = super().clean()
        # A question of a group lives in its group's section.
        if cleaned.get("group") is not None:
            cleaned["section"] = cleaned["group"].section
        return cleaned


class QuestionFormSet(BaseInlineFormSet):
    """Checks the whole definition at once (`call_forms.validation`): conditions and
    keys depend on the other questions, as typed on the same page."""

    def validate_unique(self):
        """Keys and order numbers are checked with the rest of the definition, each
        message beside its question (the database keeps them unique as well)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        locked = self.instance.pk is not None and lock.is_locked(self.instance.call)
        kept, removed = [], []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                removed.append(form)
            elif form.instance.pk or form.has_changed():
                kept.append(form)
        if locked and any(form.instance.pk for form in removed):
            raise ValidationError(validation.deletion_refused_message())
        by_question = {id(form.instance): form for form in kept}
        problems = validation.definition_errors(form.instance for form in kept)
        if locked:
            originals = Question.objects.in_bulk([f.instance.pk for f in kept if f.instance.pk])
            for form in kept:
                problems += validation.lock_errors(form.instance, originals.get(form.instance.pk))
        for question, field, message in problems:
            form = by_question[id(question)]
            form.add_error(field if field in form.fields else None, message)


class WordedInlineAdminFormSet(InlineAdminFormSet):
    """An inline whose "add" link says its inline's `add_text` ("Ajouter une question"),
    not Django's generic French "Ajouter un objet Question supplémentaire"."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = str(self.opts.add_text)
        return json.dumps(data)


class FormSectionInline(admin.TabularInline):
    model = FormSection
    verbose_name = _("form section")
    verbose_name_plural = _("form sections")
    add_text = _("Add a section")
    extra = 0
    fields = ["position", "key", "title_fr", "title_en", "intro_fr", "intro_en"]

    def has_delete_permission(self, request, obj=None):
        """A section takes its questions with it: never once applications were sent."""
        locked = obj is not None and lock.is_locked(obj.call)
        return not locked and super().has_delete_permission(request, obj)


class QuestionInline(admin.StackedInline):
    model = Question
    fk_name = "form"
    form = QuestionForm
    formset = QuestionFormSet
    verbose_name = _("question")
    verbose_name_plural = _("questions")
    add_text = _("Add a question")
    template = "admin/seasons/callform/question_inline.html"
    extra = 0
    fieldsets = [
        (None, {"fields": [("section", "group", "position"), ("key", "type", "required")]}),
        (None, {"fields": [("label_fr", "label_en"), ("hint_fr", "hint_en"), "personal_data"]}),
        (
            _("Limits and choices"),
            {
                "fields": [
                    ("max_length", "min_value", "max_value", "decimal_places", "unit"),
                    ("choices", "choice_widget"),
                    ("file_kinds", "max_file_megabytes"),
                    ("min_count", "max_count"),
                ]
            },
        ),
        (
            _("Condition and eligibility"),
            {
                "fields": [
                    ("condition_question", "condition_values"),
                    ("is_eligibility", "eligible_values"),
                ]
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        locked = obj is not None and lock.is_locked(obj.call)
        return not locked and super().has_delete_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        request._call_form = obj  # read by formfield_for_foreignkey below
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Sections, groups and conditions among this form's own."""
        parent = getattr(request, "_call_form", None)
        kwargs["form_class"] = SharedChoicesField
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "section":
            field.queryset = FormSection.objects.filter(form=parent)
        elif db_field.name in ("group", "condition_question"):
            field.queryset = Question.objects.filter(form=parent).order_by(
                "section__position", "group__position", "position"
            )
        return field


@admin.register(CallForm)
class CallFormAdmin(SimpleHistoryAdmin):
    list_display = ["call", "updated_at"]
    list_select_related = ["call"]
    search_fields = ["call__title"]
    fields = ["call", "ineligible_message_fr", "ineligible_message_en"]
    inlines = [FormSectionInline, QuestionInline]

    def get_readonly_fields(self, request, obj=None):
        return ["call"] if obj else []

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        """Django builds each inline's wrapper; ours only changes its "add" wording."""
        wrappers = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for wrapper in wrappers:
            wrapper.__class__ = WordedInlineAdminFormSet
        return wrappers

    def has_delete_permission(self, request, obj=None):
        locked = obj is not None and lock.is_locked(obj.call)
        return not locked and super().has_delete_permission(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("copy/<int:call_pk>/", wrap(self.copy_view), name="seasons_callform_copy"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="seasons_callform_preview"),
            *super().get_urls(),
        ]

    def copy_view(self, request, call_pk):
        """Replaces a call's form by a copy; managers only (add and change rights)."""
        call = Call.objects.filter(pk=call_pk).first()
        allowed = self.has_add_permission(request) and self.has_change_permission(request)
        if call is None or not allowed:
            raise Http404
        form = CopyForm(request.POST or None, call=call)
        if request.method == "POST" and form.is_valid():
            try:
                made = copy_form(call, form.cleaned_data["source"])
            except CopyRefused as refusal:
                form.add_error("source", str(refusal))
            else:
                messages.success(request, _("The form was copied. Check it, then preview it."))
                return HttpResponseRedirect(
                    reverse("admin:seasons_callform_change", args=[made.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Copy a form into %(call)s") % {"call": call},
            "call": call,
            "form": form,
            "locked": lock.is_locked(call),
        }
        return TemplateResponse(request, "admin/seasons/callform/copy.html", context)

    def preview_view(self, request, pk):
        call_form = self.get_object(request, str(pk))
        if call_form is None or not self.has_view_permission(request, call_form):
            raise Http404
        return preview_page(request, call_form)


class CopyForm(forms.Form):
    source = forms.ChoiceField(label=_("Copy"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.forms = {
            str(f.pk): f for f in CallForm.objects.exclude(call=call).select_related("call__season")
        }
        self.fields["source"].choices = [
            ("default", _("the default template (the AIC season-2 form)")),
            *[
                (pk, f"{f.call.season} — {f.call}")
                for pk, f in sorted(
                    self.forms.items(), key=lambda item: -item[1].call.season.number
                )
            ],
        ]

    def clean_source(self):
        value = self.cleaned_data["source"]
        return None if value == "default" else self.forms[value]
