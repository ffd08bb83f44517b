"""The selected applicant's answer to the award, behind the private link: accept or
decline, each with a confirmation step. The changes are `selection.award`'s."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..selection import award
from .private_pages import FORM_PAGE, get_submission, offer_of, private_page


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you decline? (optional)"),
        help_text=gettext_lazy("It helps the program; at most 1,000 characters."),
        required=False,
        max_length=award.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def answer_page(request, submission, template, form=None):
    offer = offer_of(submission)
    if offer is None or not offer.is_open(timezone.now()):
        messages.info(request, _("There is no award offer to answer on this application."))
        return redirect("applications:status", key=submission.access_key)
    return render(
        request,
        template,
        {"submission": submission, "call": submission.call, "offer": offer, "form": form},
    )


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def accept(request, key):
    submission = get_submission(key)
    if request.method == "GET":
        return answer_page(request, submission, "seasons/award_accept.html")
    try:
        _offer, accepted = award.accept(submission)
    except award.OfferRefused as refused:
        messages.error(request, str(refused))
    else:
        if accepted:
            messages.success(
                request,
                _("You have accepted the award. The program team will contact you soon."),
            )
    return redirect("applications:status", key=key)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def decline(request, key):
    submission = get_submission(key)
    if request.method == "GET":
        return answer_page(request, submission, "seasons/award_decline.html", DeclineForm())
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return answer_page(request, submission, "seasons/award_decline.html", form)
    try:
        _offer, declined = award.decline(
            submission, reason=form.cleaned_data["reason"], absolute=request.build_absolute_uri
        )
    except award.OfferRefused as refused:
        messages.error(request, str(refused))
    else:
        if declined:
            messages.success(request, _("You have declined the award. Thank you for telling us."))
    return redirect("applications:status", key=key)
