"""A staff member signs in as a person would: three fields, a code from the phone."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accelerator.tests.browser import violations_of
from accelerator.tests.test_admin_protection import code_of, wrong_code_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_signs_in_with_password_and_code_on_the_first_try(page, settings):
    settings.DEBUG = False  # the second factor is only waived on a developer's machine
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/admin/")
    assert violations_of(page) == []
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill("pw-chef-1")
    # What the authenticator app shows now, computed from the device's key.
    page.get_by_label("Code de votre application d’authentification").fill(code_of(device))
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("heading", name="Piloter le programme")).to_be_visible()
    assert page.url.endswith("/admin/")


def test_staff_sees_one_answer_for_a_wrong_code(page, settings):
    settings.DEBUG = False
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill("pw-chef-1")
    page.get_by_label("Code de votre application d’authentification").fill(wrong_code_of(device))
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator(".errornote")).to_have_text(
        "L’identifiant, le mot de passe ou le code est inexact. "
        "Saisissez le code que votre application affiche maintenant."
    )
    assert violations_of(page) == []
