"""The error pages of requests whose body cannot be read.

A form POST declaring `charset=utf-16`, or a body over DATA_UPLOAD_MAX_MEMORY_SIZE,
raises when `request.POST` is read. The CSRF middleware reads it first, and Django turns
the error into a 400. But Django's error views are wrapped in `requires_csrf_token`, which
runs the CSRF check again and reads `request.POST` again: the error page itself fails and
the client gets a bare 500, without the security headers of the middlewares it skipped.
Here the unreadable body is forgotten (as Django does itself after a broken multipart
body) before any error view runs, so every error page renders.

Every page renders `error_page.html` with its texts chosen here: Django looks up
"400.html", "403.html" and "404.html" only in its default handlers, which these replace
(accelerator.urls), and "403_csrf.html" only in the CSRF view CSRF_FAILURE_VIEW replaces.
"""

from functools import wraps

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
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


BAD_REQUEST = {
    "heading": _("Request not understood"),
    "code": _("Error 400"),
    "lead": _(
        "What your browser sent could not be read (it may be damaged, or too large). "
        "Nothing was saved from it."
    ),
    "advice": _(
        "Go back to the previous page and send again. If you were filling in an "
        "application, save your draft often: what was saved is kept."
    ),
}
PERMISSION_DENIED = {
    "heading": _("Access refused"),
    "code": _("Error 403"),
    "lead": _("Your account does not allow you to open this page or to do this action."),
    "advice": _(
        "If you think you should have access, ask the program team to grant you the right role."
    ),
}
CSRF_FAILURE = {
    "heading": _("Form expired"),
    "code": _("Error 403"),
    "lead": _(
        "The form you sent could not be checked: it may have been open for too long, or "
        "your browser refuses the cookies of this site. Nothing was saved from it."
    ),
    "advice": _(
        "Allow the cookies of this site, go back to the previous page, reload it, and "
        "send the form again."
    ),
}
PAGE_NOT_FOUND = {
    "heading": _("Page not found"),
    "code": _("Error 404"),
    "lead": _(
        "The page you are looking for cannot be found. It may have been moved, or it is "
        "not published yet."
    ),
    "advice": _(
        "If you typed the address, check it. Otherwise, start again from one of these pages:"
    ),
}


def error_page(request, texts, status, more_links=(), seasons_link=True):
    """`error_page.html` with `texts` (heading, code, lead, advice); `more_links` are
    (address, label) pairs shown after the home page's link."""
    context = {**texts, "more_links": more_links, "seasons_link": seasons_link}
    return render(request, "error_page.html", context, status=status)


@with_readable_body
@requires_csrf_token
def bad_request(request, exception=None):
    """The 400 page, in the site's layout (its language switch needs the CSRF token)."""
    return error_page(request, BAD_REQUEST, 400)


@with_readable_body
def csrf_failure(request, reason=""):
    """The page of a form whose CSRF check failed (expired, or cookies refused), in French
    and in the site's layout: Django's own page has inline styles the CSP blocks."""
    return error_page(request, CSRF_FAILURE, 403)


@with_readable_body
@requires_csrf_token
def permission_denied(request, exception=None):
    """The 403 page: staff get a link to the administration, nobody to the seasons."""
    admin = [(reverse("admin:index"), _("Administration"))] if request.user.is_staff else []
    return error_page(request, PERMISSION_DENIED, 403, admin, seasons_link=False)


@with_readable_body
@requires_csrf_token
def page_not_found(request, exception=None):
    """The 404 page, with a link to the laureates besides the home page and the seasons."""
    laureates = [(reverse("laureates:laureate_list"), _("Laureates"))]
    return error_page(request, PAGE_NOT_FOUND, 404, laureates)
