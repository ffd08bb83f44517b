"""The public pages of signing in and out of a laureate team's space
(`seasons.sign_in_pages`, as the jurors' screens), routed by `PAGES.urls()`."""

from django.utils.translation import gettext_lazy

from seasons.sign_in_pages import SignInPages

from . import sign_in

SENT = gettext_lazy(
    "If %(email)s belongs to a laureate's team, a sign-in link has just been "
    "sent to it. It works once, within %(minutes)d minutes."
)
SIGNED_OUT = gettext_lazy("You are signed out of the laureate's space.")

PAGES = SignInPages("team", "space", sign_in, "laureates/space", sent=SENT, signed_out=SIGNED_OUT)
