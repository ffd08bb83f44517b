"""What the application tests share: an open call, complete answers, real files."""

import datetime as dt
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from seasons.tests.answers import complete_answers
from seasons.tests.factories import CallFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def open_call(**values):
    now = timezone.now()
    values.setdefault("opens_at", now - dt.timedelta(days=7))
    values.setdefault("closes_at", now + dt.timedelta(days=30))
    return CallFactory(**values)


def apply_url(call):
    return reverse("seasons:apply", args=[call.season.slug, call.slug])


def stamp_of(response):
    return re.search(r'name="stamp" value="([^"]+)"', response.content.decode()).group(1)


def pdf(name="statuts.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="logo.png"):
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def opendocument(name="presentation.odp"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def complete_files():
    return {"statutes": pdf(), "accounts": pdf("comptes.pdf"), "presentation": opendocument()}


def start(client, call):
    """Open the form and return its stamp, as a browser would before posting: through
    the eligibility step first when the call's form has one, answered as the call
    accepts."""
    response = client.get(apply_url(call), follow=True)
    if response.redirect_chain:
        step_url = response.redirect_chain[-1][0]
        answers = accepted_answers(response.context["step"].questions)
        response = client.post(step_url, answers, follow=True)
    return stamp_of(response)


def accepted_answers(questions):
    """The answers the eligibility step accepts: the first eligible value of each."""
    return {q.key: "on" if q.type == "checkbox" else q.eligible_values[:1] for q in questions}


def send_complete_application(client, post, call=None):
    """A complete application sent through the form as an applicant sends it (on a new
    open call unless one is given): the response."""
    call = call or open_call()
    return post(apply_url(call), start(client, call), "send", complete_answers(), complete_files())
