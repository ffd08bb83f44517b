"""Staff sessions end a fixed time after the login, however active they are.

Django's own expiry (SESSION_COOKIE_AGE) is renewed whenever the session is saved, so an
active session could last forever. The time of the login is kept in the session instead,
and AbsoluteSessionExpiryMiddleware logs out any session older than SESSION_MAX_AGE.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

LOGGED_IN_AT = "accelerator_logged_in_at"


@receiver(user_logged_in, dispatch_uid="accelerator_remember_login_time")
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = int(time.time())


def session_is_expired(session, max_age, now=None):
    """A session without a login time is expired too: it predates this rule."""
    logged_in_at = session.get(LOGGED_IN_AT)
    now = time.time() if now is None else now
    return logged_in_at is None or now - logged_in_at >= max_age
