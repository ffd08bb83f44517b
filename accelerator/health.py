"""`/healthz`: whether this instance can serve, for load balancers and monitoring.

It answers 200 when every database answers a query, the cache gives back what was put
in it and both storages (public and private uploads) accept and delete a file; 503
otherwise. The answer names the failed part but never the error itself, which goes to
the log: the URL is public.
"""

import logging
import secrets

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

PROBE_NAME = "healthz/probe.txt"


def check_databases():
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache():
    key, value = "healthz-probe", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not give the value back")
    cache.delete(key)


def check_storages():
    for alias in ("default", "private"):
        storage = storages[alias]
        name = storage.save(PROBE_NAME, ContentFile(b"ok"))
        storage.delete(name)


CHECKS = {"database": check_databases, "cache": check_cache, "storage": check_storages}


@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            # Any failure means "not healthy": it is logged, and reported by name only.
            logger.exception("Health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
