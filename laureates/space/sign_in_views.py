"""The public pages of signing in and out of a laureate team's space
(`seasons.sign_in_pages`, as the jurors' screens), routed by `PAGES.urls()`."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seasons.sign_in_pages import SignInPages

from . import sign_in


def sent(email):
    return _(
        "If %(email)s belongs to a laureate's team, a sign-in link has just been "
        "sent to it. It works once, within %(minutes)d minutes."
    ) % {"email": email, "minutes": settings.TEAM_SIGN_IN_LINK_MINUTES}


def sign_out(request):
    """Forgets the member (always shown as signed out, as before any member)."""
    sign_in.sign_out(request)
    return True


PAGES = SignInPages(
    action="team_sign_in",
    request_template="laureates/space/sign_in.html",
    link_template="laureates/space/sign_in_link.html",
    limits=lambda: (settings.TEAM_SIGN_IN_CLIENT_LIMIT, settings.TEAM_SIGN_IN_ADDRESS_LIMIT),
    send=sign_in.send_sign_in_links,
    sent=sent,
    usable=sign_in.usable_link,
    use=sign_in.use_link,
    signed_in="space:home",
    is_signed_in=lambda request: sign_in.current_member(request) is not None,
    sign_out=sign_out,
    signed_out=gettext_lazy("You are signed out of the laureate's space."),
    sign_in="space:sign_in",
)
