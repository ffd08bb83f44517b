"""The applicant's private pages: never indexed, and their keys never in a log."""

import datetime as dt
import io
import logging
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from gunicorn.config import Config

from accelerator.log_privacy import MaskingAdminEmailHandler, MaskingGunicornLogger
from seasons.models import SubmissionStatus
from seasons.tests.application_helpers import open_call
from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

MASKED = "/candidatures/[private-key]/"


@pytest.fixture
def submission():
    return SubmissionFactory(call=open_call(), status=SubmissionStatus.SUBMITTED)


@pytest.fixture
def console_log():
    """What the project's console handler writes (the one of settings.LOGGING)."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.parametrize(
    ("name", "status"), [("status", 200), ("edit", 200), ("sent", 200), ("withdraw", 200)]
)
def test_private_page_tells_search_engines_not_to_index_it(client, submission, name, status):
    response = client.get(reverse(f"applications:{name}", args=[submission.access_key]))
    assert response.status_code == status
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_lost_link_page_and_its_answer_are_not_indexed(client, submission):
    url = reverse("applications:lost_link")
    assert client.get(url)["X-Robots-Tag"] == "noindex, nofollow"
    answer = client.post(url, {"email": submission.contact_email})
    assert answer.status_code == 302
    assert answer["X-Robots-Tag"] == "noindex, nofollow"


def test_wrong_key_answers_404_not_indexed(client, submission):
    response = client.get(reverse("applications:status", args=["x" * 43]))
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_public_pages_stay_indexable(client, submission):
    call = submission.call
    for url in ["/", reverse("seasons:call_detail", args=[call.season.slug, call.slug])]:
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Robots-Tag" not in response


def test_not_found_log_line_masks_the_key(client, submission, console_log):
    key = submission.access_key
    response = client.get(f"/candidatures/{key}/inconnue/")
    assert response.status_code == 404
    log = console_log.getvalue()
    assert log == f"Not Found: {MASKED}inconnue/\n"


def test_lost_link_path_is_not_masked(console_log):
    logging.getLogger("django.request").warning("Not Found: %s", "/candidatures/lien-perdu/x")
    assert console_log.getvalue() == "Not Found: /candidatures/lien-perdu/x\n"


def test_traceback_in_the_log_masks_the_key(submission, console_log):
    key = submission.access_key
    try:
        raise ValueError(f"nothing at /candidatures/{key}/modifier/")
    except ValueError:
        logging.getLogger("seasons").exception("Failed")
    log = console_log.getvalue()
    assert key not in log
    assert f"ValueError: nothing at {MASKED}modifier/" in log


def test_error_email_to_admins_masks_the_key(settings, submission):
    settings.ADMINS = [("Équipe", "equipe@example.org")]
    key = submission.access_key
    request = RequestFactory().get(
        f"/candidatures/{key}/modifier/", HTTP_REFERER=f"https://aic.example/candidatures/{key}/"
    )
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=True,
            extra={"status_code": 500, "request": request},
        )
    [message] = mail.outbox
    assert message.subject.endswith(f"Internal Server Error: {MASKED}modifier/")
    assert key not in message.subject + message.body
    # The report names the path and the Referer: both masked.
    assert f"PATH_INFO = '{MASKED}modifier/'" in message.body
    assert f"HTTP_REFERER = 'https://aic.example{MASKED}'" in message.body


def test_no_error_report_is_built_when_no_admin_would_receive_it(settings, monkeypatch):
    settings.ADMINS = []
    reports = []

    def format_subject(handler, subject):  # the first step of building a report
        reports.append(subject)
        return subject

    monkeypatch.setattr(MaskingAdminEmailHandler, "format_subject", format_subject)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("django.request").error("Internal Server Error: /", exc_info=True)
    assert (reports, mail.outbox) == ([], [])


def test_gunicorn_access_log_masks_the_key_in_every_field(tmp_path):
    key = "a" * 20 + "-_B" + "9" * 20
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("access_log_format", '%(r)s %(s)s "%(f)s" %({location}o)s %(U)s')
    logger = MaskingGunicornLogger(config)
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": f"/candidatures/{key}/modifier/?etape=2",
        "PATH_INFO": f"/candidatures/{key}/modifier/",
        "QUERY_STRING": "etape=2",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://aic.example/candidatures/{key}/",
    }
    response = SimpleNamespace(
        status="302 Found", headers=[("Location", f"/candidatures/{key}/")], sent=0
    )
    logger.access(response, [], environ, dt.timedelta(milliseconds=5))
    assert (tmp_path / "access.log").read_text() == (
        f"POST {MASKED}modifier/?etape=2 HTTP/1.1 302 "
        f'"https://aic.example{MASKED}" {MASKED} {MASKED}modifier/\n'
    )
