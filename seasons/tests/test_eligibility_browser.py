"""The eligibility step in a real browser (issue 15): axe-core in each state, the call's
message shown as soon as a refused answer is chosen, focus moved to what the server says,
and the whole step by keyboard."""

import pytest
from django.urls import reverse

from accelerator.tests.browser import FOCUSED_ID, tab_to, violations_of

from .own_form_helpers import call_with_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def step(page, live_server):
    call = call_with_form(title="Appel éligibilité")
    page.goto(reverse("seasons:eligibility", args=[call.season.slug, call.slug]))
    return page


def test_a_refused_answer_shows_the_call_s_message_at_once(step, tmp_path):
    page = step
    alert, next_step = page.locator("#ineligible"), page.locator("[data-eligibility-continue]")
    assert page.locator("h1").inner_text() == "Candidater"
    assert alert.is_hidden() and next_step.is_visible()
    assert violations_of(page) == []
    page.select_option("#id_organisation_type", "company")
    assert alert.is_visible() and next_step.is_hidden()
    assert [line for line in alert.inner_text().splitlines() if line] == [
        "Cet appel ne vous est pas ouvert",
        "Cet appel est ouvert seulement aux structures suivantes : association, administration "
        "publique, association et administration publique ensemble. Une autre structure ne "
        "peut pas envoyer de candidature.",
        "Voir l’appel",
    ]
    assert violations_of(page) == []
    page.screenshot(path=tmp_path / "eligibility-refused-live.png", full_page=True)
    page.select_option("#id_organisation_type", "public_administration")
    assert alert.is_hidden() and next_step.is_visible()


def test_the_server_s_answer_takes_the_focus(step, tmp_path):
    page = step
    page.select_option("#id_organisation_type", "company")
    with page.expect_navigation():  # as a browser without the script would send it
        page.evaluate("document.querySelector('form[data-eligibility-step]').submit()")
    assert page.evaluate("document.activeElement.id") == "ineligible"
    assert page.title().startswith("Non éligible : Qui peut candidater")
    assert page.get_attribute("#id_organisation_type", "aria-invalid") == "true"
    assert violations_of(page) == []
    page.screenshot(path=tmp_path / "eligibility-refused-server.png", full_page=True)
    page.select_option("#id_organisation_type", "")
    with page.expect_navigation():
        page.get_by_role("button", name="Vérifier à nouveau mes réponses").click()
    assert page.evaluate("document.activeElement.id") == "ineligible-errors"
    assert page.locator("#ineligible-errors").inner_text().splitlines() == [
        "Une réponse demande votre attention",
        "Type de structure : Répondez à cette question pour savoir si vous pouvez candidater.",
    ]
    assert violations_of(page) == []


def test_the_whole_step_by_keyboard_leads_to_the_form_answered(step):
    page = step
    tab_to(page, "id_organisation_type", focused=FOCUSED_ID)
    page.keyboard.press("ArrowDown")  # "association", the first type
    assert page.locator("#ineligible").is_hidden()
    tab_to(page, "Continuer vers le formulaire")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/candidater/?organisation_type=association")
    assert page.input_value("#id_organisation_type") == "association"
    assert page.locator("input[name=stamp]").count() == 1
    assert violations_of(page) == []
