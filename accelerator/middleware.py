"""Project middleware: the interface language, security headers, private pages, staff
session expiry."""

from django.conf import settings
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

from .sessions import session_is_expired


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Like Django's LocaleMiddleware, without following the browser's Accept-Language.

    A French public service speaks French by default (LANGUAGE_CODE); English is one click
    away in the header and remembered in the language cookie. Ignoring the browser also
    keeps pages identical for everyone who made no choice, which keeps caching simple.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in available else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY: the browser features no page of the site may use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PrivatePagesMiddleware:
    """Tells search engines never to index the applicant's private pages (the URL namespace
    "applications": status, draft, edit, withdrawal, lost link), even when someone
    publishes a link to one. A header rather than a <meta>: it covers every answer of those
    URLs, the 404 of a wrong key and the file downloads included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and "applications" in match.namespaces:
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response


class AbsoluteSessionExpiryMiddleware:
    """Logs out a session SESSION_MAX_AGE seconds after its login, even an active one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and session_is_expired(
            request.session, settings.SESSION_MAX_AGE
        ):
            logout(request)
        return self.get_response(request)
