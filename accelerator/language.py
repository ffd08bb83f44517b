"""The language switch: a plain link, /langue/<code>/?next=<path>.

A GET that only remembers the chosen language in the language cookie and goes back to the
page it came from. A link rather than Django's POST /i18n/setlang/ form: it needs no CSRF
token, so a public page carries nothing that differs from one visitor to another and is
cached whole (accelerator.page_cache). Only a same-site `next` is followed: anything else
(another host, `//host`, a scheme) goes to the home page, so the link is never an open
redirect. The application form keeps its own switch (seasons.form_language), which saves
the answers first.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def remember_language(response, code):
    """The one place that sets the language cookie (read by ChosenLanguageMiddleware)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def same_site_path(request, target):
    """`target` when it stays on this site, else the home page."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@require_safe
def switch_language(request, code):
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language")
    target = same_site_path(request, request.GET.get("next", ""))
    return remember_language(HttpResponseRedirect(target), code)
