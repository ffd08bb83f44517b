"""The error pages of requests whose body cannot be read.

A form POST declaring `charset=utf-16`, or a body over DATA_UPLOAD_MAX_MEMORY_SIZE,
raises when `request.POST` is read. The CSRF middleware reads it first, and Django turns
the error into a 400. But Django's error views are wrapped in `requires_csrf_token`, which
runs the CSRF check again and reads `request.POST` again: the error page itself fails and
the client gets a bare 500, without the security headers of the middlewares it skipped.
Here the unreadable body is forgotten (as Django does itself after a broken multipart
body) before any error view runs, so every error page renders.
"""

from functools import wraps

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

UNREADABLE_BODY = (BadRequest, SuspiciousOperation, UnreadablePostError, MultiPartParserError)


def forget_unreadable_body(request):
    """Read the body once; when it cannot be read, let it read as empty from now on."""
    try:
        request.POST  # noqa: B018 -- reading it is the point
    except UNREADABLE_BODY:
        request._mark_post_parse_error()


def with_readable_body(view):
    """An error view that renders whatever the client sent as a body."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        forget_unreadable_body(request)
        return view(request, *args, **kwargs)

    return wrapped


@with_readable_body
@requires_csrf_token
def bad_request(request, exception=None):
    """The 400 page, in the site's layout (its language switch needs the CSRF token)."""
    return render(request, "400.html", status=400)


@with_readable_body
def csrf_failure(request, reason=""):
    """The page of a form whose CSRF check failed (expired, or cookies refused), in French
    and in the site's layout: Django's own page has inline styles the CSP blocks."""
    return render(request, "403_csrf.html", status=403)


permission_denied = with_readable_body(defaults.permission_denied)
page_not_found = with_readable_body(defaults.page_not_found)
