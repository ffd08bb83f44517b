"""The staff area: Django's admin behind a password and a TOTP code (django-otp).

Its home is the cockpit (`accelerator.cockpit`): the blocks the apps register, then the
program's own apps; the other apps (accounts, second factor, lockouts, sites and pages)
under "System", for superusers only.

Every staff account needs a confirmed TOTP device to get in: `manage.py enrol_totp`
creates one and prints what to scan. With DEBUG on (a developer's machine, `make run`)
the code is not asked, so the demo account gets in at once; with DEBUG off it always is.
"""

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import cockpit
from .admin_access import HiddenIsMissing
from .admin_nav import KeptAppListSite

# The apps of the program itself; every other one is the system's.
PROGRAM_APPS = ("seasons", "laureates")


def second_factor_required():
    return not settings.DEBUG


class StaffLoginForm(AdminAuthenticationForm):
    """One page, three fields: username, password and the code of the authenticator app.

    django-otp's own form wants a device chosen in a second step, which made every first
    try fail; staff have one TOTP device each (`enrol_totp`), so the code is checked
    against the account's confirmed devices. Whatever is wrong (the password, the code, or
    both), the answer is the same, so that the page never confirms a password without its
    code; each such failure is counted by django-axes as a failed login.
    """

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6"}
        ),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "token_required": _(
            "Enter the 6-digit code shown by your authenticator app. No app set up yet? "
            "Ask an administrator to enrol you."
        ),
        "invalid_login": _(
            "The username, the password or the code is not right. Enter the code your app "
            "shows now."
        ),
    }

    def clean(self):
        token = (self.cleaned_data.get("otp_token") or "").strip()
        try:
            # Password first (django-axes counts and locks out there), then the code.
            super().clean()
            if self.user_cache is not None:
                self.user_cache.otp_device = self.verified_device(self.user_cache, token)
        except forms.ValidationError:
            if not token:
                raise forms.ValidationError(
                    self.error_messages["token_required"], code="token_required"
                ) from None
            raise
        return self.cleaned_data

    def verified_device(self, user, token):
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True):
            allowed, _extra = device.verify_is_allowed()
            if token and allowed and device.verify_token(token):
                return device
        # The password was right: still a failed login, for the page and for django-axes.
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data.get("username")},
            request=self.request,
        )
        self.user_cache = None
        raise self.get_invalid_login_error()


class StaffAdminSite(KeptAppListSite, OTPAdminSite):
    index_template = "admin/cockpit.html"

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
            return "admin/staff_login.html"
        return None

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, ours and third-party ones, answers hidden objects as missing
        ones (`accelerator.admin_access`)."""
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, HiddenIsMissing):
            admin_class = type(
                admin_class.__name__,
                (HiddenIsMissing, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        if second_factor_required():
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def index(self, request, extra_context=None):
        apps = self.get_app_list(request)
        context = {
            "cockpit_blocks": cockpit.blocks_for(request),
            "program_apps": [app for app in apps if app["app_label"] in PROGRAM_APPS],
            "system_apps": (
                [app for app in apps if app["app_label"] not in PROGRAM_APPS]
                if request.user.is_superuser
                else []
            ),
            **(extra_context or {}),
        }
        return super().index(request, context)
