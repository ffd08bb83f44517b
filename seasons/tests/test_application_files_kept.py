"""Files sent with a refused form are never lost without a word (issue 12, point 5).

After any refused POST the form shows every file stored (name, size, a box to remove it)
and sending again uses them; a file received but not kept is named, to be chosen again.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from seasons.models import Attachment, Submission, SubmissionStatus

from .application_helpers import (
    apply_url,
    complete_answers,
    complete_files,
    open_call,
    pdf,
    png,
    send_complete_application,
    stamp_of,
    start,
)

pytestmark = pytest.mark.django_db

NOT_KEPT = (
    "Ces fichiers ont été reçus mais pas conservés : choisissez-les à nouveau avant d’envoyer."
)


def form_action(html):
    return re.search(r'<form method="post" action="([^"]+)" id="application-form"', html).group(1)


def stored_names(submission):
    return sorted(submission.attachments.values_list("original_name", flat=True))


def change_of_a_sent_application(client, post, answers, files=None):
    """A complete application sent, then a change of it saved from its edit page:
    the application and the answer to the change."""
    send_complete_application(client, post)
    submission = Submission.objects.get()
    edit_url = reverse("applications:edit", args=[submission.access_key])
    return submission, post(edit_url, stamp_of(client.get(edit_url)), "save", answers, files)


def draft_with_a_logo(client, post):
    """A draft saved with a logo: the draft and its edit page's address."""
    call = open_call()
    post(apply_url(call), start(client, call), "draft", complete_answers(), {"logo": png()})
    draft = Submission.objects.get()
    return draft, reverse("applications:edit", args=[draft.access_key])


def test_send_refused_for_one_answer_shows_the_files_and_sending_again_uses_them(client, post):
    call = open_call()
    refused = post(
        apply_url(call), start(client, call), "send", complete_answers(goal_1=""), complete_files()
    )
    html = refused.content.decode()
    draft = Submission.objects.get()
    edit_url = reverse("applications:edit", args=[draft.access_key])
    assert refused.status_code == 400
    assert "Fichier joint : statuts.pdf (77 octets)." in html
    assert "Fichier joint : comptes.pdf (77 octets)." in html
    assert "Fichier joint : presentation.odp (" in html
    assert 'name="statutes-remove"' in html
    assert "Joignez ce fichier" not in html
    assert NOT_KEPT not in html
    assert form_action(html) == edit_url

    # The answer corrected, sent again without choosing the files again.
    response = post(form_action(html), stamp_of(refused), "send", complete_answers())
    draft.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:sent", args=[draft.access_key])
    assert draft.status == SubmissionStatus.SUBMITTED
    assert stored_names(draft) == ["comptes.pdf", "presentation.odp", "statuts.pdf"]


def test_send_refused_for_one_answer_then_sent_from_the_first_address(client, post):
    # A browser that kept the first address (no form action followed) finds the draft
    # by the form's stamp.
    call = open_call()
    refused = post(
        apply_url(call), start(client, call), "send", complete_answers(goal_1=""), complete_files()
    )
    response = post(apply_url(call), stamp_of(refused), "send", complete_answers())
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.attachments.count() == 3


def test_invalid_email_keeps_the_files_in_a_draft_and_shows_its_private_link(client, post):
    call = open_call()
    answers = complete_answers(contact_email="pas-une-adresse")
    refused = post(apply_url(call), start(client, call), "send", answers, complete_files())
    html = refused.content.decode()
    draft = Submission.objects.get()
    edit_url = reverse("applications:edit", args=[draft.access_key])
    assert refused.status_code == 400
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.contact_email == ""
    assert stored_names(draft) == ["comptes.pdf", "presentation.odp", "statuts.pdf"]
    assert "Saisissez une adresse de courriel valide." in html
    assert "Fichier joint : statuts.pdf (77 octets)." in html
    assert (
        "Nous n’avons pas pu vous envoyer par courriel le lien de votre brouillon : gardez ce "
        f'lien privé pour y revenir.\n            <a href="http://testserver{edit_url}">'
    ) in html
    assert mail.outbox == []

    response = post(form_action(html), stamp_of(refused), "send", complete_answers())
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == SubmissionStatus.SUBMITTED
    assert draft.contact_email == "contact@asso-exemple.org"
    assert draft.attachments.count() == 3


def test_refused_draft_save_of_a_draft_shows_the_file_it_just_stored(client, post):
    call = open_call()
    first = post(apply_url(call), start(client, call), "draft", complete_answers())
    draft = Submission.objects.get()
    edit_url = reverse("applications:edit", args=[draft.access_key])
    page = client.get(edit_url)
    assert first.status_code == 302
    refused = post(
        edit_url,
        stamp_of(page),
        "draft",
        complete_answers(budget_last_year="beaucoup"),
        {"logo": png()},
    )
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Fichier joint : logo.png (72 octets)." in html
    assert stored_names(draft) == ["logo.png"]


def test_refused_change_of_a_sent_application_names_the_file_not_kept(client, post):
    submission, refused = change_of_a_sent_application(
        client, post, complete_answers(problem=""), {"statutes": pdf("nouveaux-statuts.pdf")}
    )
    html = refused.content.decode()
    assert refused.status_code == 400
    assert NOT_KEPT in html
    assert "<li>Statuts : nouveaux-statuts.pdf</li>" in html
    # The sent application is unchanged, its stored file still shown.
    assert "Fichier joint : statuts.pdf (77 octets)." in html
    assert stored_names(submission) == ["comptes.pdf", "presentation.odp", "statuts.pdf"]


def test_rate_limited_sending_names_the_files_not_kept(client, post, settings):
    settings.APPLICATION_SUBMIT_LIMIT = 0
    refused = send_complete_application(client, post)
    html = refused.content.decode()
    assert refused.status_code == 429
    assert Submission.objects.count() == 0
    assert NOT_KEPT in html
    assert "<li>Statuts : statuts.pdf</li>" in html


def test_ticking_remove_deletes_the_stored_file_of_a_draft(client, post):
    draft, edit_url = draft_with_a_logo(client, post)
    stored = Attachment.objects.get().file
    assert stored.storage.exists(stored.name)
    page = client.get(edit_url)
    assert '<label class="fr-label" for="id_logo-remove">\n          Retirer logo.png' in (
        page.content.decode()
    )
    response = post(edit_url, stamp_of(page), "draft", {**complete_answers(), "logo-remove": "on"})
    assert response.status_code == 302
    assert draft.attachments.count() == 0
    assert not stored.storage.exists(stored.name)


def test_removing_a_needed_file_refuses_the_change_of_a_sent_application(client, post):
    submission, response = change_of_a_sent_application(
        client, post, {**complete_answers(), "statutes-remove": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Statuts : Joignez ce fichier pour envoyer votre candidature." in html
    assert stored_names(submission) == ["comptes.pdf", "presentation.odp", "statuts.pdf"]


def test_a_new_file_wins_over_the_remove_box(client, post):
    draft, edit_url = draft_with_a_logo(client, post)
    post(
        edit_url,
        stamp_of(client.get(edit_url)),
        "draft",
        {**complete_answers(), "logo-remove": "on"},
        {"logo": png("nouveau-logo.png")},
    )
    assert stored_names(draft) == ["nouveau-logo.png"]
