"""The staff's side menu, on every admin page, kept rendered (issue 18).

Django renders the list of every app and model the reader may open on each admin page
(`admin/nav_sidebar.html` includes `admin/app_list.html`): about 8 ms of CPU, a quarter of
a search in the applications list. `{% kept_app_list available_apps %}…{% endkept_app_list %}`
keeps what it wraps in the cache (CACHE_URL) under a key made of everything that HTML
shows: the list itself (names, addresses, what the reader may do, which follow their
permissions), which of its links the page's address contains (the current app and model)
and the language. Nothing needs invalidating: a change of any of these is another key.
A cache that is down makes it rendered each time, as before.

The list itself is kept too (`KeptAppListSite`), in each process: Django builds it at every
request by asking each of the 40 model admins what the reader may do (about 4 ms of CPU,
a fifth of a search). What those answers follow, and nothing else: the reader's flags
(active, staff, superuser) and permissions (an active superuser has them all), the page's
app, the language and the address prefix; so it is kept per fingerprint of these, and a
permission given or taken is another fingerprint at once. Each reader gets fresh copies.
"""

import json
import logging
from urllib.parse import quote

from django import template
from django.core.cache import cache
from django.urls import get_script_prefix
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


# Distinct fingerprints a process keeps (permission sets times languages): a handful.
KEPT_LISTS = 256


def reader_fingerprint(request, site, app_label):
    """Everything the model admins' answers to `has_module_permission` and
    `get_model_perms` follow (see the module's docstring), or None for a reader without
    an account (Django's own list then)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    flags = (user.is_active, user.is_staff, user.is_superuser)
    # An active superuser passes every `has_perm`; otherwise `has_perm` reads this set.
    granted = (
        () if user.is_active and user.is_superuser else tuple(sorted(user.get_all_permissions()))
    )
    return (site.name, app_label, translation.get_language(), get_script_prefix(), flags, granted)


class KeptAppList(list):
    """The list of apps a reader may open, and the digest of what it shows (the side
    menu's key)."""

    shown = None


class KeptAppListSite:
    """An AdminSite mixin: `get_app_list` built once per reader's fingerprint in each
    process (the module's docstring)."""

    def register(self, *args, **kwargs):
        # Another model admin: every kept list is stale (they list the registry's).
        self.__dict__.pop("_kept_app_lists", None)
        return super().register(*args, **kwargs)

    def unregister(self, *args, **kwargs):
        self.__dict__.pop("_kept_app_lists", None)
        return super().unregister(*args, **kwargs)

    def get_app_list(self, request, app_label=None):
        fingerprint = reader_fingerprint(request, self, app_label)
        if fingerprint is None:
            return super().get_app_list(request, app_label)
        kept = self.__dict__.setdefault("_kept_app_lists", {})
        entry = kept.get(fingerprint)
        if entry is None:
            apps = super().get_app_list(request, app_label)
            entry = (apps, json.dumps(apps, default=str, sort_keys=True))
            if len(kept) >= KEPT_LISTS:
                kept.clear()
            kept[fingerprint] = entry
        apps, shown = entry
        copies = KeptAppList(
            {**app, "models": [{**m, "perms": dict(m["perms"])} for m in app["models"]]}
            for app in apps
        )
        copies.shown = shown
        return copies


def app_list_key(apps, request):
    path = quote(request.path)  # the `urlencode` filter
    current = [
        (
            contains(app.get("app_url"), path),
            [contains(m.get("admin_url"), path) for m in app["models"]],
        )
        for app in apps
    ]
    shown = getattr(apps, "shown", None) or json.dumps(apps, default=str, sort_keys=True)
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
