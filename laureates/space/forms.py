"""The form a team member fills in to post an update on a step."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seasons.applying import uploads
from seasons.applying.attachment_form import check_upload

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Where the step stands"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    asks_done = forms.BooleanField(
        label=gettext_lazy("Ask the program to mark the step done"), required=False
    )
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        required=False,
        help_text=gettext_lazy(
            "Up to %(count)d files of %(size)s each: %(formats)s. Only your team and "
            "the program's staff can open them."
        )
        % {
            "count": MAX_FILES,
            "size": uploads.file_size(uploads.MAX_FILE_SIZE),
            "formats": uploads.ACCEPTED_LABELS[uploads.DOCUMENTS],
        },
        widget=MultipleFileInput(attrs={"accept": uploads.HTML_ACCEPT[uploads.DOCUMENTS]}),
    )
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Impact indicator measured"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("No new measurement"),
    )
    measured_on = forms.DateField(
        label=gettext_lazy("Measured on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    value = forms.DecimalField(
        label=gettext_lazy("Value"), required=False, max_digits=14, decimal_places=2
    )

    def __init__(self, *args, laureate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = laureate.indicators.all()
        self.file_types = []

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("%(count)d files chosen; an update may hold %(max)d.")
                % {"count": len(files), "max": MAX_FILES}
            )
        problems = []
        for uploaded in files:
            problem, file_type = check_upload(uploaded, uploads.DOCUMENTS)
            if problem:
                problems.append(f"{uploaded.name} : {problem}")
            self.file_types.append(file_type)
        if problems:
            raise forms.ValidationError(problems)
        total = sum(uploaded.size for uploaded in files)
        uploads.check_total(
            total, _("Your files weigh %(total)s together; an update may hold %(max)s.")
        )
        return files

    def clean(self):
        cleaned = super().clean()
        indicator, day, value = (cleaned.get(n) for n in ("indicator", "measured_on", "value"))
        if indicator is not None or day is not None or value is not None:
            for name in ("indicator", "measured_on", "value"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("A measurement needs an indicator, a day and a value."))
        if day is not None and day > timezone.localdate():
            self.add_error("measured_on", _("A measurement cannot be in the future."))
        return cleaned

    def measurement(self):
        indicator = self.cleaned_data.get("indicator")
        if indicator is None:
            return None
        return indicator, self.cleaned_data["measured_on"], self.cleaned_data["value"]

    def files_with_types(self):
        return list(zip(self.cleaned_data.get("files", []), self.file_types, strict=True))
