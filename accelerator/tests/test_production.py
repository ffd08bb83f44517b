"""The site as docs/deploy.md deploys it, met by a real Chromium.

Every other test serves static files from the apps' folders with DEBUG-like settings. Here
the release runs as in production: `collectstatic` into a temporary STATIC_ROOT (hashed,
compressed files rewritten by whitenoise's manifest storage), gunicorn with the project's
gunicorn.conf.py, DEBUG off, a fresh PostgreSQL database migrated, Redis as the cache. The
browser goes through every public page, the application journey (with the links of the
e-mails) and a staff sign-in with a real TOTP code, and fails on any console error, any
failed subresource, any page without the design system's styles and any axe violation.

Marker `production`: it needs PostgreSQL and Redis, so `make test` leaves it out and
`.ci/run` runs it after the PostgreSQL pass (`pytest -m production`).
"""

import base64
import email
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp

from accelerator.tests.processes import release_steps, wait_until_up
from seasons.tests.application_helpers import PDF_BYTES, PNG_BYTES
from seasons.tests.own_form_helpers import own_form_answers
from seasons.tests.test_application_browser import fill_answers

# One site for the module (its PostgreSQL database, collectstatic, gunicorn): one process.
pytestmark = [pytest.mark.production, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
# The Redis database of this test alone (others are used by other tests).
REDIS_URL = "redis://127.0.0.1:6379/6"
STAFF_USERNAME = "equipe"
STAFF_PASSWORD = "Un mot de passe assez long pour la production"  # nosec B105
CALL_PAGE = "/saisons/saison-2/appels/appel-de-demonstration/"

PUBLIC_PAGES = [
    "/",
    "/saisons/",
    "/saisons/saison-2/",
    CALL_PAGE,
    CALL_PAGE + "questions/",
    "/saisons/saison-2/appels/communs-numeriques-2e-releve/",
    "/laureats/",
    "/laureats/?saison=saison-2",
    "/laureats/?q=carte",
    "/laureats/umap/",
    "/donnees-ouvertes/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/candidatures/lien-perdu/",
]


def fail_or_skip(message):
    """CI (REQUIRE_BROWSER) must run this test: a missing service fails it there."""
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database():
    """A new, empty PostgreSQL database beside the one of DATABASE_URL; returns its URL."""
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        fail_or_skip("the production run needs PostgreSQL: set DATABASE_URL=postgres://…")
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_production"
    server = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        fail_or_skip(f"PostgreSQL is not reachable at {server}: {error}")
    return parts._replace(path="/" + name).geturl(), server, name


def drop_database(server, name):
    import psycopg

    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        fail_or_skip(f"the production run needs Redis at {REDIS_URL}")


def manage(environment, *arguments, **extra):
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**environment, **extra},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(arguments)}:\n{result.stderr}"
    return result.stdout


class Site:
    def __init__(self, url, mail_dir, totp_key, log_path):
        self.url = url
        self.mail_dir = mail_dir
        self.totp_key = totp_key
        self.log_path = log_path

    def emails(self):
        """The e-mails written by Django's file backend, oldest first."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk))
        return messages

    def last_link(self):
        message = self.emails()[-1]
        body = next(
            part.get_payload(decode=True).decode()
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
        return re.search(r"https?://\S+", body).group(0)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    database_url, server, database_name = fresh_database()
    empty_redis()
    port = free_port()
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "production-test-key-" + base64.b32encode(os.urandom(20)).decode(),
        # Plain HTTP on the loopback: no TLS-terminating proxy in front of it here.
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "CACHE_URL": REDIS_URL,
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        # django-environ drops the first "/" of the path: four slashes for an absolute one.
        "EMAIL_URL": f"filemail:///{folder / 'mail'}",
        "APPLICATION_MIN_FILL_SECONDS": "0",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    # The release step exactly as the Procfile writes it (catalogues, migrations, static).
    for step in release_steps():
        manage(environment, *step)
    # The demo's seasons, calls and laureates (its loader only runs with DEBUG on).
    manage(environment, "load_demo", DEBUG="true")
    manage(
        environment,
        *("createsuperuser", "--noinput", "--username", STAFF_USERNAME),
        *("--email", "equipe@example.org"),
        DJANGO_SUPERUSER_PASSWORD=STAFF_PASSWORD,
    )
    enrolled = manage(environment, "enrol_totp", STAFF_USERNAME)
    secret = re.search(r"secret[^:]*: ([A-Z2-7=]+)", enrolled).group(1)
    log_path = folder / "gunicorn.log"
    with log_path.open("w") as log:
        server_process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"),
                *("--no-control-socket", "accelerator.wsgi"),
            ],
            cwd=ROOT,
            env={**environment, "FORWARDED_ALLOW_IPS": ""},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, "/healthz", error_status_fails=True)
        yield Site(url, folder / "mail", base64.b32decode(secret), log_path)
    finally:
        server_process.terminate()
        server_process.wait(timeout=30)
        drop_database(server, database_name)


class Watcher:
    """Everything that went wrong in a page since the last `problems()`."""

    def __init__(self, page):
        self.found = []
        self.document_url = None
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.found.append(f"script error: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.found.append(f"failed: {request.url} ({request.failure})"),
        )
        page.on("response", self.response)

    def console(self, message):
        if message.type != "error":
            return
        # Chromium reports the page's own 404 on the console: the 404 page is expected.
        own_document = message.location.get("url") == self.document_url
        if own_document and "status of 404" in message.text:
            return
        self.found.append(f"console: {message.text}")

    def response(self, response):
        if response.status >= 400 and not response.request.is_navigation_request():
            self.found.append(f"{response.status}: {response.url}")

    def problems(self):
        found, self.found = self.found, []
        return found


def design_system_applied(page):
    """What the design system's stylesheet does to the page, read from computed styles."""
    return page.evaluate(
        """() => ({
            font: getComputedStyle(document.body).fontFamily.includes("Marianne"),
            header: getComputedStyle(document.querySelector(".fr-header__body")).display,
            fontLoaded: document.fonts.check("1rem Marianne"),
        })"""
    )


STYLED = {"font": True, "header": "block", "fontLoaded": True}


def violations_of(page):
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def check(page, watcher):
    """The page as loaded: no problem, styled by the design system, no axe violation."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    url = page.url
    assert watcher.problems() == [], url
    assert design_system_applied(page) == STYLED, url
    assert violations_of(page) == [], url


def go(page, watcher, site, path, status=200):
    watcher.document_url = site.url + path
    response = page.goto(path)
    assert response.status == status, path
    check(page, watcher)


@pytest.fixture
def browsing(browser, site):
    context = browser.new_context(locale="fr-FR", base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page, Watcher(page)
    context.close()


def test_production_public_pages_are_styled_and_clean(browsing, site):
    page, watcher = browsing
    for path in PUBLIC_PAGES:
        go(page, watcher, site, path)
    go(page, watcher, site, "/page-qui-n-existe-pas/", status=404)
    # Browsers ask for it on a first visit, whatever the page says.
    with urllib.request.urlopen(site.url + "/favicon.ico", timeout=10) as response:
        assert response.headers["Content-Type"] == "image/x-icon"
        assert response.headers["Cache-Control"] == "public, max-age=604800"


def test_production_application_journey_with_the_emailed_links(browsing, site):
    page, watcher = browsing
    go(page, watcher, site, CALL_PAGE)
    page.get_by_role("link", name="Candidater", exact=True).click()
    page.wait_for_url("**/candidater/eligibilite/")
    check(page, watcher)
    page.select_option("#id_organisation_type", "association")
    page.get_by_role("button", name="Continuer vers le formulaire").click()
    page.wait_for_url("**/candidater/?organisation_type=association")
    check(page, watcher)

    answers = own_form_answers(contact_email="production@asso-exemple.org")
    fill_answers(page, dict(list(answers.items())[:10]))
    page.set_input_files(
        "#id_statutes",
        files=[{"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/modifier/")
    check(page, watcher)
    assert "Votre brouillon est enregistré." in page.content()

    draft_link = site.last_link()
    assert draft_link.startswith(site.url + "/candidatures/")
    page.goto(draft_link)
    check(page, watcher)
    assert page.input_value("#id_organisation_name") == "Association Cartes Libres"
    fill_answers(page, answers)
    for field, name in [("accounts", "comptes.pdf"), ("presentation", "projet.pdf")]:
        page.set_input_files(
            f"#id_{field}",
            files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}],
        )
    page.set_input_files(
        "#id_logo", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": PNG_BYTES}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma candidature").click()
    assert page.url.endswith("/envoyee/"), page.locator("#error-summary").all_inner_texts()
    check(page, watcher)

    status_link = site.last_link()
    response = page.goto(status_link)
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    check(page, watcher)
    assert page.locator("#public-status").text_content() == "reçue"

    # The lost-link form, with the address just used: its answer page too.
    go(page, watcher, site, "/candidatures/lien-perdu/")
    page.fill("#id_email", "production@asso-exemple.org")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    check(page, watcher)

    # No private key in the server's log, though every private page was requested.
    key = urlsplit(status_link).path.split("/")[2]
    log = site.log_path.read_text()
    assert "/candidatures/" in log
    assert key not in log


def test_production_staff_sign_in_with_a_real_totp_code(browsing, site):
    page, watcher = browsing
    # Django's admin, not the design system: its own styles, and axe is not run on it.
    page.goto("/admin/login/")
    page.wait_for_load_state("networkidle")
    assert watcher.problems() == []
    page.fill("#id_username", STAFF_USERNAME)
    page.fill("#id_password", STAFF_PASSWORD)
    page.fill("#id_otp_token", f"{totp(site.totp_key):06d}")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert page.url == site.url + "/admin/", errors
    assert page.locator("#user-tools").count() == 1
    page.wait_for_load_state("networkidle")
    assert watcher.problems() == []
    page.goto("/admin/seasons/submission/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#result_list").count() == 1
    assert watcher.problems() == []
