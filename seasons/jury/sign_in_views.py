"""The pages of signing a juror in and out: ask for a link, use it, sign out
(`seasons.sign_in_pages`, as the laureate teams' space)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..applying.private_pages import FORM_PAGE, private_page
from ..selection.permissions import is_juror
from ..sign_in_pages import SignInPages
from . import sign_in


def sent(email):
    return _(
        "If %(email)s is a juror's address, a sign-in link has just been sent to it. "
        "It works once, within %(minutes)d minutes."
    ) % {"email": email, "minutes": settings.JUROR_SIGN_IN_LINK_MINUTES}


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
)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def sign_in_request(request):
    """Ask for a sign-in link; the same answer whether or not the address is a juror's."""
    if is_juror(request.user):
        return redirect("jury:home")
    return PAGES.request_page(request)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def sign_in_link(request, token):
    """The link of the e-mail: a button whose POST spends the link and signs in."""
    return PAGES.link_page(request, token)


@require_POST
def sign_out(request):
    """Signs a juror out; anyone else's session (staff's) is left as it is."""
    if is_juror(request.user):
        logout(request)
        messages.success(request, _("You are signed out of the jurors' screens."))
    return redirect("jury:sign_in")
