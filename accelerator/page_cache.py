"""Anonymous public pages, kept rendered in the cache (CACHE_URL) until what they show changes.

A public page is the same bytes for every anonymous visitor of a language: no nonce (the
policy allows this site's scripts, and no page has an inline one) and no CSRF token (the
language switch is a link, accelerator.language). So a page is stored whole (compressed),
once per address, language (from the language cookie only, never Accept-Language) and
day, and a hit sends it back without a single database query, from a middleware that
answers before sessions, authentication and the rest are run (`PublicPageHitMiddleware`).
Not Django's `cache_page`: it would also tell browsers to keep the page (a change would
then not be visible at once), and its key follows `Vary: Cookie`, one entry per visitor.

Invalidation: one version token in the cache, replaced (by `seasons`' and `laureates`'
signals, see `connect_signals`) whenever a season, call, laureate, domain, milestone,
impact indicator, measurement or flat page is saved or deleted. A page stored under
another version is a miss. A page also expires after PUBLIC_PAGE_CACHE_SECONDS and never
outlives the next opening or closing of a call, since pages say whether a call is open,
nor the next announcement of a call's laureates, which makes them public without any
save. Writes that skip signals (`update()`, `bulk_create()`) must call
`invalidate_public_pages()` themselves.

Fragments (`public_fragment`): what many pages share, whichever address is asked (the
laureate filters' choices, the public laureates' order, the latest laureates), kept under
the same version token and the same expiry, for PUBLIC_FRAGMENT_CACHE_SECONDS at most: a
page rendered on a miss then reads them from the cache instead of the database.

Never cached: anything but GET and HEAD, a request with a session cookie (staff, or anyone
the site has started a session for), a request with messages waiting to be shown, and any
answer but a plain 200 that sets no cookie of its own, nor one that used something made
for this request alone (a CSRF token, a CSP nonce).
"""

import datetime as dt
import gzip
import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

from accelerator import versions

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
KEPT_HEADERS = ("Content-Disposition", "Link", "Last-Modified")
HIT_HEADER = "X-Page-Cache"
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")  # as django.middleware.gzip


def current_version():
    return versions.current(VERSION_KEY)


def invalidate_public_pages(**_signal_arguments):
    """Make every stored page stale, now and again when the transaction commits.

    A random token rather than a counter: a version key evicted from the cache and created
    again can never bring back pages stored under an older one. The second change, on
    commit, covers a page rendered from the old rows between the save and the commit.
    """
    new_version()
    transaction.on_commit(new_version)


def new_version(**_signal_arguments):
    """The pages then expire on their own if the cache is down (PUBLIC_PAGE_CACHE_SECONDS
    at most)."""
    versions.renew(VERSION_KEY, "The public pages")


def page_key(request):
    """One entry per address, host, language and day: pages count days (a call's days
    left, a laureate's year of support), so a new day is a new page."""
    from laureates.followup import today

    identity = "|".join(
        [
            today().isoformat(),
            request.scheme,
            request.get_host(),
            translation.get_language() or "",
            request.path,
            request.META.get("QUERY_STRING", ""),
        ]
    )
    return "public-pages:page:" + hashlib.sha256(identity.encode()).hexdigest()


def is_cacheable_request(request):
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not len(get_messages(request))
    )


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        # A page with a form's CSRF token, or a script's nonce, is this visitor's alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and getattr(request, "_csp_nonce", None) is None
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def seconds_to_keep(now, seconds=None):
    """PUBLIC_PAGE_CACHE_SECONDS, or less when a call opens or closes sooner, or when
    the laureates of a call are announced sooner: laureates become public by the clock
    (no save, so no signal), and a page stored before must not hide them after."""
    from seasons.models import Call

    moments = Call.objects.aggregate(
        next_opening=Min("opens_at", filter=Q(opens_at__gt=now)),
        next_closing=Min("closes_at", filter=Q(closes_at__gt=now)),
        next_announcement=Min("laureates_announced_at", filter=Q(laureates_announced_at__gt=now)),
    )
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS if seconds is None else seconds
    for moment in moments.values():
        if moment is not None:
            seconds = min(seconds, max(1, int((moment - now).total_seconds()) + 1))
    return seconds


def entry_of(response, version):
    """A page is kept compressed (gzip): a fifth of its bytes in the cache and on the
    wire, compressed once when stored rather than by a proxy at each request. A public
    page holds no secret (no CSRF token, no nonce, no session): compression cannot leak
    one (BREACH)."""
    return {
        "version": version,
        "gzip": gzip.compress(response.content, mtime=0),
        "content_type": response["Content-Type"],
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
    }


def is_current(entry, version):
    """An entry stored under another version, or of another shape (by an older
    release), is stale."""
    return isinstance(entry, dict) and entry.get("version") == version and "gzip" in entry


def response_of(entry, request):
    """The stored bytes as they are to a browser that accepts gzip (every browser), else
    uncompressed."""
    if ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(entry["gzip"], content_type=entry["content_type"])
        response["Content-Encoding"] = "gzip"
    else:
        content = gzip.decompress(entry["gzip"])
        response = HttpResponse(content, content_type=entry["content_type"])
    for name, value in entry["headers"].items():
        response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    # Set here: CommonMiddleware, which would, is below `PublicPageHitMiddleware`.
    response["Content-Length"] = str(len(response.content))
    response[HIT_HEADER] = "hit"
    return response


def store(key, entry):
    try:
        cache.set(key, entry, timeout=seconds_to_keep(timezone.now()))
    except Exception:
        logger.exception("The page cache failed: the page is not stored")


LOOKED_UP = "public_page_looked_up"


def look_up(request):
    """(key, version, stored entry or None) of `request`'s page, in one round trip; None
    when the cache is down (a cache that is down makes the site slower, never broken)."""
    key = page_key(request)
    try:
        found = cache.get_many([VERSION_KEY, key])
        # The version read before rendering: a change during the render makes it stale.
        version = found.get(VERSION_KEY) or current_version()
    except Exception:
        logger.exception("The page cache failed: the page is rendered")
        return None
    return key, version, found.get(key)


def cache_public_page(view):
    """Serve `view`'s answer to anonymous visitors from the cache (see the module's note);
    `PublicPageHitMiddleware` serves the stored ones before most of the middleware runs."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        looked_up = getattr(request, LOOKED_UP, None) or look_up(request)
        if looked_up is None:
            return view(request, *args, **kwargs)
        key, version, entry = looked_up
        if is_current(entry, version):
            return response_of(entry, request)
        response = view(request, *args, **kwargs)
        if is_cacheable_response(request, response):
            store(key, entry_of(response, version))
            # The same address is answered compressed or not, from now on.
            patch_vary_headers(response, ("Accept-Encoding",))
            response[HIT_HEADER] = "miss"
        return response

    wrapped.is_public_page = True
    return wrapped


def may_be_stored(request):
    """A request the page cache may answer, told before sessions and messages are read:
    no session cookie, no messages cookie (messages live in their cookie, or in a
    session), and an address of a view of `cache_public_page`."""
    if not (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    ):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "is_public_page", False)


class PublicPageHitMiddleware:
    """Answers a stored public page before the middleware below it runs: CSRF,
    authentication, OTP, sessions' expiry, history, messages and axes have nothing to do
    for an anonymous visitor's stored page, and skipping them makes a hit cheaper than
    the trivial view (which pays for them all). Placed below the security headers' and
    the language's middleware (the page's key holds the language, and `Vary: Cookie`
    comes from there). On a miss, what it read is left to the view's decorator, which
    does not read it again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if may_be_stored(request):
            looked_up = look_up(request)
            if looked_up is not None:
                _key, version, entry = looked_up
                if is_current(entry, version):
                    return response_of(entry, request)
                setattr(request, LOOKED_UP, looked_up)
        return self.get_response(request)


def public_fragment(name, build):
    """`build()`'s value, computed once per version of the public rows (see the module's
    note) and shared by every page and visitor: it must not depend on the request (no
    language, no user). A cache that is down makes it computed each time."""
    limit = settings.PUBLIC_FRAGMENT_CACHE_SECONDS
    if limit <= 0:
        return build()
    key = "public-pages:fragment:" + name
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or current_version()
    except Exception:
        logger.exception("The page cache failed: the fragment is computed")
        return build()
    now = timezone.now()
    entry = found.get(key)
    # Also dated by the program's clock, which is what announces laureates; an entry of
    # another shape (stored by an older release) is stale.
    if (
        isinstance(entry, dict)
        and entry.get("version") == version
        and now < entry.get("until", now)
    ):
        return entry["value"]
    value = build()
    seconds = seconds_to_keep(now, limit)
    # seconds_to_keep rounds up by one second at most: `until` is never past the moment.
    until = now + dt.timedelta(seconds=seconds - 1)
    try:
        cache.set(key, {"version": version, "until": until, "value": value}, timeout=seconds)
    except Exception:
        logger.exception("The page cache failed: the fragment is not stored")
    return value


def public_renders(names, render):
    """Fragments that show public rows only, never the clock (a laureate's card): each
    found under the current version, the missing ones made by `render(missing names)`
    (a dict by name) and kept for PUBLIC_FRAGMENT_CACHE_SECONDS. Any change of the rows
    the pages show replaces the version, so none outlives its rows; a page decides by
    itself which fragments it shows (an announcement adds cards, it changes none). One
    round trip to read them all, one to store the new ones; a cache that is down makes
    them all rendered. Returns {name: value}."""
    limit = settings.PUBLIC_FRAGMENT_CACHE_SECONDS
    names = list(names)
    if limit <= 0 or not names:
        return render(names)
    keys = {name: "public-pages:fragment:" + name for name in names}
    try:
        found = cache.get_many([VERSION_KEY, *keys.values()])
        version = found.get(VERSION_KEY) or current_version()
    except Exception:
        logger.exception("The page cache failed: the fragments are rendered")
        return render(names)
    values = {}
    for name, key in keys.items():
        entry = found.get(key)
        if isinstance(entry, dict) and entry.get("version") == version and "value" in entry:
            values[name] = entry["value"]
    missing = [name for name in names if name not in values]
    if missing:
        made = render(missing)
        values.update(made)
        entries = {keys[name]: {"version": version, "value": made[name]} for name in made}
        try:
            cache.set_many(entries, timeout=limit)
        except Exception:
            logger.exception("The page cache failed: the fragments are not stored")
    return values


def connect_signals():
    """Every model a public page shows invalidates the pages when it changes."""
    from django.apps import apps

    watched = [
        ("seasons", "Season"),
        ("seasons", "Call"),
        ("laureates", "Laureate"),
        ("laureates", "Domain"),
        ("laureates", "Milestone"),
        ("laureates", "ImpactIndicator"),
        ("laureates", "Measurement"),
        ("flatpages", "FlatPage"),
    ]
    for app_label, model_name in watched:
        model = apps.get_model(app_label, model_name)
        uid = f"public-pages:{app_label}.{model_name}"
        post_save.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(invalidate_public_pages, sender=model, dispatch_uid=uid + ":delete")
    domains = apps.get_model("laureates", "Laureate").domains.through
    m2m_changed.connect(invalidate_public_pages, sender=domains, dispatch_uid="public-pages:m2m")
    # Settings only change under override_settings (tests): pages show some of them.
    setting_changed.connect(new_version, dispatch_uid="public-pages:settings")
