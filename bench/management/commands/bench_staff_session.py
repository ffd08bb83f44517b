"""`manage.py bench_staff_session`: a staff session past both factors, for the load tool.

The benchmark measures the admin as staff see it, so it needs what the login form and the
TOTP code would have put in a session. It prints the session key, to send as the session
cookie; the session lives in SESSION_ENGINE's store, like any other.
"""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management.base import BaseCommand
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accelerator.sessions import LOGGED_IN_AT


class Command(BaseCommand):
    help = "Create the bench superuser if needed and print a session key past the TOTP factor."

    def handle(self, *args, **options):
        from importlib import import_module

        user, _created = get_user_model().objects.get_or_create(
            username="bench-admin",
            defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"},
        )
        user.set_unusable_password()
        user.save()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[LOGGED_IN_AT] = int(time.time())
        session.create()
        self.stdout.write(session.session_key)
