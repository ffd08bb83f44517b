"""The pages of signing a juror in and out: ask for a link, use it, sign out
(`seasons.sign_in_pages`, as the laureate teams' space), routed by `PAGES.urls()`."""

from django.conf import settings
from django.contrib.auth import logout
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..selection.permissions import is_juror
from ..sign_in_pages import SignInPages
from . import sign_in


def sent(email):
    return _(
        "If %(email)s is a juror's address, a sign-in link has just been sent to it. "
        "It works once, within %(minutes)d minutes."
    ) % {"email": email, "minutes": settings.JUROR_SIGN_IN_LINK_MINUTES}


def sign_out(request):
    """Signs a juror out; anyone else's session (staff's) is left as it is."""
    if not is_juror(request.user):
        return False
    logout(request)
    return True


PAGES = SignInPages(
    action="juror_sign_in",
    request_template="seasons/jury/sign_in.html",
    link_template="seasons/jury/sign_in_link.html",
    limits=lambda: (settings.JUROR_SIGN_IN_CLIENT_LIMIT, settings.JUROR_SIGN_IN_ADDRESS_LIMIT),
    send=sign_in.send_sign_in_link,
    sent=sent,
    usable=sign_in.usable_link,
    use=sign_in.use_link,
    signed_in="jury:home",
    is_signed_in=lambda request: is_juror(request.user),
    sign_out=sign_out,
    signed_out=gettext_lazy("You are signed out of the jurors' screens."),
    sign_in="jury:sign_in",
)
