import os
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Fuzzing tests (test_fuzzing_*.py) generate the same inputs on every run, so that CI is
# reproducible and a failure found there shows again on a developer's machine; no example
# database is written into the work tree. Each example posts a whole form: slow by
# Hypothesis's standards, hence no deadline.
# Two profiles: CI (`HYPOTHESIS_PROFILE=ci`, set by .ci/run) posts the 500 examples per
# target that issue 6 asks, on each database; a developer's `make test` posts 100 per
# target (the first inputs of the same derandomized sequence families), a fifth of the
# fuzzing's time. `HYPOTHESIS_PROFILE=ci make test` runs the full proof locally.
FUZZING = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow],
}
hypothesis_settings.register_profile("accelerator", max_examples=100, **FUZZING)
hypothesis_settings.register_profile("ci", max_examples=500, **FUZZING)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "accelerator"))


# `make test` spreads the tests over one process per core (pytest-xdist, `--dist load`).
# Each process has its own test database (pytest-django suffixes its name), its own live
# server on a free port and its own temporary folders. `load` hands each process tests in
# the collection's order, so each still runs pytest-django's order (transactional tests
# last: their flush empties the rows that data migrations wrote, such as the decision
# e-mails; `--dist loadfile` broke that order). Tests that use a fixed Redis database
# either are alone to use it or take one per process (test_two_instances.py).


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name.startswith("test_fuzzing_"):
            item.add_marker(pytest.mark.fuzzing)


def _live_server_backlog():
    """Django's test server listens with a backlog of 10 connections: past that, clients
    arriving at the same instant are reset, which says nothing about the application
    (gunicorn's backlog is 2048). The concurrency tests open 50 at once."""
    from django.core.servers.basehttp import ThreadedWSGIServer

    ThreadedWSGIServer.request_queue_size = 128


_live_server_backlog()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Django's hasher (PBKDF2, a million rounds) takes about 0.4 s per password on the
    2-core machine, and the suite hashes one for every staff user it creates and every
    login: tests use MD5 instead, as Django's own test suite does. No test is about the
    hasher; the production run (a subprocess with the real settings) keeps the default."""
    from django.conf import settings
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first: the manifest storage
    of production would refuse names it has not hashed yet."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Served from the apps' folders, as runserver does, since nothing was collected.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Public pages are kept in the cache (accelerator.page_cache), which outlives a test's
    database: each test starts with an empty one, as a new deployment would."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path, monkeypatch):
    """Uploaded files of a test go to a folder of its own, never the project's."""
    from django.core.files.storage import storages

    from laureates.models import UpdateFile
    from seasons.models import Attachment

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    # A FileField calls its storage callable once, when the model is defined: without
    # this, attachments would still be written to the project's private/ folder.
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storages["private"])
    monkeypatch.setattr(UpdateFile._meta.get_field("file"), "storage", storages["private"])


# --- Staff in the admin --------------------------------------------------------------
# The admin asks staff for a password and a TOTP code (django-otp), and django-axes
# watches every login. Tests log staff in through `login_staff(client, user)` (or use
# `admin_client`, a superuser already past both factors).


class LoginRequestClient(Client):
    """The test client, whose `login()` gives django-axes the request it needs.

    Django's `Client.login()` authenticates without a request; django-axes refuses that,
    since it counts failures per address. A real login goes through the login form.
    """

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/admin/login/"))
        return super().login(**credentials)


@pytest.fixture
def pages_rendered_every_time(settings):
    """Public pages rendered at every request (a page cache miss), fragments kept."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.PUBLIC_FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def client():
    return LoginRequestClient()


@pytest.fixture
def login_staff():
    """`login_staff(client, user)`: logs `user` in past both factors, returns the client."""
    from accelerator.tests.staff import login_staff

    return login_staff


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, past the second factor as well as the password."""
    from accelerator.tests.staff import login_staff

    return login_staff(LoginRequestClient(), admin_user)


# --- Faults ---------------------------------------------------------------------------


@pytest.fixture
def broken_database(db, tmp_path):
    """A connection whose settings point nowhere, to stand in for the default database.

    The same settings as the test database but for the address: SQLite opens a file in a
    folder that does not exist, PostgreSQL connects to port 1 (no pool, so it fails at
    once). `swap_in()` makes it the default connection for the code under test, until
    `restore()` or the end of the test; the real test database is left untouched.
    """
    from django.db import connections
    from django.db.utils import load_backend

    real_default = connections["default"]
    settings_dict = dict(real_default.settings_dict)
    if real_default.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    else:
        settings_dict["PORT"] = "1"
        options = settings_dict["OPTIONS"]
        settings_dict["OPTIONS"] = {k: v for k, v in options.items() if k != "pool"}
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")

    class Broken:
        @staticmethod
        def swap_in():
            connections["default"] = broken

        @staticmethod
        def restore():
            connections["default"] = real_default

    yield Broken
    Broken.restore()
    broken.close()


@pytest.fixture
def demo():
    """The real program, as `make run` loads it (the loader runs only with DEBUG on):
    loaded once per session, its rows put back for each test (accelerator.tests.demo_snapshot)."""
    from accelerator.tests.demo_snapshot import demo_data

    demo_data()


# --- Real browser tests ----------------------------------------------------------------
# Playwright drives the system's Chromium (Debian's package): Playwright's own browser
# download is not used anywhere. Without Chromium the browser tests are skipped with a
# message, unless REQUIRE_BROWSER is set (CI sets it, so they can never be skipped there).

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium_or_skip():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if Path(path).exists():
        return path
    message = (
        f"browser tests need Chromium at {path}: install it (apt-get install chromium) "
        "or set CHROMIUM_PATH to its executable"
    )
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    path = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make around it are still synchronous, so Django's async guard is lifted here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
