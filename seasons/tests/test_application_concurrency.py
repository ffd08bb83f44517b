"""Many applicants sending at the same moment: every application is stored, none is lost."""

import http.cookiejar
import re
import threading
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail

from seasons.models import EmailStatus, OutboundEmail, Submission, SubmissionStatus

from .application_helpers import PDF_BYTES, apply_url, complete_answers, open_call

pytestmark = pytest.mark.django_db(transaction=True)

# Issue 3 asked for 30 at once, issue 6 for 50.
PARALLEL = 50


@pytest.fixture(autouse=True)
def patient_pool():
    """The live server answers all 50 from one process, where a gunicorn sync worker
    serves one request at a time and never waits for a pooled connection. On a loaded
    machine some of the 50 would wait longer than DATABASE_CONNECT_TIMEOUT (2 s, so that a
    database that is down answers fast) for one of the pool's 10 connections: here they
    wait as long as a client would."""
    from django.db import connection

    pool = getattr(connection, "pool", None)
    if pool is None:  # SQLite, or PostgreSQL without the pool
        yield
        return
    saved, pool.timeout = pool.timeout, 60
    yield
    pool.timeout = saved


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    body = "\r\n".join(lines).encode() + b"\r\n"
    for name, (filename, content) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def apply_once(base_url, path, number, all_ready=None):
    """One applicant: open the form, then send it, with their own cookies; with
    `all_ready` (a barrier), at the moment every other applicant sends theirs."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base_url + path, timeout=60).read().decode()
    stamp = re.search(r'name="stamp" value="([^"]+)"', html).group(1)
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    fields = {
        **complete_answers(
            organisation_type="public_administration",
            contact_email=f"candidat{number}@example.org",
        ),
        "stamp": stamp,
        "action": "send",
        "csrfmiddlewaretoken": csrf,
    }
    body, content_type = multipart(fields, {"presentation": ("projet.pdf", PDF_BYTES)})
    request = urllib.request.Request(
        base_url + path,
        data=body,
        headers={"Content-Type": content_type, "Referer": base_url + path},
    )
    if all_ready is not None:
        all_ready.wait(timeout=60)
    response = opener.open(request, timeout=60)
    return response.status, response.url


def test_fifty_simultaneous_applications_are_all_stored_and_confirmed(live_server, settings):
    settings.APPLICATION_SUBMIT_LIMIT = 1000
    call = open_call(season__year=2023)
    path = apply_url(call)
    all_ready = threading.Barrier(PARALLEL)
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        results = list(
            pool.map(lambda n: apply_once(live_server.url, path, n, all_ready), range(PARALLEL))
        )
    assert [status for status, _url in results] == [200] * PARALLEL
    assert all(url.endswith("/envoyee/") for _status, url in results)
    sent = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    assert sent.count() == PARALLEL
    assert sorted(sent.values_list("reference", flat=True)) == [
        f"AIC-2023-{n:04d}" for n in range(1, PARALLEL + 1)
    ]
    assert OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == PARALLEL
    assert len(mail.outbox) == PARALLEL
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"candidat{n}@example.org" for n in range(PARALLEL)
    )
