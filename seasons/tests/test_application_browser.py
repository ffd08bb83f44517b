"""The applicant's whole journey in a real browser, with axe-core on every page."""

import re

import pytest
from django.core import mail

from accelerator.tests.browser import FOCUSED_ID, tab_to, violations_of
from seasons.models import Submission, SubmissionStatus

from .application_helpers import PDF_BYTES, PNG_BYTES
from .own_form_helpers import own_form_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL_PAGE = "/saisons/saison-2/appels/appel-de-demonstration/"
FORM = "candidater/?organisation_type=association"  # the form, past its eligibility step


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def fill_answers(page, answers):
    for name, value in answers.items():
        if name in ("has_paid_activity", "has_related_structures", "commons_nature"):
            page.locator(f"input[name={name}][value={value}]").check(force=True)
        elif name == "availability_confirmed":
            page.locator("#id_availability_confirmed").check(force=True)
        elif name in ("organisation_type", "heard_about"):
            page.select_option(f"#id_{name}", value)
        else:
            page.fill(f"form [name='{name}']", value)


def test_applicant_journey_from_home_to_withdrawal(page, demo):
    page.goto("/")
    page.get_by_role(
        "link", name=re.compile("Appel ouvert pour essayer le formulaire")
    ).first.click()
    page.wait_for_url(f"**{CALL_PAGE}")
    assert violations_of(page) == []
    page.get_by_role("link", name="Candidater", exact=True).click()
    page.wait_for_url("**/candidater/eligibilite/")
    assert violations_of(page) == []
    page.select_option("#id_organisation_type", "association")
    page.get_by_role("button", name="Continuer vers le formulaire").click()
    page.wait_for_url("**/candidater/?organisation_type=association")
    assert page.input_value("#id_organisation_type") == "association"
    assert violations_of(page) == []

    # Part of the answers, one file, then the draft.
    answers = own_form_answers()
    first_half = dict(list(answers.items())[:10])
    fill_answers(page, first_half)
    page.set_input_files(
        "#id_statutes",
        files=[{"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url("**/modifier/")
    assert "Votre brouillon est enregistré." in page.content()
    draft_email = mail.outbox[-1]
    assert draft_email.to == ["contact@asso-exemple.org"]

    # Come back from the e-mailed link: answers and file are there.
    page.goto(link_in(draft_email))
    assert page.input_value("#id_organisation_name") == "Association Cartes Libres"
    assert "Fichier joint : statuts.pdf" in page.content()

    # The header's language switch saves what was typed, then shows the form in English.
    page.fill("#id_project_name", "Cartes Libres en anglais")
    switch = page.locator(".fr-header__tools-links")
    with page.expect_navigation():
        switch.get_by_role("button", name=re.compile("English")).click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.input_value("#id_project_name") == "Cartes Libres en anglais"
    assert "Attached: statuts.pdf" in page.content()
    assert violations_of(page) == []
    # Enter in a field neither sends the form nor switches language (the first language
    # button, "Français", is enabled on the English page).
    page.press("#id_project_name", "Enter")
    page.wait_for_timeout(500)
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        switch.get_by_role("button", name=re.compile("Français")).click()
    assert page.locator("html").get_attribute("lang") == "fr"

    # Sending with answers missing shows the errors; axe checks that page too.
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert violations_of(page) == []
    page.locator("#error-summary a").first.click()

    fill_answers(page, {**answers, "goal_1": ""})
    page.set_input_files(
        "#id_accounts",
        files=[{"name": "comptes.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.set_input_files(
        "#id_presentation",
        files=[{"name": "projet.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.set_input_files(
        "#id_logo", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": PNG_BYTES}]
    )
    # One answer missing: refused, but every file received stays attached, and is used
    # when sending again without choosing the files again.
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma candidature").click()
    for name in ("statuts.pdf", "comptes.pdf", "projet.pdf", "logo.png"):
        assert f"Fichier joint : {name}" in page.content()
    page.fill("#id_goal_1", answers["goal_1"])
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma candidature").click()
    assert page.locator("#error-summary").count() == 0, page.locator("#error-summary").inner_text()
    assert page.url.endswith("/envoyee/")
    submission = Submission.objects.get(contact_email="contact@asso-exemple.org")
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.reference in page.locator("h1 + p").inner_text()
    assert violations_of(page) == []

    # The status link of the confirmation e-mail.
    confirmation = mail.outbox[-1]
    assert submission.reference in confirmation.subject
    page.goto(link_in(confirmation))
    assert page.locator("#public-status").text_content() == "reçue"
    assert violations_of(page) == []

    # Edit, then withdraw with confirmation.
    page.get_by_role("link", name="Modifier mes réponses").click()
    page.fill("#id_goal_2", "Publier une API")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes modifications").click()
    assert page.locator("#error-summary").count() == 0, page.locator("#error-summary").inner_text()
    assert "Vos modifications sont enregistrées." in page.content()
    submission.refresh_from_db()
    assert submission.answers["goal_2"] == "Publier une API"
    with page.expect_navigation():
        page.get_by_role("link", name="Retirer ma candidature").click()
    assert violations_of(page) == []
    page.get_by_role("button", name="Oui, retirer ma candidature").click()
    page.wait_for_selector("text=Votre candidature est retirée.")
    assert page.locator("#public-status").text_content() == "retirée"
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.WITHDRAWN


def test_keyboard_alone_starts_an_application_and_saves_a_draft(page, demo):
    page.goto(CALL_PAGE)
    tab_to(page, "Candidater", limit=60)
    page.keyboard.press("Enter")
    page.wait_for_url("**/candidater/eligibilite/")
    tab_to(page, "id_organisation_type", focused=FOCUSED_ID)
    page.keyboard.press("ArrowDown")  # "association", the first type
    tab_to(page, "Continuer vers le formulaire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/candidater/?organisation_type=association")
    page.locator("#id_contact_email").focus()
    page.keyboard.type("clavier@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Association au clavier")
    page.locator("button[value=draft]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/modifier/")
    assert Submission.objects.get(contact_email="clavier@example.org").organisation_name == (
        "Association au clavier"
    )


def test_character_counter_counts_down_as_one_types(page, demo):
    page.goto(CALL_PAGE + FORM)
    counter = page.locator("#id_description-counter")
    assert counter.inner_text() == "800 caractères restants"
    page.fill("#id_description", "x" * 799)
    assert counter.inner_text() == "1 caractère restant"


@pytest.mark.parametrize("path", [CALL_PAGE + "questions/", "/candidatures/lien-perdu/"])
def test_questions_page_has_no_accessibility_violation(page, demo, path):
    page.goto(path)
    assert violations_of(page) == []


def test_without_javascript_the_footer_language_switch_keeps_the_answers(
    browser, live_server, demo
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, base_url=live_server.url
    )
    page = context.new_page()
    page.goto(CALL_PAGE + FORM)
    page.fill("#id_contact_email", "sans-js@example.org")
    page.fill("#id_organisation_name", "Association sans script")
    with page.expect_navigation():
        page.locator("#footer").get_by_role("button", name=re.compile("English")).click()
    assert page.url.endswith("/modifier/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.input_value("#id_organisation_name") == "Association sans script"
    assert Submission.objects.get(contact_email="sans-js@example.org").language == "en"
    context.close()
