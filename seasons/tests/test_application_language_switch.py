"""Switching language in the middle of the form keeps what was typed (issue 12, point 6).

On the form pages the header's and footer's language buttons submit the form itself: it
is saved, then shown in the chosen language (seasons/applying/form_language.py).
"""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from seasons.models import Submission, SubmissionStatus

from .application_helpers import (
    apply_url,
    complete_answers,
    complete_files,
    open_call,
    stamp_of,
    start,
)

pytestmark = pytest.mark.django_db

ENGLISH_BUTTON = '<button type="submit" form="application-form" name="switch_language" value="en"'


def switch(client, url, stamp, language, data=None, files=None):
    payload = {"stamp": stamp, "switch_language": language, **(data or {}), **(files or {})}
    return client.post(url, payload)


def test_language_buttons_of_the_form_page_submit_the_form(client):
    call = open_call()
    html = client.get(apply_url(call)).content.decode()
    # Header and footer: the form's buttons, never a link leaving the form.
    assert html.count(ENGLISH_BUTTON) == 2
    assert 'href="/langue/' not in html
    assert '<form method="post" action="' + apply_url(call) + '" id="application-form"' in html
    assert (
        '<li hidden><button type="submit" form="application-form" disabled tabindex="-1" '
        'aria-hidden="true"></button></li>'
    ) in html
    assert "Changer de langue enregistre d’abord vos réponses" in html
    # Other pages keep the plain switch.
    call_page = client.get(call.get_absolute_url()).content.decode()
    assert 'href="/langue/en/?next=' in call_page
    assert ENGLISH_BUTTON not in call_page


def test_a_closed_call_shows_no_form_and_keeps_the_plain_switch(client):
    now = timezone.now()
    call = open_call(opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1))
    html = client.get(apply_url(call)).content.decode()
    assert 'id="application-form"' not in html
    assert 'href="/langue/en/?next=' in html
    assert ENGLISH_BUTTON not in html


def test_switching_language_saves_the_draft_and_shows_it_in_english(client):
    call = open_call()
    response = switch(
        client,
        apply_url(call),
        start(client, call),
        "en",
        complete_answers(goal_1=""),
        complete_files(),
    )
    draft = Submission.objects.get()
    edit_url = reverse("applications:edit", args=[draft.access_key])
    assert response.status_code == 302
    assert response["Location"] == edit_url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert draft.status == SubmissionStatus.DRAFT
    assert draft.organisation_name == "Association Cartes Libres"
    assert draft.language == "en"
    assert draft.attachments.count() == 3

    page = client.get(edit_url)
    html = page.content.decode()
    assert page["Content-Language"] == "en"
    assert "Your draft is saved." in html
    assert 'value="Association Cartes Libres"' in html
    assert "Attached: statuts.pdf" in html


def test_switching_language_on_a_blank_form_makes_no_draft(client):
    call = open_call()
    # What a browser posts for a blank form: every text, select and file field empty.
    blank = {name: "" for name in complete_answers() if name != "availability_confirmed"}
    blank.update({"referent2-first_name": "", "statutes": "", "logo": ""})
    response = switch(client, apply_url(call), start(client, call), "en", blank)
    assert response.status_code == 302
    assert response["Location"] == apply_url(call)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert Submission.objects.count() == 0
    assert client.get(apply_url(call))["Content-Language"] == "en"


def test_switching_language_with_a_wrong_answer_keeps_it_in_the_other_language(client):
    call = open_call()
    answers = complete_answers(budget_last_year="beaucoup")
    response = switch(client, apply_url(call), start(client, call), "en", answers)
    html = response.content.decode()
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Your draft is saved, except the answers marked below." in html
    assert 'value="beaucoup"' in html
    assert Submission.objects.get().organisation_name == "Association Cartes Libres"


def test_switching_language_back_to_french(client):
    call = open_call()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = switch(client, apply_url(call), start(client, call), "fr", complete_answers())
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get(response["Location"])["Content-Language"] == "fr"


def test_switching_language_on_a_sent_application_saves_its_changes_and_stays(client, post):
    call = open_call()
    post(apply_url(call), start(client, call), "send", complete_answers(), complete_files())
    submission = Submission.objects.get()
    edit_url = reverse("applications:edit", args=[submission.access_key])
    changed = complete_answers(goal_2="Publier une API")
    response = switch(client, edit_url, stamp_of(client.get(edit_url)), "en", changed)
    submission.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == edit_url
    assert submission.goal_2 == "Publier une API"
    assert submission.status == SubmissionStatus.SUBMITTED


def test_switching_language_never_sends_the_application(client):
    call = open_call()
    payload = {**complete_answers(), "action": "send"}
    response = switch(client, apply_url(call), start(client, call), "en", payload, complete_files())
    assert response.status_code == 302
    assert Submission.objects.get().status == SubmissionStatus.DRAFT


def test_an_unknown_language_is_an_ordinary_draft_save(client):
    call = open_call()
    response = switch(client, apply_url(call), start(client, call), "xx", complete_answers())
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert Submission.objects.get().status == SubmissionStatus.DRAFT
