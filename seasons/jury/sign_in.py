"""Signing an outside juror in by a link e-mailed to them.

No password: the juror types their address, and if it is an active juror's who sits on
a session not closed, an e-mail with a link leaves through the outbox. The link holds a
random token of which only the SHA-256 is stored (`JurorSignInLink`); it is valid
`JUROR_SIGN_IN_LINK_MINUTES` (an invitation's: `JUROR_INVITATION_LINK_HOURS`) and once:
opening it shows a button, and only the button's POST spends it, so that mail scanners
following links do not burn it. The token's helpers are the laureate space's
(`seasons.sign_in_links`).

The session it opens is Django's own (`login`) for an account that is not staff: the
admin refuses it at its door, and `AbsoluteSessionExpiryMiddleware` ends it after
`SESSION_MAX_AGE` as it does staff's.
"""

from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import outbox
from ..models import CommitteeSession, EmailKind, JurorSignInLink, SessionStatus
from ..selection.permissions import is_juror
from ..selection.roles import JUROR
from ..sign_in_links import expiry, new_token, normalized, spend, token_hash, usable

BACKEND = "django.contrib.auth.backends.ModelBackend"


def link_path(token):
    return reverse("jury:sign_in_link", args=[token])


def request_path():
    return reverse("jury:sign_in")


def juror_accounts():
    """Accounts that may sign in here: active, not staff, jurors of an open session."""
    open_sessions = CommitteeSession.objects.exclude(status=SessionStatus.CLOSED)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups__name=JUROR,
            committee_sessions__in=open_sessions,
        )
        .distinct()
    )


def create_link(user, *, minutes=None, now=None):
    """A new sign-in link for `user`; returns its token (only its hash is stored)."""
    now = now or timezone.now()
    token = new_token()
    JurorSignInLink.objects.create(
        user=user,
        token_hash=token_hash(token),
        expires_at=expiry(now, minutes or settings.JUROR_SIGN_IN_LINK_MINUTES),
    )
    return token


def send_sign_in_links(email, absolute_url, *, now=None):
    """E-mail a sign-in link to the juror of `email` (any case); returns how many e-mails
    were queued (0 or 1). Nothing tells an unknown address apart: the page says the same.

    Side effects: one `JurorSignInLink` row (hash only) and one outbox row."""
    juror = juror_accounts().filter(email__iexact=normalized(email)).order_by("pk").first()
    if juror is None:
        return 0
    with transaction.atomic():
        token = create_link(juror, now=now)
        outbox.queue_email(
            kind=EmailKind.JUROR_SIGN_IN,
            to=juror.email,
            template="seasons/email/juror_sign_in",
            context={
                "juror": juror,
                "url": absolute_url(link_path(token)),
                "minutes": settings.JUROR_SIGN_IN_LINK_MINUTES,
                "program_name": settings.PROGRAM_NAME,
            },
            language=settings.LANGUAGE_CODE,
        )
    return 1


def usable_link(token, *, now=None):
    """The link behind `token` if it may still sign in (unused, unexpired, its account
    still a juror of an open session); None otherwise, whatever the reason."""
    now = now or timezone.now()
    links = usable(JurorSignInLink.objects.select_related("user"), token, now)
    return links.filter(user__in=juror_accounts()).first()


def use_link(request, token, *, now=None):
    """Sign the juror in from their link; returns the account, or None when the link
    cannot be used. `login` issues a new session key (no session fixation) and replaces
    whoever was signed in in this browser."""
    now = now or timezone.now()
    link = usable_link(token, now=now)
    if link is None or not spend(link, now):
        return None
    login(request, link.user, backend=BACKEND)
    return link.user


def is_signed_in(request):
    return is_juror(request.user)


def sign_out(request):
    """Signs a juror out and says True; anyone else's session (staff's) is left as it is."""
    if not is_juror(request.user):
        return False
    logout(request)
    return True
