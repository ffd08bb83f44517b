"""Signing a team member in by a link e-mailed to them, and who is signed in.

No password: the member types their address, and if it belongs to an active member an
e-mail with a link leaves through the outbox (`seasons.outbox.queue`). The link holds a
random token; only its SHA-256 is stored (`SignInLink.token_hash`; the helpers are
shared with the jurors' links in `seasons.sign_in_links`). It is valid
`TEAM_SIGN_IN_LINK_MINUTES` and once: opening it shows a button, and only the button's
POST uses it (mail scanners that follow links must not burn it).

The session it opens is not Django's authentication: two keys in the session (who,
until when), never a `User`. It lasts `TEAM_SESSION_HOURS`, and every request reads the
membership again, so a revoked member is out at their next click.
"""

import time

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from seasons.models import EmailKind
from seasons.outbox import queue
from seasons.sign_in_links import expiry, new_token, spend, token_hash, usable

from ..models import SignInLink, TeamMember
from .membership import normalized

MEMBER_KEY = "laureate_space:member"
UNTIL_KEY = "laureate_space:until"


def create_link(member, *, now=None):
    """A new sign-in link for `member`; returns its token (only its hash is stored)."""
    now = now or timezone.now()
    token = new_token()
    SignInLink.objects.create(
        member=member,
        token_hash=token_hash(token),
        expires_at=expiry(now, settings.TEAM_SIGN_IN_LINK_MINUTES),
    )
    return token


def send_sign_in_links(email, absolute_url, *, now=None):
    """E-mail a sign-in link to each active membership of `email` (one address may be in
    several teams); returns how many e-mails were queued. Nothing is sent, and nothing
    tells the caller apart, for an unknown or revoked address: the page says the same.

    Side effects: one `SignInLink` row (hash only) and one outbox row per membership.
    """
    now = now or timezone.now()
    members = TeamMember.objects.active().filter(email=normalized(email)).select_related("laureate")
    sent = 0
    with transaction.atomic():
        for member in members:
            token = create_link(member, now=now)
            url = absolute_url(reverse("space:sign_in_link", args=[token]))
            context = {
                "member": member,
                "url": url,
                "minutes": settings.TEAM_SIGN_IN_LINK_MINUTES,
                "hours": settings.TEAM_SESSION_HOURS,
            }
            with translation.override(settings.LANGUAGE_CODE):
                subject = render_to_string("laureates/email/sign_in_subject.txt", context)
                body = render_to_string("laureates/email/sign_in_body.txt", context)
            queue(
                kind=EmailKind.SIGN_IN_LINK,
                to=member.email,
                subject=" ".join(subject.split()),
                body=body,
            )
            sent += 1
    return sent


def usable_link(token, *, now=None):
    """The link behind `token` if it may still sign in (unused, not expired, member
    active); None otherwise, whatever the reason."""
    now = now or timezone.now()
    links = SignInLink.objects.select_related("member__laureate")
    return usable(links, token, now).filter(member__revoked_at__isnull=True).first()


def use_link(request, token, *, now=None):
    """Sign the member in from their link; returns the member, or None when the link
    cannot be used. The link is spent by a conditional update: of two tabs posting it at
    once, one signs in. A new session key is issued (no session fixation); a staff
    member's own sign-in in the same browser is left as it is."""
    now = now or timezone.now()
    link = usable_link(token, now=now)
    if link is None:
        return None
    if not spend(link, now):
        return None
    request.session.cycle_key()
    request.session[MEMBER_KEY] = link.member_id
    request.session[UNTIL_KEY] = time.time() + settings.TEAM_SESSION_HOURS * 3600
    return link.member


def current_member(request):
    """The signed-in, still active member (with their laureate), or None. An expired
    session or a revoked membership forgets the member at once."""
    member_id = request.session.get(MEMBER_KEY)
    if member_id is None:
        return None
    if request.session.get(UNTIL_KEY, 0) > time.time():
        member = TeamMember.objects.active().select_related("laureate").filter(pk=member_id).first()
        if member is not None:
            return member
    sign_out(request)
    return None


def is_signed_in(request):
    return current_member(request) is not None


def sign_out(request):
    """Forget the member; leaves anything else in the session (a staff sign-in). Returns
    True even when no member was signed in: the page says "signed out" to anyone."""
    request.session.pop(MEMBER_KEY, None)
    request.session.pop(UNTIL_KEY, None)
    return True
