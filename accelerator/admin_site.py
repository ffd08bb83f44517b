"""The staff area: Django's admin behind a password and a TOTP code (django-otp).

Every staff account needs a confirmed TOTP device to get in: `manage.py enrol_totp`
creates one and prints what to scan. With DEBUG on (a developer's machine, `make run`)
the code is not asked, so the demo account gets in at once; with DEBUG off it always is.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


def second_factor_required():
    return not settings.DEBUG


class StaffLoginForm(OTPAdminAuthenticationForm):
    """django-otp's admin login form, with messages that say what to type and where."""

    otp_token = forms.CharField(
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6"}
        ),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _(
            "Enter the 6-digit code shown by your authenticator app. No app set up yet? "
            "Ask an administrator to enrol you."
        ),
        "invalid_token": _(
            "This code is not right, or no longer valid. Enter the code your app shows now."
        ),
    }

    def _chosen_device(self, user):
        """The device chosen in the form or, without a choice, the account's only device.

        django-otp wants an explicit choice (it never tries a code on every device in turn),
        but its login page shows the list only after a first attempt: a staff member typing
        the right password and code was refused once, every time. With one device (what
        `enrol_totp` gives) there is nothing to choose; with several, the list is asked.
        """
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            devices = list(devices_for_user(user, confirmed=True, for_verify=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class StaffAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        # OTPAdminSite names itself "otpadmin"; the project's URLs say "admin:…".
        super().__init__(name)

    @property
    def login_form(self):
        if second_factor_required():
            return StaffLoginForm
        return AdminAuthenticationForm

    @property
    def login_template(self):
        if second_factor_required():
            return OTPAdminSite.login_template
        return None

    def has_permission(self, request):
        if second_factor_required():
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
