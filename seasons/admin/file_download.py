"""Applicants' files, sent only to staff allowed to see the application.

Routed by the files' admin screen (`AttachmentAdmin.get_urls`), under
`/admin/seasons/attachment/<pk>/download/`: the admin's door (staff, both factors) comes
first, then the checks below, which answer the same 404 for a hidden and a missing file.
"""

import re
from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Attachment
from ..selection.permissions import can_download_attachment, passed_second_factor

URL_NAME = "seasons_attachment_download"


def safe_filename(name):
    """The original name without any folder, control character or quote."""
    name = PurePath(name.replace("\\", "/")).name
    name = re.sub(r'[\x00-\x1f\x7f"]', "", name).strip(". ")
    return name or "piece-jointe"


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
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(attachment.original_name),
        content_type=attachment.content_type or "application/octet-stream",
    )
    # Opened by mistake in the browser, the file can run nothing and is never cached.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
