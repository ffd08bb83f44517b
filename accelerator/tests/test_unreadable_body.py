"""A form whose body cannot be read gets the 400 page, in the site's layout, never a 500.

Django's own error views run the CSRF check again and read the body again (issue 12).
"""

import pytest
from django.test import Client
from django.urls import reverse

from seasons.models import SubmissionStatus
from seasons.tests.application_helpers import apply_url, open_call
from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

UTF16_FORM = "application/x-www-form-urlencoded; charset=utf-16"
UTF16_MULTIPART = "multipart/form-data; boundary=XX; charset=utf-16"
MULTIPART_BODY = b'--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--XX--\r\n'


def browser_client():
    """A client that, like a browser, holds a CSRF cookie and is checked against it."""
    client = Client(enforce_csrf_checks=True)
    client.raise_request_exception = False
    # A page with a form (public pages have none since the language switch is a link).
    client.get(reverse("applications:lost_link"))
    assert client.cookies["csrftoken"].value
    return client


def csp_directives(response):
    """The policy's directives, which come in no fixed order."""
    return [part.strip() for part in response["Content-Security-Policy"].split(";")]


def assert_bad_request_page(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Requête incomprise</h1>" in html
    assert "Ce que votre navigateur a envoyé n’a pas pu être lu" in html
    assert 'href="/static/css/site.css"' in html
    assert "script-src 'self'" in csp_directives(response)
    assert response["X-Frame-Options"] == "DENY"


def form_urls():
    call = open_call()
    draft = SubmissionFactory(call=call, status=SubmissionStatus.DRAFT)
    return [
        apply_url(call),
        reverse("applications:edit", args=[draft.access_key]),
        reverse("applications:lost_link"),
        reverse("admin:login"),
    ]


def test_utf16_form_posts_answer_the_400_page():
    client = browser_client()
    for url in form_urls():
        response = client.post(url, "a=b", content_type=UTF16_FORM)
        assert_bad_request_page(response)


def test_utf16_form_post_to_an_unknown_page_answers_the_404_page():
    client = browser_client()
    response = client.post("/page-qui-n-existe-pas/", "a=b", content_type=UTF16_FORM)
    assert response.status_code == 404
    assert "script-src 'self'" in csp_directives(response)


def test_form_post_over_the_size_limit_answers_the_400_page(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client = browser_client()
    response = client.post(
        reverse("applications:lost_link"),
        "email=" + "a" * 200,
        content_type="application/x-www-form-urlencoded",
    )
    assert_bad_request_page(response)


def test_utf16_multipart_post_does_not_break_the_form():
    # Django reads a multipart body in the declared charset; the form then answers as usual
    # (a 403 here, since the body carries no CSRF token), with the security headers.
    client = browser_client()
    response = client.post(
        reverse("applications:lost_link"), MULTIPART_BODY, content_type=UTF16_MULTIPART
    )
    assert response.status_code == 403
    assert "script-src 'self'" in response["Content-Security-Policy"]
