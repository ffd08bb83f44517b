import os
from pathlib import Path

import pytest


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
def _private_media(settings, tmp_path):
    """Uploaded files of a test go to a folder of its own, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def demo(settings):
    """The real program, as `make run` loads it (the loader runs only with DEBUG on)."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    settings.DEBUG = False


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
