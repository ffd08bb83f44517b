"""The e-mails to applicants: every one kept, with its status; decision templates."""

from django import forms
from django.contrib import admin
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext_lazy as _

from .. import outbox, private_links
from ..models import DecisionEmailTemplate, EmailStatus, OutboundEmail
from .applications import PartOfApplicationAdmin


class DraftEmailForm(forms.ModelForm):
    """A draft as staff edit it: its private links shown as "[private link]" (they hold the
    applicant's key, which no staff screen shows) and put back as placeholders on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("subject", "body"):
            if name in self.initial:
                self.initial[name] = private_links.mask(self.initial[name])

    def unmask(self, name):
        original = getattr(self.instance, name) if self.instance.pk else ""
        return private_links.unmask(self.cleaned_data[name], self.instance.submission, original)

    def clean_subject(self):
        return self.unmask("subject")

    def clean_body(self):
        return self.unmask("body")


@admin.register(OutboundEmail)
class OutboundEmailAdmin(PartOfApplicationAdmin):
    """The outbox. Decision e-mails wait here as drafts: staff read them, edit them one by
    one if they wish, and send them (all or a selection). Nothing leaves by itself.
    Private links are never shown: "[private link]" stands for each (`private_links`)."""

    form = DraftEmailForm
    list_display = [
        "created_at",
        "kind",
        "to",
        "masked_subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["submission"]
    search_fields = ["to", "subject", "submission__reference"]
    fields = [
        "submission",
        "kind",
        "to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "send_after",
        "sent_at",
    ]
    actions = ["send_selected"]

    def has_add_permission(self, request):
        return False

    def editable(self, request, obj):
        return (
            obj is not None
            and obj.status == EmailStatus.DRAFT
            and self.has_change_permission(request, obj)
        )

    def get_fields(self, request, obj=None):
        if self.editable(request, obj):
            return self.fields
        masked = {"subject": "masked_subject", "body": "masked_body"}
        return [masked.get(name, name) for name in self.fields]

    def get_readonly_fields(self, request, obj=None):
        fields = self.get_fields(request, obj)
        if self.editable(request, obj):
            return [name for name in fields if name not in ("subject", "body")]
        return fields

    @admin.display(description=_("subject"), ordering="subject")
    def masked_subject(self, obj):
        return private_links.mask(obj.subject)

    @admin.display(description=_("body"))
    def masked_body(self, obj):
        return linebreaksbr(private_links.mask(obj.body), autoescape=True)

    @admin.action(
        description=_("Send the selected e-mails (drafts, waiting or failed)"),
        permissions=["change"],  # not the read-only observer
    )
    def send_selected(self, request, queryset):
        released = outbox.release_emails(queryset)
        message = _("%(sent)d sent, %(failed)d failed.") % released._asdict()
        if released.waiting:
            message += (
                " "
                + _("%(waiting)d waiting: the mail process sends them within a minute.")
                % released._asdict()
            )
        self.message_user(request, message)


@admin.register(DecisionEmailTemplate)
class DecisionEmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["status", "language", "subject"]
    list_filter = ["status", "language"]
