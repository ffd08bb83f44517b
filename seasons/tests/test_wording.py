"""French wording of the public pages and e-mails, as a reader meets it."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from seasons.applying.answers import summarize
from seasons.applying.attachment_form import AttachmentsForm
from seasons.applying.forms import ApplicationForm
from seasons.applying.uploads import file_size
from seasons.tests.factories import SubmissionFactory

from .application_helpers import apply_url, complete_answers, complete_files, open_call, start

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


def closed_call():
    now = timezone.now()
    return open_call(opens_at=now - dt.timedelta(days=60), closes_at=now - dt.timedelta(days=1))


def label_of(html, field_id):
    label = re.search(rf'<label class="fr-label" for="{field_id}">(.*?)</label>', html, re.S)
    return re.sub(r"[ \n]+", " ", re.sub(r"<[^>]+>", " ", label.group(1))).strip()


def test_application_form_labels_read_as_french_to_the_applicant(client):
    html = client.get(apply_url(open_call())).content.decode()
    assert (
        label_of(html, "id_website") == "Site web (facultatif) Par exemple https://www.exemple.fr"
    )
    assert label_of(html, "id_heard_about") == "Comment avez-vous connu l’appel ? (facultatif)"
    assert label_of(html, "id_contact_email") == (
        "Votre adresse électronique Nous envoyons à cette adresse le lien vers votre "
        "candidature et toutes ses nouvelles."
    )
    assert label_of(html, "id_statutes") == (
        "Statuts Obligatoire pour les associations. Format : document PDF, OpenDocument ou "
        f"Microsoft Office, ou scan PNG ou JPEG ; 10{NBSP}Mo au plus."
    )
    assert label_of(html, "id_logo") == (
        "Logo (facultatif) Affiché sur votre page publique si vous êtes retenu. "
        f"Format : image PNG ou JPEG ; 10{NBSP}Mo au plus."
    )
    assert f"Chaque fichier peut peser 10{NBSP}Mo au plus, et l’ensemble 25{NBSP}Mo." in html


def test_checkbox_label_and_its_optional_mark_share_one_inline_box(client):
    """The design system's checkbox label is a flexbox: two boxes lose the space between
    them on screen ("programme(facultatif)")."""
    html = client.get(apply_url(open_call())).content.decode()
    assert (
        "<span>Je souhaite recevoir les actualités du programme "
        '<span class="fr-text--regular">(facultatif)</span></span>'
    ) in html


def test_no_field_repeats_its_label_as_its_hint():
    call = open_call()
    fields = [
        *ApplicationForm(call=call, complete=False).fields.values(),
        *AttachmentsForm(existing={}, organisation_type="", complete=False).fields.values(),
    ]
    repeated = [
        str(field.label)
        for field in fields
        if field.help_text and str(field.help_text).rstrip(".") == str(field.label).rstrip(".")
    ]
    assert repeated == []


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (12, "12 octets"),
        (1, "1 octet"),
        (300 * 1024, f"300{NBSP}ko"),
        (10 * 1024 * 1024, f"10{NBSP}Mo"),
        (int(2.5 * 1024 * 1024), f"2,5{NBSP}Mo"),
        (3 * 1024**3, f"3{NBSP}Go"),
    ],
)
def test_file_sizes_are_written_as_people_write_them(size, expected):
    assert file_size(size) == expected


def test_edit_page_of_a_sent_application_does_not_ask_to_send_it(client, post):
    call = open_call()
    post(apply_url(call), start(client, call), "send", complete_answers(), complete_files())
    submission = call.submissions.get()
    html = client.get(reverse("applications:edit", args=[submission.access_key])).content.decode()
    assert "Votre candidature est envoyée. L’appel se clôt le " in html
    assert "Vous pouvez modifier vos réponses jusqu’à la date limite." in html
    assert "Envoyez votre candidature avant" not in html


def test_closed_call_says_when_it_closed_not_to_apply_before(client):
    call = closed_call()
    html = client.get(call.get_absolute_url()).content.decode()
    assert "Candidatures closes le " in html
    assert "Déposez votre projet avant" not in html
    season_html = client.get(call.season.get_absolute_url()).content.decode()
    assert "Candidatures closes le " in season_html
    assert "Déposez votre projet avant" not in season_html


def test_open_call_still_says_to_apply_before_its_deadline(client):
    html = client.get(open_call().get_absolute_url()).content.decode()
    assert "Déposez votre projet avant le " in html
    assert "Candidatures closes" not in html


def test_english_confirmation_has_no_space_before_the_colon(client, post):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    call = open_call()
    post(apply_url(call), start(client, call), "send", complete_answers(), complete_files())
    body = mail.outbox[0].body
    assert "- Name of the organisation: Association Cartes Libres\n" in body
    assert " : " not in body


def test_whole_amounts_in_the_answers_have_no_decimals():
    submission = SubmissionFactory(
        impact_baseline=Decimal("438.00"), impact_target=Decimal("1314.50")
    )
    rows = dict(row for _title, rows in summarize(submission) for row in rows)
    assert (rows["Valeur de départ"], rows["Valeur cible"]) == ("438", f"1{NBSP}314,50")


def test_confirmation_lists_attachments_with_capitalised_labels(client, post):
    call = open_call()
    post(apply_url(call), start(client, call), "send", complete_answers(), complete_files())
    body = mail.outbox[0].body
    assert "- Statuts: " not in body
    lines = [line for line in body.splitlines() if "octets)" in line]
    assert sorted(line.split(" : ")[0] for line in lines) == [
        "- Derniers comptes certifiés",
        "- Présentation",
        "- Statuts",
    ]
