"""The staff's preview of a call's form: the pages an applicant will see, the
eligibility step (when the form has eligibility questions) then the form, whose answers
are checked as the step or a sending would check them and never saved."""

from django.template.response import TemplateResponse

from .eligibility import EligibilityForm
from .rendering import DefinedForm, Definition

STEP = "eligibility"  # the value of the step's button, and its fields' prefix


def preview_page(request, call_form):
    definition = Definition.of(call_form)
    posted = request.method == "POST"
    step_posted = posted and request.POST.get("step") == STEP
    step = EligibilityForm(definition, request.POST if step_posted else None, prefix=STEP)
    if posted and not step_posted:
        form = DefinedForm(definition, request.POST, request.FILES, complete=True)
        form.is_valid()
    else:
        form = DefinedForm(definition)
    ineligible = step.refused()
    context = {
        "call": call_form.call,
        "call_form": call_form,
        "form": form,
        "sections": form.sections(),
        "errors": form.error_list() if form.is_bound else [],
        "checked": form.is_bound and not form.errors,
        "step": step,
        "ineligible": ineligible,
        "step_errors": step.error_list() if step.is_bound and not ineligible else [],
        "step_passed": step.is_bound and step.is_valid(),
    }
    response = TemplateResponse(request, "seasons/call_form_preview.html", context)
    response["Cache-Control"] = "no-store"
    return response
