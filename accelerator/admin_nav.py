"""The staff's side menu, on every admin page, kept rendered (issue 18).

Django renders the list of every app and model the reader may open on each admin page
(`admin/nav_sidebar.html` includes `admin/app_list.html`): about 8 ms of CPU, a quarter of
a search in the applications list. `{% kept_app_list available_apps %}…{% endkept_app_list %}`
keeps what it wraps in the cache (CACHE_URL) under a key made of everything that HTML
shows: the list itself (names, addresses, what the reader may do, which follow their
permissions), which of its links the page's address contains (the current app and model)
and the language. Nothing needs invalidating: a change of any of these is another key.
A cache that is down makes it rendered each time, as before.
"""

import json
import logging
from urllib.parse import quote

from django import template
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from .admin_filters import KEPT_SECONDS, digest, wrapping_tag

logger = logging.getLogger(__name__)


def contains(url, path):
    """The template's `url in request.path|urlencode`: false when it cannot be asked."""
    try:
        return url in path
    except TypeError:
        return False


def app_list_key(apps, request):
    path = quote(request.path)  # the `urlencode` filter
    current = [
        (
            contains(app.get("app_url"), path),
            [contains(m.get("admin_url"), path) for m in app["models"]],
        )
        for app in apps
    ]
    shown = json.dumps(apps, default=str, sort_keys=True)
    return "admin-nav:" + digest(translation.get_language(), shown, current)


class KeptAppListNode(template.Node):
    def __init__(self, nodelist, apps):
        self.nodelist = nodelist
        self.apps = apps

    def render(self, context):
        apps = self.apps.resolve(context) or []
        try:
            key = app_list_key(apps, context["request"])
            html = cache.get(key)
        except Exception:
            logger.exception("The cache failed: the side menu is rendered")
            return self.nodelist.render(context)
        if html is None:
            html = str(self.nodelist.render(context))
            try:
                cache.set(key, html, timeout=KEPT_SECONDS)
            except Exception:
                logger.exception("The cache failed: the side menu is not kept")
        return mark_safe(html)  # noqa: S308 # nosec B308 B703 -- HTML the template rendered


def kept_app_list(parser, token):
    """`{% kept_app_list available_apps %}{% include … %}{% endkept_app_list %}`."""
    return wrapping_tag(parser, token, KeptAppListNode)
