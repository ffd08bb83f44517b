"""Version tokens in the cache: whatever is kept under a version is stale once it changes.

The public page cache (`page_cache`) and the admin's kept pieces (`admin_filters`,
`admin_counts`) each have one token. A random token rather than a counter: a token
evicted from the cache and created again can never bring back entries kept under an
older one.
"""

import logging
import uuid

from django.core.cache import cache

logger = logging.getLogger(__name__)


def current(key):
    """The token stored under `key`, created when missing (by one of two racing requests)."""
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def renew(key, what):
    """A new token under `key`. A save must not fail because the cache is down: what is
    kept then expires on its own, and the failure is logged (`what`: what went stale)."""
    try:
        cache.set(key, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.exception("%s could not be invalidated: the cache failed", what)
