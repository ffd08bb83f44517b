"""An applicant's journey through the form: draft, link, send, status, edit, withdraw."""

import pytest
from django.core import mail
from django.urls import reverse

from seasons.models import Attachment, EmailKind, OutboundEmail, Submission, SubmissionStatus

from .application_helpers import (
    apply_url,
    complete_answers,
    complete_files,
    open_call,
    start,
)

pytestmark = pytest.mark.django_db


def test_draft_with_missing_answers_is_saved_and_its_link_emailed(client, post):
    call = open_call()
    stamp = start(client, call)
    response = post(
        apply_url(call),
        stamp,
        "draft",
        {"contact_email": "a@example.org", "organisation_name": "Asso"},
        {"statutes": complete_files()["statutes"]},
    )
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:edit", args=[submission.access_key])
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.reference == ""
    assert submission.organisation_name == "Asso"
    assert [a.original_name for a in submission.attachments.all()] == ["statuts.pdf"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert f"/candidatures/{submission.access_key}/modifier/" in mail.outbox[0].body
    assert OutboundEmail.objects.get().kind == EmailKind.DRAFT_LINK


def test_sending_a_complete_application_gives_a_reference_and_a_confirmation(client, post):
    call = open_call(season__year=2023)
    stamp = start(client, call)
    response = post(apply_url(call), stamp, "send", complete_answers(), complete_files())
    submission = Submission.objects.get()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("applications:sent", args=[submission.access_key])
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.reference == "AIC-2023-0001"
    assert submission.referents.get().email == "camille.durand@asso-exemple.org"
    assert sorted(Attachment.objects.values_list("kind", flat=True)) == [
        "accounts",
        "presentation",
        "statutes",
    ]
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Candidature AIC-2023-0001 reçue")
    assert f"/candidatures/{submission.access_key}/" in body
    assert "Association Cartes Libres" in body
    assert "Camille Durand" in body
