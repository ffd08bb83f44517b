"""An applicant's journey through the form: draft, link, send, status, edit, withdraw."""

import pytest
from django.core import mail
from django.urls import reverse

from seasons.applying import services
from seasons.applying.views import all_valid, build_forms
from seasons.models import (
    Attachment,
    EmailKind,
    OutboundEmail,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)
from seasons.tests.factories import SubmissionFactory

from .application_helpers import (
    apply_url,
    complete_answers,
    complete_files,
    open_call,
    send_complete_application,
    stamp_of,
    start,
)

pytestmark = pytest.mark.django_db


def test_draft_with_missing_answers_is_saved_and_its_link_emailed(client, post):
    call = open_call()
    stamp = start(client, call)
    answers = {"contact_email": "a@example.org", "organisation_name": "Asso"}
    files = {"statutes": complete_files()["statutes"]}
    response = post(apply_url(call), stamp, "draft", answers, files)
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


def test_draft_reopened_from_its_link_keeps_answers_and_files_then_sends(client, post):
    call = open_call(season__year=2023)
    stamp = start(client, call)
    post(
        apply_url(call),
        stamp,
        "draft",
        complete_answers(organisation_name="Brouillon Asso"),
        complete_files(),
    )
    submission = Submission.objects.get()
    link = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    assert link == reverse("applications:edit", args=[submission.access_key])

    page = client.get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="Brouillon Asso"' in html
    assert "Fichier joint : statuts.pdf" in html
    assert "Fichier joint : presentation.odp" in html

    # Sent without sending the files again: they stayed attached to the draft.
    response = post(
        link, stamp_of(page), "send", complete_answers(organisation_name="Brouillon Asso")
    )
    submission.refresh_from_db()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.attachments.count() == 3
    assert [e.kind for e in OutboundEmail.objects.order_by("pk")] == ["draft_link", "confirmation"]


def test_reference_continues_after_the_highest_given_in_the_year(client, post):
    call = open_call(season__year=2023)
    SubmissionFactory(call=call, reference="AIC-2023-0033")
    SubmissionFactory(call=call, reference="AIC-2022-0100")
    send_complete_application(client, post, call)
    assert (
        Submission.objects.get(contact_email="contact@asso-exemple.org").reference
        == "AIC-2023-0034"
    )


def test_double_click_or_replayed_send_makes_one_application_and_one_email(client, post):
    call = open_call()
    stamp = start(client, call)
    first = post(apply_url(call), stamp, "send", complete_answers(), complete_files())
    second = post(apply_url(call), stamp, "send", complete_answers(), complete_files())
    submission = Submission.objects.get()
    assert (
        first["Location"]
        == second["Location"]
        == reverse("applications:sent", args=[submission.access_key])
    )
    assert Submission.objects.count() == 1
    assert submission.attachments.count() == 3
    assert len(mail.outbox) == 1


def test_double_click_on_save_draft_makes_one_draft(client, post):
    call = open_call()
    stamp = start(client, call)
    post(apply_url(call), stamp, "draft", {"organisation_name": "Un"})
    post(apply_url(call), stamp, "draft", {"organisation_name": "Deux"})
    assert list(Submission.objects.values_list("organisation_name", flat=True)) == ["Deux"]


def sent_application(client, post, call=None):
    send_complete_application(client, post, call)
    mail.outbox.clear()
    return Submission.objects.get()


def test_status_page_shows_the_public_status_and_answers_only(client, post):
    submission = sent_application(client, post)
    SubmissionTransition.objects.filter(submission=submission).update(reason="note interne secrète")
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.IN_REVIEW)
    response = client.get(reverse("applications:status", args=[submission.access_key]))
    html = response.content.decode()
    assert response.status_code == 200
    badge = '<span class="fr-badge fr-badge--info fr-badge--no-icon" id="public-status">'
    assert f"{badge}en cours d’examen</span>" in html
    assert "en instruction" not in html
    assert "note interne secrète" not in html
    assert "Association Cartes Libres" in html
    assert response["Cache-Control"] == "no-store, private"
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("name", ["status", "edit", "sent", "withdraw"])
def test_unknown_or_altered_link_answers_404(client, post, name):
    submission = sent_application(client, post)
    altered = submission.access_key[:-1] + ("A" if submission.access_key[-1] != "A" else "B")
    assert client.get(reverse(f"applications:{name}", args=[altered])).status_code == 404
    assert client.get(reverse(f"applications:{name}", args=["x" * 43])).status_code == 404


def test_sent_application_can_be_edited_until_the_deadline(client, post):
    submission = sent_application(client, post)
    link = reverse("applications:edit", args=[submission.access_key])
    page = client.get(link)
    assert "Enregistrer mes modifications" in page.content.decode()
    response = post(link, stamp_of(page), "save", complete_answers(goal_1="Recruter une designer"))
    submission.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:status", args=[submission.access_key])
    assert submission.goal_1 == "Recruter une designer"
    assert submission.status == SubmissionStatus.SUBMITTED


def test_sent_application_edit_needs_complete_answers_and_keeps_the_old_ones(client, post):
    submission = sent_application(client, post)
    link = reverse("applications:edit", args=[submission.access_key])
    response = post(link, stamp_of(client.get(link)), "save", complete_answers(problem=""))
    submission.refresh_from_db()
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    assert submission.problem == "Les petites communes n’ont pas de cartes à jour."


def test_application_cannot_be_edited_once_examined(client, post):
    submission = sent_application(client, post)
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.IN_REVIEW)
    link = reverse("applications:edit", args=[submission.access_key])
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:status", args=[submission.access_key])


def test_withdrawal_asks_for_confirmation_then_withdraws_and_emails(client, post):
    submission = sent_application(client, post)
    url = reverse("applications:withdraw", args=[submission.access_key])
    page = client.get(url)
    assert page.status_code == 200
    assert "Oui, retirer ma candidature" in page.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED  # asking changes nothing

    response = post(url, "", "")
    submission.refresh_from_db()
    assert response["Location"] == reverse("applications:status", args=[submission.access_key])
    assert submission.status == SubmissionStatus.WITHDRAWN
    transition = submission.transitions.get(to_status=SubmissionStatus.WITHDRAWN)
    assert (transition.from_status, transition.by_applicant) == (SubmissionStatus.SUBMITTED, True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Candidature {submission.reference} retirée"
    status_page = client.get(reverse("applications:status", args=[submission.access_key]))
    assert "Retirer ma candidature" not in status_page.content.decode()
    assert ">retirée</span>" in status_page.content.decode()


def test_withdrawing_twice_withdraws_once(client, post):
    submission = sent_application(client, post)
    url = reverse("applications:withdraw", args=[submission.access_key])
    post(url, "", "")
    response = post(url, "", "")
    assert response.status_code == 302
    assert submission.transitions.filter(to_status=SubmissionStatus.WITHDRAWN).count() == 1
    assert len(mail.outbox) == 1


def test_confirmation_page_shows_reference_and_email(client, post):
    submission = sent_application(client, post)
    response = client.get(reverse("applications:sent", args=[submission.access_key]))
    html = response.content.decode()
    assert f"<strong>{submission.reference}</strong>" in html
    assert "contact@asso-exemple.org" in html
    assert response["Cache-Control"] == "no-store, private"


def test_questions_page_lists_every_question_and_attachment(client):
    call = open_call()
    response = client.get(reverse("seasons:call_questions", args=[call.season.slug, call.slug]))
    html = response.content.decode()
    for label in [
        "Votre adresse électronique",
        "Description courte",
        "Indicateur d’impact",
        "Statuts",
        "Logo",
        "800 caractères au plus",
        "association, administration publique, association et administration publique ensemble",
    ]:
        assert label in html, label


def test_staff_choose_who_may_apply_with_checkboxes(admin_client):
    call = open_call()
    url = reverse("admin:seasons_call_change", args=[call.pk])
    html = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="eligible_organisation_types" value="company"' in html
    assert 'value="association" id="id_eligible_organisation_types_0" checked' in html


def test_saved_yes_no_answers_show_as_chosen_when_the_form_is_reopened(client, post):
    call = open_call()
    answers = complete_answers(has_paid_activity="True", paid_activity_details="Formations")
    post(apply_url(call), start(client, call), "draft", answers)
    submission = Submission.objects.get()
    html = client.get(reverse("applications:edit", args=[submission.access_key])).content.decode()
    assert 'name="has_paid_activity" value="True" checked' in html
    assert 'name="has_related_structures" value="False" checked' in html


def test_a_draft_saved_from_a_stale_tab_never_undoes_the_sending(client, post):
    call = open_call()
    stamp = start(client, call)
    post(apply_url(call), stamp, "draft", complete_answers(), complete_files())
    submission = Submission.objects.get()
    link = reverse("applications:edit", args=[submission.access_key])
    post(link, stamp, "send", complete_answers())
    # The other tab still shows the draft and saves it half-filled: refused, kept as sent.
    response = post(link, stamp, "draft", {"goal_1": "Autre chose"})
    submission.refresh_from_db()
    assert response.status_code == 400
    assert (submission.status, submission.goal_1) == (
        SubmissionStatus.SUBMITTED,
        "Financer un développeur.",
    )
    # Complete answers from that tab are an edit of the sent application, still sent.
    response = post(link, stamp, "draft", complete_answers(goal_1="Autre chose"))
    submission.refresh_from_db()
    assert response.status_code == 302
    assert (submission.status, submission.goal_1) == (SubmissionStatus.SUBMITTED, "Autre chose")


def test_saving_a_draft_sent_meanwhile_is_refused_under_the_lock(client, post):
    call = open_call()
    post(apply_url(call), start(client, call), "draft", complete_answers(), complete_files())
    stale = Submission.objects.get()
    Submission.objects.filter(pk=stale.pk).update(
        status=SubmissionStatus.SUBMITTED, reference="AIC-2023-0999", submitted_at=stale.created_at
    )
    forms = build_forms(call, stale, complete_answers(goal_1="Écrasé"), {}, complete=False)
    assert all_valid(forms)
    with pytest.raises(services.ApplicationClosed, match="envoyée entre-temps"):
        services.save_draft(
            call=call, access_key=stale.access_key, submission=stale, forms=forms, language="fr"
        )
    stale.refresh_from_db()
    assert (stale.status, stale.goal_1) == (SubmissionStatus.SUBMITTED, "Financer un développeur.")


def test_saving_answers_never_writes_the_status(client, post):
    submission = sent_application(client, post)
    link = reverse("applications:edit", args=[submission.access_key])
    page = client.get(link)
    # Staff start the review after the applicant opened the form, before they save.
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.IN_REVIEW)
    response = post(link, stamp_of(page), "save", complete_answers(goal_1="Trop tard"))
    submission.refresh_from_db()
    assert response.status_code == 409
    assert (submission.status, submission.goal_1) == (
        SubmissionStatus.IN_REVIEW,
        "Financer un développeur.",
    )
