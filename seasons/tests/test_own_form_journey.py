"""An applicant's journey through a call's own form (issue 15): the pages, drafts, files,
sending, the summary, the status page and editing, driven by the call's questions."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.formats import number_format

from accelerator.tests.staff import login_staff
from seasons.applying import uploads
from seasons.models import Submission, SubmissionStatus
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import ReviewFactory
from seasons.tests.test_review import member_of

from .application_helpers import apply_url, complete_files, opendocument, pdf, start
from .own_form_helpers import call_with_form, form_url, own_form_answers, stored_complete_answers

pytestmark = pytest.mark.django_db

SENT_ANSWERS = stored_complete_answers()


def test_the_form_page_shows_the_call_s_questions(client):
    call = call_with_form()
    html = client.get(form_url(call)).content.decode()
    assert 'name="referents-1-first_name"' in html
    assert 'name="referents-2-first_name"' in html
    assert 'data-shown-when="has_paid_activity" data-shown-values="True"' in html
    assert "js/conditional-questions.js" in html
    assert 'name="referent1-first_name"' not in html


def test_the_questions_page_lists_the_call_s_questions(client):
    call = call_with_form()
    url = reverse("seasons:call_questions", args=[call.season.slug, call.slug])
    html = client.get(url).content.decode()
    assert "<strong>Nom de la structure</strong>" in html
    assert html.count("Seulement si votre réponse à « Type de structure » est : ") == 2


def test_sending_stores_every_answer_by_key_and_the_files(client, post):
    call = call_with_form(season__year=2023)
    response = post(
        apply_url(call), start(client, call), "send", own_form_answers(), complete_files()
    )
    submission = Submission.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("applications:sent", args=[submission.access_key])
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.answers == SENT_ANSWERS
    assert (submission.contact_email, submission.organisation_name) == (
        "contact@asso-exemple.org",
        "Association Cartes Libres",
    )
    assert (submission.project_name, submission.organisation_type) == (
        "Cartes Libres",
        "association",
    )
    assert sorted(a.kind for a in submission.attachments.all()) == [
        "accounts",
        "presentation",
        "statutes",
    ]
    body = mail.outbox[-1].body
    assert "- Nom de la structure : Association Cartes Libres" in body
    assert "- Référents 1 : Camille, Durand, camille.durand@asso-exemple.org" in body
    thousands = number_format(120000, force_grouping=True)
    assert f"- Budget de la dernière année (euros) : {thousands}\n" in body
    assert "- Valeur de départ : 12\n" in body
    assert "- Statuts : statuts.pdf (" in body


def test_a_draft_keeps_valid_answers_and_shows_the_refused_ones(client, post):
    call = call_with_form()
    data = {"organisation_name": "Asso", "budget_last_year": "beaucoup", "goal_1": "Un but"}
    response = post(apply_url(call), start(client, call), "draft", data)
    submission = Submission.objects.get()
    assert response.status_code == 400
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.answers == {"organisation_name": "Asso", "goal_1": "Un but"}
    html = response.content.decode()
    assert 'value="beaucoup"' in html
    assert '<a href="#id_budget_last_year">' in html


def test_files_stay_with_the_draft_until_sending(client, post):
    call = call_with_form()
    stamp = start(client, call)
    data = {"organisation_name": "Asso", "organisation_type": "association"}
    post(apply_url(call), stamp, "draft", data, complete_files())
    submission = Submission.objects.get()
    edit = reverse("applications:edit", args=[submission.access_key])
    html = client.get(edit).content.decode()
    assert "statuts.pdf" in html
    response = post(edit, stamp, "send", own_form_answers())
    submission.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.attachments.count() == 3


def test_a_hidden_conditional_answer_is_neither_needed_nor_kept(client, post):
    call = call_with_form()
    data = own_form_answers(paid_activity_details="Des formations payantes.")
    post(apply_url(call), start(client, call), "send", data, complete_files())
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert "paid_activity_details" not in submission.answers


def test_a_shown_conditional_question_is_needed_to_send(client, post):
    call = call_with_form()
    data = own_form_answers(has_paid_activity="True")
    response = post(apply_url(call), start(client, call), "send", data, complete_files())
    assert response.status_code == 400
    assert '<a href="#id_paid_activity_details">' in response.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.DRAFT


def test_statutes_are_not_asked_of_a_public_administration(client, post):
    call = call_with_form(eligible_organisation_types=["association", "public_administration"])
    data = own_form_answers(organisation_type="public_administration")
    files = {"presentation": opendocument(), "statutes": pdf()}
    response = post(apply_url(call), start(client, call), "send", data, files)
    submission = Submission.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [a.kind for a in submission.attachments.all()] == ["presentation"]
    assert submission.organisation_type == "public_administration"


def test_an_ineligible_structure_is_told_why_in_the_call_s_words(client, post):
    call = call_with_form(eligible_organisation_types=["association"])
    data = own_form_answers(organisation_type="company")
    response = post(apply_url(call), start(client, call), "send", data, complete_files())
    assert response.status_code == 400
    assert (
        "Cet appel est ouvert seulement aux structures suivantes : association. "
        "Une autre structure ne peut pas envoyer de candidature."
    ) in response.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.DRAFT


def test_the_status_page_and_editing_until_the_deadline(client, post):
    call = call_with_form()
    stamp = start(client, call)
    post(apply_url(call), stamp, "send", own_form_answers(), complete_files())
    submission = Submission.objects.get()
    status = client.get(reverse("applications:status", args=[submission.access_key]))
    assert "Cartes Libres" in status.content.decode()
    edit = reverse("applications:edit", args=[submission.access_key])
    assert 'value="Association Cartes Libres"' in client.get(edit).content.decode()
    response = post(edit, stamp, "save", own_form_answers(goal_2="Un second but."))
    submission.refresh_from_db()
    assert response.status_code == 302
    assert submission.answers == {**SENT_ANSWERS, "goal_2": "Un second but."}
    refused = post(edit, stamp, "save", own_form_answers(contact_email=""))
    submission.refresh_from_db()
    assert refused.status_code == 400
    assert submission.contact_email == "contact@asso-exemple.org"


def test_switching_language_saves_the_draft_of_a_call_s_own_form(client):
    call = call_with_form()
    payload = {"stamp": start(client, call), "switch_language": "en", "goal_1": "Un but"}
    response = client.post(apply_url(call), payload)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert submission.answers == {"goal_1": "Un but"}
    assert submission.status == SubmissionStatus.DRAFT


def test_a_replayed_sending_changes_nothing(client, post):
    call = call_with_form()
    stamp = start(client, call)
    first = post(apply_url(call), stamp, "send", own_form_answers(), complete_files())
    again = post(apply_url(call), stamp, "send", own_form_answers(goal_1="Autre"), complete_files())
    submission = Submission.objects.get()
    assert first["Location"] == again["Location"]
    assert submission.answers["goal_1"] == "Financer un développeur."
    assert len(mail.outbox) == 1


def test_the_honeypot_refuses_a_robot_on_a_call_s_own_form(client, post):
    call = call_with_form()
    data = own_form_answers(website_confirmation="http://spam.example")
    response = post(apply_url(call), start(client, call), "send", data)
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def test_the_reviewer_reads_the_answers_of_the_call_s_own_form(client, post):
    call = call_with_form()
    post(apply_url(call), start(client, call), "send", own_form_answers(), complete_files())
    reviewer = member_of(REVIEWER, "evaluatrice")
    review = ReviewFactory(submission=Submission.objects.get(), reviewer=reviewer)
    login_staff(client, reviewer)
    page = client.get(reverse("admin:seasons_review_change", args=[review.pk])).content.decode()
    assert "Camille, Durand, camille.durand@asso-exemple.org" in page
    assert "Des cartes à jour dans 500 communes." in page
    assert "presentation.odp" in page


def test_a_stored_file_of_a_question_now_hidden_is_removed(client, post):
    call = call_with_form(eligible_organisation_types=["association", "public_administration"])
    stamp = start(client, call)
    data = {"organisation_type": "association"}
    post(apply_url(call), stamp, "draft", data, {"statutes": pdf()})
    submission = Submission.objects.get()
    assert [a.kind for a in submission.attachments.all()] == ["statutes"]
    edit = reverse("applications:edit", args=[submission.access_key])
    post(edit, stamp, "draft", {"organisation_type": "public_administration"})
    assert submission.attachments.count() == 0


def test_files_too_heavy_together_are_not_kept_and_named_to_choose_again(client, post, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_SUBMISSION_SIZE", 200)
    call = call_with_form()
    data = {"organisation_type": "association", "goal_1": "Un but"}
    response = post(apply_url(call), start(client, call), "draft", data, complete_files())
    submission = Submission.objects.get()
    html = response.content.decode()
    assert response.status_code == 400
    assert submission.answers == {"organisation_type": "association", "goal_1": "Un but"}
    assert submission.attachments.count() == 0
    assert '<a href="#id_statutes">Pièces jointes : Vos fichiers pèsent' in html
    assert "<li>Statuts : statuts.pdf</li>" in html


def test_a_draft_refuses_a_file_by_its_content_and_says_why(client, post):
    call = call_with_form()
    lying = SimpleUploadedFile(
        "projet.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = post(apply_url(call), start(client, call), "draft", {}, {"presentation": lying})
    html = response.content.decode()
    assert response.status_code == 400
    assert Submission.objects.get().attachments.count() == 0
    assert "Le contenu de ce fichier n’est pas dans un format accepté" in html, html[
        html.find("id_presentation-messages") :
    ][:600]


def test_the_admin_search_finds_an_own_form_application_by_its_identity_answers(client, post):
    call = call_with_form()
    data = own_form_answers(project_name="Projet Zèbre", organisation_name="Asso Girafe")
    post(apply_url(call), start(client, call), "send", data, complete_files())
    reference = Submission.objects.get().reference
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    url = reverse("admin:seasons_submission_changelist")
    for words in ["Zèbre", "Girafe", "contact@asso-exemple.org", "Inconnu"]:
        page = client.get(url, {"q": words}).content.decode()
        assert (reference in page) == (words != "Inconnu"), words
