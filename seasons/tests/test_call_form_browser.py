"""The staff's preview of a form using every type of question, in a real browser:
axe-core, the keyboard, the conditional question and the errors after a check."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse

from seasons.models import QuestionType

from .call_form_helpers import YES_NO_CHOICES, new_form, question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
T = QuestionType


def violations_of(page):
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in found]


# Screenshots (empty, with errors, after the keyboard walk) go to each test's tmp_path,
# for a person to look at.


def every_type_form():
    form = new_form(sections=2)
    form.ineligible_message_fr = "Cet appel est réservé aux associations."
    form.save()
    q = {"required": True}
    question(form, "nom", T.SHORT_TEXT, label_fr="Nom du projet", max_length=100, **q)
    question(form, "resume", T.LONG_TEXT, label_fr="Résumé", max_length=300, hint_fr="En bref.")
    question(form, "budget", T.NUMBER, label_fr="Budget", min_value=0, unit="euros", **q)
    question(form, "courriel", T.EMAIL, label_fr="Courriel", **q)
    question(form, "site", T.URL, label_fr="Site web")
    question(form, "telephone", T.PHONE, label_fr="Téléphone")
    question(form, "creation", T.DATE, label_fr="Date de création")
    question(
        form,
        "structure",
        T.ONE_CHOICE,
        label_fr="Type de structure",
        choices=YES_NO_CHOICES,
        is_eligibility=True,
        eligible_values=["association"],
        **q,
    )
    question(
        form,
        "public",
        T.ONE_CHOICE,
        label_fr="Public visé",
        choice_widget="select",
        choices=[{"value": "jeunes", "label_fr": "jeunes"}, {"value": "tous", "label_fr": "tous"}],
    )
    question(form, "themes", T.SEVERAL_CHOICES, label_fr="Thèmes", choices=YES_NO_CHOICES)
    paid = question(form, "payant", T.YES_NO, label_fr="Activité payante ?", **q)
    question(
        form,
        "details",
        T.LONG_TEXT,
        label_fr="Précisez l’activité payante",
        max_length=200,
        condition_question=paid,
        condition_values=["True"],
        **q,
    )
    question(form, "accord", T.CHECKBOX, label_fr="J’accepte les engagements du programme", **q)
    question(form, "statuts", T.FILE, section=2, label_fr="Statuts", file_kinds=["documents"], **q)
    group = question(
        form, "referents", T.GROUP, section=2, label_fr="Référent", min_count=1, max_count=2
    )
    question(form, "prenom", T.SHORT_TEXT, group=group, position=1, label_fr="Prénom", **q)
    question(form, "email", T.EMAIL, group=group, position=2, label_fr="Courriel", **q)
    return form


@pytest.fixture
def preview(page, live_server, client, login_staff):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "x")
    session = login_staff(client, user).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    form = every_type_form()
    page.goto(reverse("admin:seasons_callform_preview", args=[form.pk]))
    return page


def focused_name(page):
    return page.evaluate("document.activeElement.name || document.activeElement.id")


def test_preview_of_every_type_passes_axe_empty_and_with_errors(preview, tmp_path):
    page = preview
    assert page.locator("h1").inner_text() == "Candidater"
    assert page.locator("[data-shown-when='payant']").is_hidden()
    assert violations_of(page) == []
    page.screenshot(path=tmp_path / "preview-empty.png", full_page=True)

    page.get_by_role("button", name="Vérifier les réponses comme à l’envoi").click()
    page.wait_for_selector("#error-summary")
    summary = page.locator("#error-summary").inner_text()
    required = "Ce champ est obligatoire."
    # The details are not asked: their condition is not met.
    assert summary.splitlines() == [
        "9 réponses demandent votre attention",
        *[
            f"{label} : {required}"
            for label in ["Nom du projet", "Budget", "Courriel", "Type de structure"]
        ],
        f"Activité payante ? : {required}",
        f"J’accepte les engagements du programme : {required}",
        f"Statuts : {required}",
        f"Prénom : {required}",
        f"Courriel : {required}",
    ]
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_attribute("#id_nom", "aria-invalid") == "true"
    assert page.get_attribute("#id_nom", "aria-describedby") == "id_nom-messages"
    assert violations_of(page) == []
    page.screenshot(path=tmp_path / "preview-errors.png", full_page=True)


def test_the_whole_preview_by_keyboard_with_the_conditional_question(preview, tmp_path):
    page = preview
    page.focus("#id_nom")
    reached = []
    for _ in range(40):
        name = focused_name(page)
        if name == "payant":
            # "Oui" chosen with the keyboard: the details appear and come next.
            page.keyboard.press("Space")
            assert page.locator("[data-shown-when='payant']").is_visible()
        reached.append(name)
        page.keyboard.press("Tab")
        if focused_name(page) == "":
            break
    expected = [
        *["nom", "resume", "budget", "courriel", "site", "telephone", "creation", "structure"],
        *["public", "themes", "payant", "details", "accord", "statuts"],
        *["referents-1-prenom", "referents-1-email", "referents-2-prenom", "referents-2-email"],
    ]
    visited = [name for n, name in enumerate(reached) if name and name not in reached[:n]]
    assert [name for name in visited if name in expected] == expected
    assert page.is_checked("#id_payant_0")
    page.fill("#id_details", "Des formations payantes.")
    page.screenshot(path=tmp_path / "preview-keyboard.png", full_page=True)
