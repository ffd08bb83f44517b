"""Bad input never loses what was typed, is explained next to the field, never answers 500."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accelerator.tests.pages import html_of
from seasons.models import Attachment, Call, Submission, SubmissionStatus
from seasons.tests.factories import CallFactory, SeasonFactory

from .application_helpers import (
    PDF_BYTES,
    apply_url,
    complete_answers,
    complete_files,
    open_call,
    pdf,
    start,
)

pytestmark = pytest.mark.django_db


def error_of(html, field_id):
    """The error message shown in the messages area tied to the field."""
    marker = f'id="{field_id}-messages"'
    assert marker in html, f"no messages area for {field_id}"
    area = html.split(marker, 1)[1].split("</div>", 1)[0]
    return area.split('fr-message--error">', 1)[1].split("</p>", 1)[0] if "error" in area else ""


def test_missing_answers_refuse_sending_with_a_summary_and_messages_but_keep_the_rest(client, post):
    call = open_call()
    answers = complete_answers(description="", problem="")
    response = post(apply_url(call), start(client, call), "send", answers, complete_files())
    html = html_of(response, 400)
    assert error_of(html, "id_description") == "Ce champ est obligatoire."
    assert error_of(html, "id_problem") == "Ce champ est obligatoire."
    assert '<a href="#id_description">Description courte : Ce champ est obligatoire.</a>' in html
    assert "2 réponses demandent votre attention" in html
    assert 'value="Association Cartes Libres"' in html
    # Nothing typed is lost: the valid answers and the files are kept in a draft.
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.organisation_name == "Association Cartes Libres"
    assert submission.attachments.count() == 3


def test_oversized_text_is_refused_next_to_the_field_and_kept(client, post):
    call = open_call()
    too_long = "é" * 801
    response = post(
        apply_url(call),
        start(client, call),
        "send",
        complete_answers(description=too_long),
        complete_files(),
    )
    html = html_of(response, 400)
    assert error_of(html, "id_description") == (
        "Assurez-vous que cette valeur comporte au plus 800 caractères (actuellement 801)."
    )
    assert too_long in html
    assert Submission.objects.get().description == ""


def test_wrong_types_are_explained_and_kept(client, post):
    call = open_call()
    answers = complete_answers(
        budget_last_year="beaucoup",
        contact_email="pas-une-adresse",
        impact_target="1e999999",
        organisation_type="fusée",
        has_paid_activity="peut-être",
    )
    response = post(apply_url(call), start(client, call), "send", answers, complete_files())
    html = html_of(response, 400)
    assert error_of(html, "id_budget_last_year") == "Saisissez un nombre entier."
    assert error_of(html, "id_contact_email") == "Saisissez une adresse de courriel valide."
    assert error_of(html, "id_organisation_type").startswith("Sélectionnez un choix valide.")
    assert error_of(html, "id_has_paid_activity").startswith("Sélectionnez un choix valide.")
    assert error_of(html, "id_impact_target") != ""
    assert 'value="beaucoup"' in html
    assert 'value="pas-une-adresse"' in html


def test_draft_with_an_invalid_answer_saves_the_valid_ones(client, post):
    call = open_call()
    response = post(
        apply_url(call),
        start(client, call),
        "draft",
        {"organisation_name": "Asso", "contributors_count": "-4"},
    )
    assert response.status_code == 400
    assert "Votre brouillon est enregistré, sauf les réponses signalées ci-dessous." in (
        response.content.decode()
    )
    submission = Submission.objects.get()
    assert (submission.organisation_name, submission.contributors_count) == ("Asso", None)


def test_fields_applicants_must_not_set_are_ignored(client, post):
    call = open_call()
    other_call = CallFactory(season=SeasonFactory())
    answers = complete_answers(
        status="selected",
        reference="AIC-1999-9999",
        call=str(other_call.pk),
        access_key="chosen-key",
        submitted_at="2000-01-01",
        score="5",
    )
    post(apply_url(call), start(client, call), "send", answers, complete_files())
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.call == call
    assert submission.reference.startswith("AIC-")
    assert submission.reference != "AIC-1999-9999"
    assert submission.access_key != "chosen-key"


def test_ineligible_organisation_type_is_explained_and_can_stay_a_draft(client, post):
    call = open_call()
    stamp = start(client, call)
    answers = complete_answers(organisation_type="company")
    html = html_of(post(apply_url(call), stamp, "send", answers, complete_files()), 400)
    assert error_of(html, "id_organisation_type") == (
        "Cet appel est ouvert uniquement aux structures suivantes : association, administration"
        " publique, association et administration publique ensemble. Une candidature de type"
        " « entreprise » ne peut pas être envoyée (vous pouvez la garder en brouillon)."
    )
    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    response = post(apply_url(call), stamp, "draft", complete_answers(organisation_type="company"))
    assert response.status_code == 302


def test_call_open_to_companies_accepts_them(client, post):
    call = open_call(eligible_organisation_types=["company", "association"])
    post(
        apply_url(call),
        start(client, call),
        "send",
        complete_answers(organisation_type="company"),
        {"presentation": pdf("deck.pdf")},
    )
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_after_the_deadline_a_post_stores_nothing_and_says_why(client, post):
    call = open_call()
    stamp = start(client, call)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = post(apply_url(call), stamp, "send", complete_answers(), complete_files())
    html = html_of(response, 409)
    assert "Cet appel est clos depuis le" in html
    assert 'value="Association Cartes Libres"' in html
    assert Submission.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_before_the_opening_a_post_stores_nothing(client, post):
    call = open_call(opens_at=timezone.now() + dt.timedelta(days=1))
    response = post(apply_url(call), "", "draft", {"organisation_name": "Trop tôt"})
    assert response.status_code in (400, 409)
    assert Submission.objects.count() == 0


def test_deadline_is_checked_again_when_a_draft_is_sent(client, post):
    call = open_call()
    stamp = start(client, call)
    post(apply_url(call), stamp, "draft", complete_answers(), complete_files())
    submission = Submission.objects.get()
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now())
    page_url = f"/candidatures/{submission.access_key}/modifier/"
    response = post(page_url, stamp, "send", complete_answers())
    submission.refresh_from_db()
    assert response.status_code == 409
    assert submission.status == SubmissionStatus.DRAFT


@pytest.mark.parametrize(
    ("content", "name", "field"),
    [
        (b"MZ\x90\x00 an executable", "statuts.pdf", "statutes"),
        (b"<html><script>alert(1)</script></html>", "comptes.pdf", "accounts"),
        (b"PK\x03\x04 not really a zip", "presentation.docx", "presentation"),
        (PDF_BYTES, "logo.png", "logo"),  # a real PDF, but a logo must be an image
    ],
    ids=["exe-named-pdf", "html-named-pdf", "broken-zip", "pdf-as-logo"],
)
def test_file_whose_content_lies_about_its_type_is_refused(client, post, content, name, field):
    call = open_call()
    files = {**complete_files(), field: SimpleUploadedFile(name, content, "application/pdf")}
    response = post(apply_url(call), start(client, call), "send", complete_answers(), files)
    html = html_of(response, 400)
    assert error_of(html, f"id_{field}").startswith(
        "Le contenu de ce fichier n’est pas dans un format accepté"
    )
    assert not Attachment.objects.filter(kind=field).exists()


def test_empty_file_is_refused(client, post):
    call = open_call()
    files = {**complete_files(), "statutes": SimpleUploadedFile("vide.pdf", b"")}
    response = post(apply_url(call), start(client, call), "send", complete_answers(), files)
    assert response.status_code == 400
    assert error_of(response.content.decode(), "id_statutes") in (
        "Ce fichier est vide.",
        "Le fichier soumis est vide.",
    )


def test_file_over_ten_megabytes_is_refused_with_its_size(client, post):
    call = open_call()
    big = PDF_BYTES + b"0" * (11 * 1024 * 1024)
    files = {**complete_files(), "presentation": SimpleUploadedFile("gros.pdf", big)}
    response = post(apply_url(call), start(client, call), "send", complete_answers(), files)
    assert response.status_code == 400
    assert error_of(response.content.decode(), "id_presentation") == (
        "Ce fichier pèse 11\xa0Mo ; un fichier peut peser 10\xa0Mo au plus."
    )


def test_files_over_twenty_five_megabytes_together_are_refused(client, post):
    call = open_call()
    nine = PDF_BYTES + b"0" * (9 * 1024 * 1024)
    files = {
        "statutes": SimpleUploadedFile("a.pdf", nine),
        "accounts": SimpleUploadedFile("b.pdf", nine),
        "presentation": SimpleUploadedFile("c.pdf", nine),
    }
    response = post(apply_url(call), start(client, call), "send", complete_answers(), files)
    html = html_of(response, 400)
    assert (
        "Vos fichiers pèsent 27\xa0Mo ensemble ; une candidature peut en contenir 25\xa0Mo." in html
    )
    assert Attachment.objects.count() == 0


def test_broken_multipart_body_answers_400_and_stores_nothing(client):
    call = open_call()
    response = client.post(
        apply_url(call),
        data=b'--boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\nunterminated',
        content_type="multipart/form-data; boundary=boundary",
    )
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_multipart_without_boundary_answers_400(client):
    call = open_call()
    response = client.post(apply_url(call), data=b"abc", content_type="multipart/form-data")
    assert response.status_code == 400


def test_invalid_utf8_is_refused_without_a_500(client):
    call = open_call()
    stamp = start(client, call)
    body = b"stamp=" + stamp.encode() + b"&action=draft&organisation_name=%FF%FE%FA"
    response = client.post(
        apply_url(call), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (302, 400)
    assert Submission.objects.count() <= 1


def test_too_many_fields_answers_400(client):
    call = open_call()
    body = "&".join(f"f{n}=x" for n in range(1200))
    response = client.post(
        apply_url(call), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_zip_bomb_is_refused_next_to_the_field_and_the_answers_kept(client, post):
    """A 300 KB .odt whose mimetype inflates to 300 MB (issue 12): refused, not read."""
    from .test_uploads import inflating_zip

    call = open_call()
    bomb = inflating_zip("application/vnd.oasis.opendocument.text", 300)
    files = {**complete_files(), "presentation": SimpleUploadedFile("projet.odt", bomb)}
    answers = complete_answers()
    response = post(apply_url(call), start(client, call), "send", answers, files)
    html = html_of(response, 400)
    assert error_of(html, "id_presentation") == (
        "Ce fichier se décompresse en plus de 200\xa0Mo ou contient plus de 5000 "
        "fichiers : il ne peut pas être accepté. Enregistrez-le à nouveau depuis votre "
        "logiciel de bureautique, ou envoyez-le en PDF."
    )
    assert 'value="Association Cartes Libres"' in html
    assert not Attachment.objects.filter(kind="presentation").exists()
