"""The public pages of signing in and out of a laureate team's space."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from seasons.applying import antispam
from seasons.applying.private_pages import FORM_PAGE, private_page

from . import sign_in


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def check_limits(request, email):
    """Every request counts, sent or not, per client and per address: counting only the
    sent ones would tell which addresses belong to a team."""
    antispam.hit_rate_limit(request, "team_sign_in", settings.TEAM_SIGN_IN_CLIENT_LIMIT)
    antispam.hit_rate_limit(
        request,
        "team_sign_in",
        settings.TEAM_SIGN_IN_ADDRESS_LIMIT,
        subject=sign_in.address_key(email),
    )


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def sign_in_request(request):
    """Ask for a sign-in link; the same answer whether or not the address is a member's."""
    if sign_in.current_member(request) is not None:
        return redirect("space:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            check_limits(request, email)
        except antispam.RateLimited:
            refusal = _(
                "Too many links asked in the last hour, for this address or from your "
                "connection. Wait a while before asking again."
            )
            context = {"form": form, "refusal": refusal}
            return render(request, "laureates/space/sign_in.html", context, status=429)
        sign_in.send_sign_in_links(email, request.build_absolute_uri)
        messages.success(
            request,
            _(
                "If %(email)s belongs to a laureate's team, a sign-in link has just been "
                "sent to it. It works once, within %(minutes)d minutes."
            )
            % {"email": email, "minutes": settings.TEAM_SIGN_IN_LINK_MINUTES},
        )
        return redirect("space:sign_in")
    status = 400 if form.errors else 200
    return render(request, "laureates/space/sign_in.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def sign_in_link(request, token):
    """The link of the e-mail: a button to sign in (its POST spends the link). The page's
    address holds the token: "same-origin" keeps it from other sites, and lets the
    browser send the Origin that the CSRF check of the button needs."""
    if request.method == "POST":
        member = sign_in.use_link(request, token)
        if member is not None:
            return redirect("space:home")
    elif sign_in.usable_link(token) is not None:
        return render(request, "laureates/space/sign_in_link.html", {"usable": True})
    return render(request, "laureates/space/sign_in_link.html", {"usable": False}, status=410)


@require_POST
def sign_out(request):
    sign_in.sign_out(request)
    messages.success(request, _("You are signed out of the laureate's space."))
    return redirect("space:sign_in")
