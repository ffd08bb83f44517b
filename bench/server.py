"""The application as the bench runs it: its settings, its database, gunicorn.

gunicorn runs with the project's gunicorn.conf.py, 3 workers, DEBUG off, on 127.0.0.1;
a thread samples the workers' resident memory twice a second.
"""

# The bench runs fixed local programs (manage.py, gunicorn, hey, apt-get) and talks to
# 127.0.0.1 only; its work folder is a parameter (BENCH_WORK_DIR).
# ruff: noqa: S603, S607, S310
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://{HOST}:{PORT}"


def environment(args, database_url, cache_seconds=300):
    """What the application is run with: production settings, on this machine, for the bench."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": args.secret_key,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCH": "true",
        "DATABASE_URL": database_url,
        # The default of production (docs/deploy.md), said here because this process's own
        # environment has the pool off (`setup_django`) and gunicorn inherits it: until
        # 2026-12-06 the bench measured a new PostgreSQL connection per request.
        "DATABASE_POOL": "true",
        "CACHE_URL": args.cache_url,
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "EMAIL_URL": "dummymail://",
        # As docs/deploy.md recommends in production: requests store e-mails, the mail
        # process sends them.
        "EMAIL_SEND_AT_ONCE": "false",
        "LOG_LEVEL": "WARNING",
        "APPLICATION_SUBMIT_LIMIT": "1000000",
        "APPLICATION_MIN_FILL_SECONDS": "0",
        "PUBLIC_PAGE_CACHE_SECONDS": str(cache_seconds),
        "MEDIA_ROOT": str(args.work / "media"),
        "PRIVATE_MEDIA_ROOT": str(args.work / "private"),
    }


def manage(env, *arguments, capture=False):
    command = [PYTHON, "manage.py", *arguments]
    if capture:
        return subprocess.run(
            command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return ""


def ensure_hey():
    if shutil.which("hey"):
        return shutil.which("hey")
    print("== Installing hey (apt-get install hey)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "hey"], check=True)
    return shutil.which("hey")


def ensure_database(url):
    """CREATE DATABASE when it is missing (the URL's user must be allowed to)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"== Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def flush_cache(url):
    import redis

    redis.Redis.from_url(url).flushdb()


class Server:
    """gunicorn with the project's gunicorn.conf.py, and a sampler of its workers' memory."""

    def __init__(self, env):
        self.process = subprocess.Popen(
            [
                *(PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"),
                *("--bind", f"{HOST}:{PORT}", "--workers", "3", "accelerator.wsgi"),
            ],
            cwd=ROOT,
            env=env,
        )
        self.peak_rss = {}
        self.stop_sampling = threading.Event()
        self.sampler = threading.Thread(target=self.sample, daemon=True)

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(BASE + "/bench/ping", timeout=2) as response:  # nosec B310
                    if response.status == 200:
                        self.sampler.start()
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer on /bench/ping")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def sample(self):
        while not self.stop_sampling.wait(0.5):
            for pid in self.workers():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                found = re.search(r"VmRSS:\s+(\d+)", status)
                if found:  # a worker that is exiting has no resident set any more
                    self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), int(found.group(1)))

    def stop(self):
        self.stop_sampling.set()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        return max(self.peak_rss.values(), default=0) / 1024


def setup_django(env):
    # No pool in this process: it moves from one scale's database to the next.
    os.environ.update({**env, "DATABASE_POOL": "false"})
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accelerator.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def database_of(url, scale):
    """One database per scale (`<name>_s<N>`), so that a data set is built once and reused;
    without a scale, the database of the URL itself (the data set of scale 5,000)."""
    if scale is None:
        return url
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"{parts.path}_s{scale}"))


def use_database(url):
    """Point this process's Django (set up once) at the database of another scale."""
    from django.db import connections

    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = urllib.parse.urlsplit(url).path.lstrip("/")
