import pytest


@pytest.fixture(autouse=True)
def _program_language():
    """Outside a request, code speaks the program's language, as the site does."""
    from django.utils import translation

    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _instant_forms(settings):
    """Tests post forms at once; the minimum fill time has tests of its own."""
    settings.APPLICATION_MIN_FILL_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits are counted in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the application form as a browser would, running what waits for the commit
    (e-mails are sent after it)."""

    def post(url, stamp, action, data=None, files=None, **extra):
        payload = {"stamp": stamp, "action": action, **(data or {}), **(files or {})}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, payload, **extra)

    return post
