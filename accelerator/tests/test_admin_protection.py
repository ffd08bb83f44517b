"""The staff area: password and TOTP code, lockout after failures, sessions that end."""

import datetime as dt
import re
import time
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accelerator.sessions import LOGGED_IN_AT

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("chef", "chef@example.org", "pw-chef-1")


def code_of(device, moment=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if moment is None else moment
    return f"{totp.token():06d}"


def post_login(client, password="pw-chef-1", **extra):  # noqa: S107 -- a test account
    return client.post(LOGIN, {"username": "chef", "password": password, **extra})


# --- Second factor ----------------------------------------------------------------------


def test_password_alone_does_not_open_the_admin(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = post_login(client)
    assert response.status_code == 200
    assert (
        "Saisissez le code à 6 chiffres affiché par votre application d’authentification."
        in response.content.decode()
    )
    assert client.get("/admin/").status_code == 302


def test_password_and_code_open_the_admin(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = post_login(client, otp_token=code_of(device))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "Piloter le programme" in client.get("/admin/").content.decode()


def wrong_code_of(device):
    return f"{(int(code_of(device)) + 1) % 1_000_000:06d}"


def errors_of(response):
    return re.findall(r'<p class="errornote">(.*?)</p>', response.content.decode(), re.S)


def test_a_wrong_code_is_refused(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = post_login(client, otp_token=wrong_code_of(device))
    assert errors_of(response) == [WRONG]
    assert client.get("/admin/").status_code == 302


WRONG = (
    "L’identifiant, le mot de passe ou le code est inexact. "
    "Saisissez le code que votre application affiche maintenant."
)
MISSING = (
    "Saisissez le code à 6 chiffres affiché par votre application d’authentification. "
    "Pas encore d’application configurée ? Demandez à un administrateur de vous inscrire."
)


def test_login_page_asks_for_username_password_and_code_at_once(client, staff):
    html = client.get(LOGIN).content.decode()
    assert re.findall(r'<input type="(?:text|password)" name="(\w+)"', html) == [
        "username",
        "password",
        "otp_token",
    ]
    label = "Code de votre application d’authentification\xa0:"
    assert f'<label for="id_otp_token">{label}</label>' in html
    assert "otp_device" not in html


def test_a_missing_code_gets_the_same_answer_whatever_the_password(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    right = post_login(client)
    wrong = post_login(client, password="wrong")
    assert errors_of(right) == errors_of(wrong) == [MISSING]


def test_a_wrong_code_gets_the_same_answer_whatever_the_password(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    right = post_login(client, otp_token=wrong_code_of(device))
    wrong = post_login(client, password="wrong", otp_token=code_of(device))
    assert errors_of(right) == errors_of(wrong) == [WRONG]
    assert client.get("/admin/").status_code == 302


def test_a_refused_next_lands_on_the_admin_index(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = client.post(
        "/admin/login/?next=https://elsewhere.example/",
        {"username": "chef", "password": "pw-chef-1", "otp_token": code_of(device)},
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_staff_without_a_device_cannot_get_in(client, staff):
    response = post_login(client, otp_token="123456")
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_session_logged_in_by_password_only_is_not_enough(client, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, LOGIN)


def test_with_debug_on_the_password_is_enough(client, staff, settings):
    settings.DEBUG = True
    response = post_login(client)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


def test_login_staff_helper_passes_both_factors(client, staff, login_staff):
    assert login_staff(client, staff).get("/admin/").status_code == 200


# --- Enrolment --------------------------------------------------------------------------


def test_enrol_totp_prints_a_uri_whose_codes_open_the_admin(client, staff):
    out = StringIO()
    call_command("enrol_totp", "chef", stdout=out)
    printed = out.getvalue()
    uri = re.search(r"otpauth://totp/\S+", printed).group(0)
    secret = re.search(r"secret=([A-Z2-7]+)&", uri).group(1)
    assert f"à la main (TOTP, 6 chiffres, 30 s) : {secret}\n" in printed
    assert "issuer=Acc%C3%A9l%C3%A9rateur%20d%E2%80%99initiatives%20citoyennes" in uri
    device = TOTPDevice.objects.get(user=staff)
    response = post_login(client, otp_token=code_of(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_enrol_totp_refuses_to_replace_a_device_silently(staff):
    call_command("enrol_totp", "chef", stdout=StringIO())
    with pytest.raises(CommandError, match="a déjà un second facteur"):
        call_command("enrol_totp", "chef", stdout=StringIO())
    first_key = TOTPDevice.objects.get(user=staff).key
    call_command("enrol_totp", "chef", "--replace", stdout=StringIO())
    assert list(TOTPDevice.objects.filter(user=staff).values_list("key", flat=True)) != [first_key]
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_enrol_totp_refuses_unknown_and_non_staff_accounts():
    get_user_model().objects.create_user("visiteur", password="pw-visiteur-1")
    with pytest.raises(CommandError, match="Aucun compte « personne »"):
        call_command("enrol_totp", "personne", stdout=StringIO())
    with pytest.raises(CommandError, match="n’a pas accès à l’espace équipe"):
        call_command("enrol_totp", "visiteur", stdout=StringIO())
    assert TOTPDevice.objects.count() == 0


# --- Lockout (django-axes) ---------------------------------------------------------------


def test_five_failures_lock_the_account_out_with_429(client, staff):
    for _ in range(4):
        assert post_login(client, password="wrong").status_code == 200
    locked = post_login(client, password="wrong")
    assert locked.status_code == 429
    # Even the right password is refused during the lockout.
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    right = post_login(client, otp_token=code_of(device))
    assert right.status_code == 429
    html = right.content.decode()
    assert "<h1>Trop de connexions échouées</h1>" in html
    assert "Après 5 connexions échouées, ce compte est bloqué pour cette connexion." in html
    assert "Réessayez dans 15 minutes." in html
    assert client.get("/admin/").status_code == 302


def test_five_wrong_codes_with_the_right_password_lock_the_account_out(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    for _ in range(4):
        assert errors_of(post_login(client, otp_token=wrong_code_of(device))) == [WRONG]
    assert post_login(client).status_code == 429  # a missing code is a failure too
    assert post_login(client, otp_token=code_of(device)).status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, staff):
    for _ in range(5):
        post_login(client, password="wrong")
    assert post_login(client).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = post_login(client, otp_token=code_of(device))
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_failures_on_another_account_do_not_lock_this_one(client, staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "someone-else", "password": "wrong"})
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = post_login(client, otp_token=code_of(device))
    assert response.status_code == 302


# --- Session lifetime ---------------------------------------------------------------------


def test_staff_session_ends_after_the_fixed_time_even_when_active(client, staff, login_staff):
    login_staff(client, staff)
    session = client.session
    session[LOGGED_IN_AT] = int(time.time()) - 8 * 60 * 60 + 60
    session.save()
    assert client.get("/admin/").status_code == 200  # a minute left: still in
    session = client.session
    session[LOGGED_IN_AT] = int(time.time()) - 8 * 60 * 60
    session.save()
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert "_auth_user_id" not in client.session


def test_session_cookie_lasts_as_long_and_is_not_renewed_by_activity(settings):
    assert settings.SESSION_MAX_AGE == 8 * 60 * 60
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_AGE
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


def test_a_session_without_login_time_is_ended(client, staff, login_staff):
    login_staff(client, staff)
    session = client.session
    del session[LOGGED_IN_AT]
    session.save()
    assert client.get("/admin/").status_code == 302


def test_admin_lists_devices_without_showing_their_secret(client, staff, login_staff):
    login_staff(client, staff)  # creates the staff's device
    device = TOTPDevice.objects.get(user=staff)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert "chef" in listing.content.decode()
    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert change.status_code == 200
    assert device.key not in change.content.decode()
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
