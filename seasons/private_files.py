"""Sending a private file (an applicant's, a laureate team's) to someone allowed to read
it: as a download that the browser can neither run nor cache."""

import re
from pathlib import PurePath

from django.http import FileResponse, Http404


def safe_filename(name):
    """The original name without any folder, control character or quote."""
    name = PurePath(name.replace("\\", "/")).name
    name = re.sub(r'[\x00-\x1f\x7f"]', "", name).strip(". ")
    return name or "piece-jointe"


def private_file_response(stored, original_name, content_type):
    """The stored file as a download; 404 when it is gone from the storage."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_filename(original_name),
        content_type=content_type or "application/octet-stream",
    )
    # Opened by mistake in the browser, the file can run nothing and is never cached.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
