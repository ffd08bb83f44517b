"""`/healthz`: whether this instance can serve, for load balancers and monitoring.

It answers 200 when every database answers a query, the cache gives back what was put
in it and both storages (public and private uploads) answer a read; 503 otherwise. A probe
comes every few seconds from every load balancer: it never writes to the storages (each
write to an object storage is billed), it asks whether a file exists (one HEAD request to a
bucket, refused when the bucket is unreachable or the credentials are wrong) or, on disk,
whether the folder can take the uploads. The answer names the failed part but never the
error itself, which goes to the log: the URL is public.
"""

import logging
import os
import secrets
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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


def check_folder(location):
    """The folder of a disk storage takes files: it exists and is writable, or the first
    upload can create it (FileSystemStorage creates missing folders)."""
    folder = Path(location)
    while not folder.exists():
        folder = folder.parent
    if not (folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)):
        raise RuntimeError(f"{location} cannot take files")


def check_storages():
    for alias in ("default", "private"):
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            check_folder(storage.location)
        else:
            storage.exists(PROBE_NAME)


CHECKS = {"database": check_databases, "cache": check_cache, "storage": check_storages}


@never_cache
@require_safe
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
