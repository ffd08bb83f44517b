"""The pages of signing a juror in and out: ask for a link, use it, sign out
(`seasons.sign_in_pages`, as the laureate teams' space), routed by `PAGES.urls()`."""

from django.utils.translation import gettext_lazy

from ..sign_in_pages import SignInPages
from . import sign_in

SENT = gettext_lazy(
    "If %(email)s is a juror's address, a sign-in link has just been sent to it. "
    "It works once, within %(minutes)d minutes."
)
SIGNED_OUT = gettext_lazy("You are signed out of the jurors' screens.")

PAGES = SignInPages("juror", "jury", sign_in, "seasons/jury", sent=SENT, signed_out=SIGNED_OUT)
