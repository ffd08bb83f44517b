"""A program manager's day in a real browser: the cockpit, a call's applications on a
1,400 px screen, and a decision taken from an application's own page."""

import datetime as dt
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accelerator.tests.browser import violations_of
from accelerator.tests.test_admin_protection import code_of
from seasons.models import Call, DecisionEmailTemplate, Submission, SubmissionStatus
from seasons.outbox import DEFAULT_DECISION_EMAILS
from seasons.selection.roles import PROGRAM_MANAGER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = SubmissionStatus
WIDTH, HEIGHT = 1400, 900


def screenshot(page, tmp_path, name, full_page=True):
    """Kept in SCREENSHOTS (a folder) when set, to be looked at; else in the test's tmp."""
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=full_page)


def sign_in_as_manager(page, settings):
    user = User.objects.create_user("responsable", "r@example.org", "pw-resp-1", is_staff=True)
    user.first_name, user.last_name = "Camille", "Responsable"
    user.save()
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    return sign_in(page, settings, user, "pw-resp-1")


def sign_in(page, settings, user, password):
    """`user` signs in on a 1,400 px screen, past both factors."""
    settings.DEBUG = False  # the second factor is only waived on a developer's machine
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto("/admin/")
    page.get_by_label("Nom d’utilisateur").fill(user.get_username())
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_label("Code de votre application d’authentification").fill(code_of(device))
    page.get_by_role("button", name="Connexion").click()
    return user


# What axe-core finds in the stock admin's change page, not in what this project adds:
# Django's tabular inlines (files, history, e-mails) head their first and last columns
# with empty cells. Recorded here so that any other violation fails the test.
STOCK_CHANGE_PAGE_VIOLATIONS = {"empty-table-header"}


def rules_violated(page, context=None):
    return {v["id"] for v in Axe().run(page, context=context).response["violations"]}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_a_calls_applications_fit_a_1400_px_screen(page, demo, settings, tmp_path):
    sign_in_as_manager(page, settings)
    call = Call.objects.get(slug="communs-numeriques-2e-releve")
    page.goto(f"/admin/seasons/submission/?call__id__exact={call.pk}")
    expect(page.locator("#result_list")).to_be_visible()
    screenshot(page, tmp_path, "applications-list")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # Nor inside the list, which scrolls on its own when too wide.
    assert page.evaluate(
        "(r => r.scrollWidth <= r.clientWidth)(document.querySelector('.results'))"
    )
    headers = [h.strip() for h in page.locator("#result_list thead th").all_text_contents()]
    assert [h for h in headers if h] == [
        "Référence",
        "Projet",
        "Appel",
        "Statut",
        "Note",
        "Évaluations",
        "Déposée le",
    ]
    filters = page.locator("#changelist-filter").bounding_box()
    for header in ["Statut", "Note", "Évaluations", "Déposée le"]:
        box = page.locator("#result_list thead th", has_text=header).bounding_box()
        assert box["x"] + box["width"] <= filters["x"]
    cell = page.locator("#result_list td.field-call_label span").first
    assert cell.get_attribute("title") == "Communs numériques — 2e relève"


def test_a_manager_goes_from_the_cockpit_to_a_decision_on_an_applications_page(
    page, demo, settings, tmp_path
):
    # The decision e-mails a migration writes, gone if an earlier browser test's flush
    # emptied the tables.
    for (status, language), (subject, body) in DEFAULT_DECISION_EMAILS.items():
        DecisionEmailTemplate.objects.get_or_create(
            status=status, language=language, defaults={"subject": subject, "body": body}
        )
    # The demo's second call, as if its deadline had passed ten days ago.
    call = Call.objects.get(slug="communs-numeriques-2e-releve")
    call.opens_at = timezone.now() - dt.timedelta(days=100)
    call.closes_at = timezone.now() - dt.timedelta(days=10)
    call.save()
    sign_in_as_manager(page, settings)
    expect(page.get_by_role("heading", name="Les appels et leur sélection")).to_be_visible()
    assert page.url.endswith("/admin/")
    screenshot(page, tmp_path, "cockpit")
    assert violations_of(page) == []
    assert no_horizontal_scroll(page)

    page.locator(f"#cockpit-call-{call.pk} h3 a").click()
    expect(page.locator("#result_list")).to_be_visible()
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="Circuit court").click()
    decide = page.locator("#decide")
    expect(decide.get_by_role("heading")).to_have_text("Décider (actuellement « en instruction »)")
    screenshot(page, tmp_path, "application-page", full_page=False)
    assert rules_violated(page, "#decide") == set()
    assert rules_violated(page) == STOCK_CHANGE_PAGE_VIOLATIONS

    # By keyboard: the decision is a link-button reached and followed like any link.
    decide.get_by_role("link", name="Présélectionner").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#allowed")).to_contain_text("Circuit court")
    page.get_by_label("Motif (gardé dans l’historique du statut, jamais envoyé)").fill(
        "Retenu pour le jury"
    )
    screenshot(page, tmp_path, "decision-confirmation")
    assert violations_of(page) == []
    page.get_by_role("button", name="Confirmer").click()
    expect(page.locator("ul.messagelist")).to_contain_text(
        "1 candidature modifiée, 1 courriel préparé dans la boîte d’envoi."
    )
    expect(page.locator("#decide h2")).to_have_text("Décider (actuellement « présélectionnée »)")
    submission = Submission.objects.get(project_name="Circuit court")
    assert submission.status == S.SHORTLISTED
    assert submission.transitions.latest("at").reason == "Retenu pour le jury"
    screenshot(page, tmp_path, "application-decided", full_page=False)
