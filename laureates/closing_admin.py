"""The admin page that closes a laureate's support (`laureates.closing.close_support`).

One row per open step: what became of it (done, cancelled, carried over), the reason and,
for a done step, the day it was done. The page only parses and shows; the rules and their
messages are the domain function's.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import closing, followup
from .models import Laureate, MilestoneStatus

CHOICES = [("", "—")] + [(s.value, s.label) for s in closing.RESOLUTIONS]


class CloseSupportForm(forms.Form):
    closed_on = forms.DateField(
        label=_("Support closed on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps
        for step in steps:
            self.fields[f"status_{step.pk}"] = forms.ChoiceField(
                label=_("Outcome"), choices=CHOICES, required=False
            )
            self.fields[f"completed_on_{step.pk}"] = forms.DateField(
                label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields[f"reason_{step.pk}"] = forms.CharField(
                label=_("Reason"), required=False, max_length=1000
            )

    def rows(self):
        return [
            (step, self[f"status_{step.pk}"], self[f"completed_on_{step.pk}"],
             self[f"reason_{step.pk}"])
            for step in self.steps
        ]  # fmt: skip

    def resolutions(self):
        data = self.cleaned_data
        return {
            step.pk: closing.Resolution(
                data[f"status_{step.pk}"],
                data[f"reason_{step.pk}"],
                data[f"completed_on_{step.pk}"],
            )
            for step in self.steps
            if data[f"status_{step.pk}"]
        }


def close_support_view(modeladmin, request, pk):
    if not modeladmin.has_change_permission(request):
        raise PermissionDenied
    laureate = get_object_or_404(Laureate, pk=pk)
    steps = list(laureate.milestones.open().order_by("due_on", "pk"))
    data = request.POST if request.method == "POST" else None
    form = CloseSupportForm(data, steps=steps, initial={"closed_on": followup.today()})
    problems = []
    if form.is_bound and form.is_valid():
        try:
            closing.close_support(laureate, form.resolutions(), on=form.cleaned_data["closed_on"])
        except closing.ClosingRefused as refusal:
            problems = refusal.problems
        else:
            modeladmin.message_user(
                request,
                _("The support of “%(name)s” is closed.") % {"name": laureate.name},
                messages.SUCCESS,
            )
            return redirect("admin:laureates_laureate_change", laureate.pk)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Close the support of %(name)s") % {"name": laureate.name},
        "opts": Laureate._meta,
        "laureate": laureate,
        "form": form,
        "problems": problems,
        "statuses": MilestoneStatus,
    }
    return TemplateResponse(request, "admin/laureates/laureate/close_support.html", context)
