"""Applicants' files, sent only to staff allowed to see the application.

Routed by the files' admin screen (`AttachmentAdmin.get_urls`), under
`/admin/seasons/attachment/<pk>/download/`: the admin's door (staff, both factors) comes
first, then the checks below, which answer the same 404 for a hidden and a missing file.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Attachment
from ..private_files import private_file_response
from ..selection.permissions import can_download_attachment, passed_second_factor

URL_NAME = "seasons_attachment_download"


def download_link(attachment):
    url = reverse(f"admin:{URL_NAME}", args=[attachment.pk])
    return format_html('<a href="{}">{}</a>', url, _("Download"))


def attachment_download(request, pk):
    """404 to everyone else — not 403, which would confirm that the file exists."""
    attachment = get_object_or_404(Attachment.objects.select_related("submission"), pk=pk)
    allowed = passed_second_factor(request.user) and can_download_attachment(
        request.user, attachment
    )
    if not allowed:
        raise Http404
    return private_file_response(attachment.file, attachment.original_name, attachment.content_type)
