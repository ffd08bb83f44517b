"""The applicant who lost their private link asks for it again."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import antispam, services
from .private_pages import FORM_PAGE, private_page


class LostLinkForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("The e-mail address you gave in your application"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@require_http_methods(["GET", "POST"])
@private_page(FORM_PAGE)
def lost_link(request):
    """Send the private links again to the address of the applications."""
    form = LostLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Every request counts, whether or not an e-mail goes out: counting only the sent
        # ones would let the limit tell which addresses have applications.
        try:
            antispam.hit_rate_limit(request, "lost_link", settings.APPLICATION_DRAFT_EMAIL_LIMIT)
        except antispam.RateLimited as refusal:
            return render(
                request,
                "seasons/lost_link.html",
                {"form": form, "refusal": str(refusal)},
                status=429,
            )
        services.send_links_again(form.cleaned_data["email"], request.build_absolute_uri)
        messages.success(
            request,
            _(
                "If applications were made with %(email)s, we have just sent their links "
                "to this address."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("applications:lost_link")
    return render(
        request, "seasons/lost_link.html", {"form": form}, status=400 if form.errors else 200
    )
