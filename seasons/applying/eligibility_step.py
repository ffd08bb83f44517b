"""The page before a call's form that asks its eligibility questions alone (issue 15,
`seasons.call_forms.eligibility`). It writes nothing: accepted answers lead to the form,
which shows them already answered; others show the call's message and no way forward."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..call_forms.eligibility import EligibilityForm
from . import own_form
from .views import call_crumbs, get_call


@require_http_methods(["GET", "POST"])
def eligibility(request, season_slug, slug):
    """A call without eligibility questions (or closed, or on the season-2 form) has no
    step: its form is the page, as before."""
    call = get_call(season_slug, slug)
    apply_url = reverse("seasons:apply", args=[call.season.slug, call.slug])
    definition = own_form.definition_of(call)
    if definition is None or not call.is_open or not definition.eligibility_questions():
        return redirect(apply_url)
    step = EligibilityForm(definition, request.POST if request.method == "POST" else None)
    if step.is_bound and step.is_valid():
        return redirect(f"{apply_url}?{step.carried_query()}")
    ineligible = step.refused()
    context = {
        "call": call,
        "step": step,
        "ineligible": ineligible,
        "errors": step.error_list() if step.is_bound and not ineligible else [],
        "breadcrumb": call_crumbs(call),
    }
    status = 400 if step.is_bound and not ineligible else 200
    return render(request, "seasons/application_eligibility.html", context, status=status)
