"""The two public pages of every e-mailed sign-in (the laureate teams' space, the
jurors' screens), configured by each: asking for a link, and using it.

- `SignInPages.request_page`: the visitor types an address; every request counts toward the limits
  per client and per address (counting only the links sent would tell which addresses
  are known), then `send` queues the e-mail if the address is known, and the answer is
  the same either way.
- `SignInPages.link_page`: the link of the e-mail shows a button; only the button's POST (`use`)
  spends it, since mail scanners that follow links must not burn it.

`SignInPages.urls()` routes both, and signing out, under one space's URLconf.
"""

from dataclasses import dataclass
from types import ModuleType

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .applying import antispam
from .applying.private_pages import FORM_PAGE, private_page


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@dataclass(frozen=True)
class SignInPages:
    """One space's sign-in pages.

    `who` ("team", "juror") names the rate limit (`<who>_sign_in`) and the settings read
    at each request: <WHO>_SIGN_IN_CLIENT_LIMIT and <WHO>_SIGN_IN_ADDRESS_LIMIT (links
    asked an hour per client, per address) and <WHO>_SIGN_IN_LINK_MINUTES (for `sent`).
    `space` is the namespace of the space's URLconf: a used link leads to its `home` (as
    does asking for a link, for whoever is signed in), signing out to its `sign_in`.
    `links` is the space's sign-in module: `send_sign_in_links(email, absolute_url)`
    queues the e-mail of a known address; `usable_link(token)` and `use_link(request,
    token)` return None when a link cannot sign in; `is_signed_in(request)`;
    `sign_out(request)` signs the visitor out of this space only and says whether someone
    was. `templates` is the folder of `sign_in.html` (asking) and `sign_in_link.html` (the
    link's page). `sent` is the message shown after asking, whatever the address (with
    %(email)s and %(minutes)d), and `signed_out` the one after signing out."""

    who: str
    space: str
    links: ModuleType
    templates: str
    sent: str
    signed_out: str

    def setting(self, name):
        return getattr(settings, f"{self.who.upper()}_SIGN_IN_{name}")

    def urls(self):
        """The three addresses of a space's URLconf: ask for a link, use it, sign out."""
        form_page = require_http_methods(["GET", "POST"])
        return [
            path(
                "connexion/", form_page(private_page(FORM_PAGE)(self.request_view)), name="sign_in"
            ),
            path(
                "connexion/<str:token>/",
                form_page(private_page(FORM_PAGE)(self.link_page)),
                name="sign_in_link",
            ),
            path("deconnexion/", require_POST(self.sign_out_view), name="sign_out"),
        ]

    def request_view(self, request):
        """Ask for a sign-in link; the same answer whether or not the address is known."""
        if self.links.is_signed_in(request):
            return redirect(f"{self.space}:home")
        return self.request_page(request)

    def sign_out_view(self, request):
        if self.links.sign_out(request):
            messages.success(request, self.signed_out)
        return redirect(f"{self.space}:sign_in")

    def request_page(self, request):
        form = SignInForm(request.POST or None)
        template = f"{self.templates}/sign_in.html"
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            try:
                limits = self.setting("CLIENT_LIMIT"), self.setting("ADDRESS_LIMIT")
                antispam.hit_sign_in_limits(request, f"{self.who}_sign_in", email, *limits)
            except antispam.RateLimited:
                refusal = _(
                    "Too many links asked in the last hour, for this address or from your "
                    "connection. Wait a while before asking again."
                )
                return render(request, template, {"form": form, "refusal": refusal}, status=429)
            self.links.send_sign_in_links(email, request.build_absolute_uri)
            sent = self.sent % {"email": email, "minutes": self.setting("LINK_MINUTES")}
            messages.success(request, sent)
            return redirect(request.path)
        status = 400 if form.errors else 200
        return render(request, template, {"form": form}, status=status)

    def link_page(self, request, token):
        """The link of the e-mail: a button whose POST spends the link and signs in. The
        page's address holds the token: "same-origin" keeps it from other sites, and lets
        the browser send the Origin that the CSRF check of the button needs."""
        template = f"{self.templates}/sign_in_link.html"
        if request.method == "POST":
            if self.links.use_link(request, token) is not None:
                return redirect(f"{self.space}:home")
        elif self.links.usable_link(token) is not None:
            return render(request, template, {"usable": True})
        return render(request, template, {"usable": False}, status=410)
