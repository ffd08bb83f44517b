"""Two application instances, as behind a load balancer: one PostgreSQL, one Redis.

Each instance is a real gunicorn process on its own port. What one instance stores the
other serves, and the per-address limit on sending applications counts the requests made
to both, because it lives in the shared Redis and not in a process's memory.
"""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accelerator.tests.processes import wait_until_up
from seasons.models import Submission, SubmissionStatus
from seasons.tests.application_helpers import apply_url, open_call
from seasons.tests.test_application_concurrency import apply_once

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
# Each test flushes its Redis database: one database per test process (pytest-xdist's
# PYTEST_XDIST_WORKER, "gw0", "gw1"…), none of the numbers other tests use (6, 12, 15).
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{(13, 14, 11, 10, 9, 8, 7, 5, 4, 3, 2)[_WORKER % 11]}"


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not running at {REDIS_URL}: two instances need a shared cache.")
    return client


@pytest.fixture
def instances(tmp_path):
    """Two gunicorn processes on the test database, sharing Redis; yields their base URLs."""
    if connection.vendor != "postgresql":
        pytest.skip("Two instances share one PostgreSQL: run with DATABASE_URL=postgres://…")
    redis_client = redis_or_skip()
    redis_client.flushdb()
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        # DEBUG on only so that static files are named without the manifest that
        # collectstatic would write (a minute of work); nothing else here depends on it.
        "DEBUG": "true",
        "SECRET_KEY": "two-instances-test-key",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "DATABASE_POOL": "false",
        "CACHE_URL": REDIS_URL,
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "EMAIL_URL": "dummymail://",
        "APPLICATION_MIN_FILL_SECONDS": "0",
        "APPLICATION_SUBMIT_LIMIT": "2",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "LOG_LEVEL": "WARNING",
    }
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    ports = free_ports(2)
    processes = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"),
                *("--workers", "1", "--no-control-socket", "accelerator.wsgi"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        redis_client.flushdb()


def free_ports(count):
    """Ports free at this instant, chosen by the system: parallel runs never share one."""
    import socket

    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def send(base_url, path, number):
    try:
        return apply_once(base_url, path, number)
    except urllib.error.HTTPError as refused:
        return refused.code, refused.url


def test_application_sent_to_one_instance_is_shown_by_the_other(instances):
    first, second = instances
    call = open_call(season__year=2023)
    status, sent_url = send(first, apply_url(call), 1)
    assert status == 200
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.reference == "AIC-2023-0001"
    path = sent_url.removeprefix(first)
    with urllib.request.urlopen(second + path, timeout=10) as response:
        html = response.read().decode()
    assert response.status == 200
    assert "AIC-2023-0001" in html


def test_rate_limit_counts_applications_sent_to_both_instances(instances):
    first, second = instances
    call = open_call(season__year=2023)
    path = apply_url(call)
    statuses = [send(url, path, n)[0] for n, url in enumerate([first, second, first, second])]
    assert statuses == [200, 200, 429, 429]
    assert sorted(Submission.objects.values_list("reference", flat=True)) == [
        "AIC-2023-0001",
        "AIC-2023-0002",
    ]
