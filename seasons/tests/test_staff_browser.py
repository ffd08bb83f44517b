"""A program manager's day in a real browser: the cockpit, a call's applications on a
1,400 px screen, and a decision taken from an application's own page."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accelerator.tests.test_admin_protection import code_of
from seasons.models import Call, SubmissionStatus
from seasons.selection.roles import PROGRAM_MANAGER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = SubmissionStatus
WIDTH, HEIGHT = 1400, 900


def screenshot(page, tmp_path, name):
    """Kept in SCREENSHOTS (a folder) when set, to be looked at; else in the test's tmp."""
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def sign_in_as_manager(page, settings):
    settings.DEBUG = False  # the second factor is only waived on a developer's machine
    user = User.objects.create_user("responsable", "r@example.org", "pw-resp-1", is_staff=True)
    user.first_name, user.last_name = "Camille", "Responsable"
    user.save()
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto("/admin/")
    page.get_by_label("Nom d’utilisateur").fill("responsable")
    page.get_by_label("Mot de passe").fill("pw-resp-1")
    page.get_by_label("Code de votre application d’authentification").fill(code_of(device))
    page.get_by_role("button", name="Connexion").click()
    return user


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
