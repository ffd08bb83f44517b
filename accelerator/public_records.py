"""Public records: what a public page shows of one row and the rows it owns, kept rendered
under that row's own version token rather than the pages' (`page_cache`).

A change of any public row replaces the pages' version, so every stored page and every
shared fragment is stale at once: after a staff member ticks one laureate's milestone,
each of the other laureates' pages is a miss. A record (the sections of a laureate's page
that follow its milestones, updates and indicators) is stale only when its owner's rows
change (`invalidate_records(owner)`, from the owning app's signals), so those misses
render the page around records still kept, instead of reading and rendering every
section again.

A record is valid under two tokens: its owner's, and the records' common one, replaced
by `invalidate_records()` without an owner (a change a record shows of many owners, such
as a domain's name, or a bulk write that cannot tell whose rows it changed). Both are
replaced now and again on commit, as the pages' version is, so that a record rendered
from the old rows between a save and its commit is not kept. A record must not depend on
the clock nor on the request but for its language, which its name then carries. A cache
that is down makes records rendered each time.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.utils import timezone

from accelerator import versions

logger = logging.getLogger(__name__)

COMMON_KEY = "public-pages:records"


def owner_key(owner):
    return f"public-pages:record-owner:{owner}"


def record_key(owner, name):
    return f"public-pages:record:{owner}:{name}"


def invalidate_records(owner=None):
    """Make `owner`'s records stale (every record when `owner` is None), now and on
    commit."""
    key = COMMON_KEY if owner is None else owner_key(owner)

    def renew():
        versions.renew(key, "The public records")

    renew()
    transaction.on_commit(renew)


def public_record(owner, name, build, ends=None):
    """`build()`'s value, kept until `owner`'s records or every record are made stale
    (or PUBLIC_FRAGMENT_CACHE_SECONDS pass, or the moment `ends()` gives, asked when it
    is built: a record that shows the clock's effects, such as a call's state): one
    cache round trip when it is kept."""
    limit = settings.PUBLIC_FRAGMENT_CACHE_SECONDS
    if limit <= 0:
        return build()
    own, key = owner_key(owner), record_key(owner, name)
    try:
        found = cache.get_many([COMMON_KEY, own, key])
        tokens = [found.get(COMMON_KEY) or versions.current(COMMON_KEY)]
        tokens.append(found.get(own) or versions.current(own))
    except Exception:
        logger.exception("The page cache failed: the record is rendered")
        return build()
    entry = found.get(key)
    now = timezone.now()
    if (
        isinstance(entry, dict)
        and entry.get("tokens") == tokens
        and "value" in entry
        and (entry.get("until") is None or now < entry["until"])
    ):
        return entry["value"]
    until = ends() if ends else None
    value = build()
    seconds = limit if until is None else max(1, min(limit, int((until - now).total_seconds())))
    try:
        cache.set(key, {"tokens": tokens, "value": value, "until": until}, timeout=seconds)
    except Exception:
        logger.exception("The page cache failed: the record is not stored")
    return value


def connect_signals():
    # Settings only change under override_settings (tests): records show some of them.
    setting_changed.connect(
        lambda **_arguments: versions.renew(COMMON_KEY, "The public records"),
        dispatch_uid="public-records:settings",
        weak=False,
    )
