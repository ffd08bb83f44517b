"""A call's reviews for staff: each reviewer's progress (and, for a reviewer, their own
line only), and the calibration of their scores.

Pages routed by `CallAdmin.get_urls`; each hides itself (404, as a missing call) from
whoever its predicate in `selection.permissions` refuses.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..models import Call
from ..selection import permissions
from ..selection.progress import review_progress


def call_or_404(pk):
    call = Call.objects.filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


def progress_view(model_admin):
    def view(request, pk):
        call = call_or_404(pk)
        if not permissions.can_view_review_progress(request.user, call):
            raise Http404
        progress = review_progress([call])[call.pk]
        everyone = permissions.sees_every_submission(request.user)
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": _("Reviews of %(call)s") % {"call": call},
            "call": call,
            "everyone": everyone,
            "rows": progress.reviewers if everyone else progress.of(request.user),
            "total": progress.total if everyone else None,
        }
        return TemplateResponse(request, "admin/seasons/call/reviews.html", context)

    return view
