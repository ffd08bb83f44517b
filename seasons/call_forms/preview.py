"""The staff's preview of a call's form: the page an applicant will see, whose answers
are checked as a sending would check them and never saved."""

from django.template.response import TemplateResponse

from .rendering import DefinedForm, Definition


def preview_page(request, call_form):
    definition = Definition.of(call_form)
    if request.method == "POST":
        form = DefinedForm(definition, request.POST, request.FILES, complete=True)
        form.is_valid()
    else:
        form = DefinedForm(definition)
    context = {
        "call": call_form.call,
        "call_form": call_form,
        "form": form,
        "sections": form.sections(),
        "errors": form.error_list() if form.is_bound else [],
        "checked": form.is_bound and not form.errors,
    }
    response = TemplateResponse(request, "seasons/call_form_preview.html", context)
    response["Cache-Control"] = "no-store"
    return response
