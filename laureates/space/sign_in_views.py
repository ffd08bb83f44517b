"""The public pages of signing in and out of a laureate team's space
(`seasons.sign_in_pages`, as the jurors' screens)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from seasons.applying.private_pages import FORM_PAGE, private_page
from seasons.sign_in_pages import SignInPages

from . import sign_in


def sent(email):
    return _(
        "If %(email)s belongs to a laureate's team, a sign-in link has just been "
        "sent to it. It works once, within %(minutes)d minutes."
    ) % {"email": email, "minutes": settings.TEAM_SIGN_IN_LINK_MINUTES}


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
)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def sign_in_request(request):
    """Ask for a sign-in link; the same answer whether or not the address is a member's."""
    if sign_in.current_member(request) is not None:
        return redirect("space:home")
    return PAGES.request_page(request)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def sign_in_link(request, token):
    """The link of the e-mail: a button to sign in (its POST spends the link). The page's
    address holds the token: "same-origin" keeps it from other sites, and lets the
    browser send the Origin that the CSRF check of the button needs."""
    return PAGES.link_page(request, token)


@require_POST
def sign_out(request):
    sign_in.sign_out(request)
    messages.success(request, _("You are signed out of the laureate's space."))
    return redirect("space:sign_in")
