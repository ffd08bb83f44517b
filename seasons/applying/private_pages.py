"""The applicant's pages behind the private link once the form is left: the confirmation,
the private status page and the withdrawal, and what every private page shares."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accelerator.change_and_say import change_and_say

from ..models import Submission, SubmissionStatus
from ..selection import feedback, workflow
from . import services
from .answers import summarize


def private_page(referrer_policy="no-referrer"):
    """Pages behind a private link: never stored by a cache, never leaked as a referrer.

    Pages holding a form use "same-origin": with "no-referrer" the browser sends
    `Origin: null` on the POST and CSRF protection rightly refuses it. Their address
    still never reaches another site.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
            response["Referrer-Policy"] = referrer_policy
            return response

        return wrapped

    return decorator


FORM_PAGE = "same-origin"


def get_submission(key):
    """The application behind a private link; 404 for an unknown or altered key."""
    # The key is the only authority: an application stays reachable by its applicant even
    # if its season is later unpublished.
    return get_object_or_404(
        Submission.objects.select_related("call__season", "award_offer"), access_key=key
    )


def offer_of(submission):
    """The application's award offer, or None (read with the application, no query)."""
    try:
        return submission.award_offer
    except ObjectDoesNotExist:
        return None


@private_page()
def sent(request, key):
    submission = get_submission(key)
    if submission.status == SubmissionStatus.DRAFT:
        return redirect("applications:edit", key=key)
    return render(
        request,
        "seasons/application_sent.html",
        {"submission": submission, "call": submission.call},
    )


@private_page()
def status(request, key):
    submission = get_submission(key)
    submission_with_answers = Submission.objects.prefetch_related("referents", "attachments").get(
        pk=submission.pk
    )
    return render(
        request,
        "seasons/application_status.html",
        {
            "submission": submission,
            "call": submission.call,
            "summary": summarize(submission_with_answers),
            "can_edit": services.can_edit(submission),
            "can_withdraw": services.can_withdraw(submission),
            "offer": offer_of(submission),
            "now": timezone.now(),
            "decision_feedback": feedback.visible_feedback(submission),
        },
    )


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def withdraw(request, key):
    submission = get_submission(key)
    if request.method == "POST":
        change_and_say(
            request,
            workflow.TransitionRefused,
            _("Your application is withdrawn. We sent you a confirmation."),
            services.withdraw,
            submission,
            request.build_absolute_uri,
        )
        return redirect("applications:status", key=key)
    if not services.can_withdraw(submission):
        messages.info(request, _("This application cannot be withdrawn any more."))
        return redirect("applications:status", key=key)
    return render(
        request,
        "seasons/application_withdraw.html",
        {"submission": submission, "call": submission.call},
    )
