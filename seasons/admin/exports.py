"""Export of the applications the changelist shows, with its filters, to CSV or XLSX."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone

from ..selection import exports, permissions

FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.as_xlsx,
    ),
}


def export_view(model_admin):
    def view(request, file_format):
        if file_format not in FORMATS:
            raise Http404
        if not permissions.can_export(request.user):
            raise PermissionDenied
        # The changelist's own queryset: its filters and search, and the reader's scope.
        try:
            changelist = model_admin.get_changelist_instance(request)
        except IncorrectLookupParameters as wrong:  # a filter value that cannot be read
            raise BadRequest(str(wrong)) from wrong
        queryset = changelist.get_queryset(request)
        content_type, render = FORMATS[file_format]
        with_scores = permissions.sees_every_submission(request.user)
        response = HttpResponse(render(queryset, with_scores), content_type=content_type)
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = (
            f'attachment; filename="candidatures-{stamp}.{file_format}"'
        )
        return response

    return view
