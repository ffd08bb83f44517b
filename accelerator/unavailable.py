"""The database is unreachable: a clear 503 page on the design system, not a stack trace.

DatabaseUnavailableMiddleware catches the error when a view or its template meets it;
`server_error` (handler500) catches it anywhere else, for instance in a middleware that
reads the session. The page is rendered without a request context, since the context
processors and the session may need the very database that is down.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from .errors import with_readable_body

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60

# The texts of error_unavailable.html for the 503 (500.html fills its blocks itself,
# since Django's own handler500 renders that name without a context).
DATABASE_UNAVAILABLE = {
    "heading": _("Service temporarily unavailable"),
    "code": _("Error 503"),
    "lead": _(
        "The service cannot reach its data for the moment. The team has been told; "
        "please try again in a few minutes."
    ),
}


def database_unavailable_response():
    context = {**DATABASE_UNAVAILABLE, "PROGRAM_NAME": settings.PROGRAM_NAME}
    html = loader.get_template("error_unavailable.html").render(context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable on %s", request.path, exc_info=exception)
            return database_unavailable_response()
        return None


@with_readable_body
@requires_csrf_token
def server_error(request):
    """Django's 500 handler, except that an unreachable database gets the 503 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template("500.html").render())
