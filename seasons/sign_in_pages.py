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

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
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
    """One space's sign-in pages. `action` names its rate limit; `limits()` gives (per
    client, per address) an hour, read at each request; `send(email, absolute_url)`
    queues the e-mail of a known address; `sent(email)` is the message shown after
    asking, whatever the address; `usable(token)` and `use(request, token)` return None
    when a link cannot sign in; `signed_in` is where a used link leads (and where asking
    for a link leads whoever `is_signed_in(request)`); `sign_out(request)` signs the
    visitor out of this space only and says whether someone was, then `signed_out` is
    shown and `sign_in` (the page asking for a link) follows."""

    action: str
    request_template: str
    link_template: str
    limits: Callable
    send: Callable
    sent: Callable
    usable: Callable
    use: Callable
    signed_in: str
    is_signed_in: Callable
    sign_out: Callable
    signed_out: str
    sign_in: str

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
        if self.is_signed_in(request):
            return redirect(self.signed_in)
        return self.request_page(request)

    def sign_out_view(self, request):
        if self.sign_out(request):
            messages.success(request, self.signed_out)
        return redirect(self.sign_in)

    def request_page(self, request):
        form = SignInForm(request.POST or None)
        template = self.request_template
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            try:
                antispam.hit_sign_in_limits(request, self.action, email, *self.limits())
            except antispam.RateLimited:
                refusal = _(
                    "Too many links asked in the last hour, for this address or from your "
                    "connection. Wait a while before asking again."
                )
                return render(request, template, {"form": form, "refusal": refusal}, status=429)
            self.send(email, request.build_absolute_uri)
            messages.success(request, self.sent(email))
            return redirect(request.path)
        status = 400 if form.errors else 200
        return render(request, template, {"form": form}, status=status)

    def link_page(self, request, token):
        """The link of the e-mail: a button whose POST spends the link and signs in. The
        page's address holds the token: "same-origin" keeps it from other sites, and lets
        the browser send the Origin that the CSRF check of the button needs."""
        if request.method == "POST":
            if self.use(request, token) is not None:
                return redirect(self.signed_in)
        elif self.usable(token) is not None:
            return render(request, self.link_template, {"usable": True})
        return render(request, self.link_template, {"usable": False}, status=410)
