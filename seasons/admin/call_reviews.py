"""A call's reviews for staff: each reviewer's progress (and, for a reviewer, their own
line only), and the calibration of their scores.

Pages routed by `CallAdmin.get_urls`; each hides itself (404, as a missing call) from
whoever its predicate in `selection.permissions` refuses.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Call
from ..selection import calibration, permissions, reviewing
from ..selection.progress import review_progress

# The column headings of each table (`admin/includes/table_frame.html` draws them).
PROGRESS_COLUMNS = (
    gettext_lazy("Reviewer"),
    gettext_lazy("Assigned"),
    gettext_lazy("Done"),
    gettext_lazy("Conflicts of interest"),
    gettext_lazy("Overdue"),
    gettext_lazy("Remaining"),
)
REVIEWER_COLUMNS = (
    gettext_lazy("Reviewer"),
    gettext_lazy("Reviews done"),
    gettext_lazy("Mean"),
    gettext_lazy("Standard deviation"),
    gettext_lazy("Mean against the call’s"),
)
APPLICATION_COLUMNS = (
    gettext_lazy("Application"),
    gettext_lazy("Weighted score"),
    gettext_lazy("Normalised score"),
    gettext_lazy("Gap between reviewers"),
)


def call_or_404(pk):
    call = Call.objects.filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


def call_page_context(model_admin, request, call, title):
    """What both pages of a call's reviews show: the admin's frame, `title` (naming
    `%(call)s`), the call and what a normalised score is."""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title % {"call": call},
        "call": call,
        "normalised_explained": calibration.NORMALISED_EXPLAINED,
    }


def progress_view(model_admin):
    def view(request, pk):
        call = call_or_404(pk)
        if not permissions.can_view_review_progress(request.user, call):
            raise Http404
        progress = review_progress([call])[call.pk]
        everyone = permissions.sees_every_submission(request.user)
        context = {
            **call_page_context(model_admin, request, call, _("Reviews of %(call)s")),
            "everyone": everyone,
            "rows": progress.reviewers if everyone else progress.of(request.user),
            "total": progress.total if everyone else None,
            "progress_columns": PROGRESS_COLUMNS,
        }
        return TemplateResponse(request, "admin/seasons/call/reviews.html", context)

    return view


def calibration_view(model_admin):
    def view(request, pk):
        call = call_or_404(pk)
        if not permissions.can_view_calibration(request.user):
            raise Http404
        scores, reviewers, submissions = reviewing.review_scores(call)
        everyone = calibration.call_spread(scores)
        spreads = calibration.reviewer_spreads(scores)
        context = {
            **call_page_context(model_admin, request, call, _("Calibration of %(call)s")),
            "everyone": everyone,
            "reviewer_columns": REVIEWER_COLUMNS,
            "application_columns": APPLICATION_COLUMNS,
            "reviewers": sorted(
                (
                    (reviewers[pk], spread, difference(spread, everyone))
                    for pk, spread in spreads.items()
                ),
                key=lambda row: row[0].casefold(),
            ),
            "applications": [
                (submissions[row.application], row)
                for row in calibration.applications(scores, call.divergence_threshold)
            ],
        }
        return TemplateResponse(request, "admin/seasons/call/calibration.html", context)

    return view


def difference(spread, everyone):
    """How far a reviewer's mean lies from the call's."""
    return spread.mean - everyone.mean
