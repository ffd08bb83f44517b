"""Keeping robots out of the public form without a CAPTCHA (CAPTCHAs exclude people).

Three checks, each refusing with a sentence that says why and keeping what was typed:
- a honeypot field that people never see and robots fill in;
- a minimum time between showing the form and sending it, from a signed timestamp;
- a per-client limit on sending and on e-mails, counted in the cache (shared between
  processes and machines when the cache is Redis). Only what the limit protects counts:
  applications actually sent and e-mails actually triggered, never a send refused for
  its errors. The client is `accelerator.client_address` (the proxies in front).
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accelerator.client_address import client_address

from ..sign_in_links import address_key

FORM_SALT = "seasons.application-form"
HONEYPOT_FIELD = "website_confirmation"


class Refused(Exception):
    """A request that looks automated or abusive; the message says why, for a person."""

    status_code = 400


class RateLimited(Refused):
    status_code = 429


def form_stamp(access_key):
    """The hidden value of a form: which application it is for, and when it was shown.

    Signed, so that nobody can point a form at another application's key, nor pretend it
    was shown long ago.
    """
    return signing.dumps({"key": access_key, "at": time.time()}, salt=FORM_SALT)


def read_stamp(value):
    """(access_key, shown_at) of a form stamp; Refused when it is missing or altered."""
    try:
        data = signing.loads(value or "", salt=FORM_SALT)
        return str(data["key"]), float(data["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise Refused(
            _(
                "This form could not be checked (it may have been opened in another "
                "version of the site). Your answers are kept below: please send again."
            )
        ) from error


def check_honeypot(post):
    if post.get(HONEYPOT_FIELD):
        raise Refused(
            _(
                "The field “leave this field empty” was filled in, as robots do. "
                "Empty it and send again: your answers are kept."
            )
        )


def check_fill_time(shown_at):
    elapsed = time.time() - shown_at
    if elapsed < settings.APPLICATION_MIN_FILL_SECONDS:
        seconds = int(max(elapsed, 0))
        raise Refused(
            ngettext(
                "The form was sent %(seconds)d second after it was shown, faster than a "
                "person can fill it in. Check your answers and send again.",
                "The form was sent %(seconds)d seconds after it was shown, faster than a "
                "person can fill it in. Check your answers and send again.",
                seconds,
            )
            % {"seconds": seconds}
        )


def hit_rate_limit(request, action, limit, *, subject=None):
    """Count one `action` for the client's address (or for `subject`, such as a hash of
    the e-mail address asked about); RateLimited past `limit` an hour."""
    client = subject or client_address(request) or "unknown"
    key = f"ratelimit:{action}:{client}:{int(time.time() // 3600)}"
    # add() sets the counter only if it is missing; incr() is atomic in Redis and memcached.
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise RateLimited(
            _(
                "Too many attempts from your connection in the last hour (%(limit)d at "
                "most). Your answers are kept: wait a while, or save your draft and come "
                "back later."
            )
            % {"limit": limit}
        )


def hit_sign_in_limits(request, action, email, client_limit, address_limit):
    """Count one sign-in link asked, per client address and per e-mail address (as a
    hash, `sign_in_links.address_key`); RateLimited past either limit an hour."""
    hit_rate_limit(request, action, client_limit)
    hit_rate_limit(request, action, address_limit, subject=address_key(email))
