"""The interface language: the program's language unless the visitor chose another."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


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
