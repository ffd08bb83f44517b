"""The e-mails to applicants: every one kept, with its status; decision templates."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import decisions
from ..models import DecisionEmailTemplate, EmailStatus, OutboundEmail
from .applications import PartOfApplicationAdmin


@admin.register(OutboundEmail)
class OutboundEmailAdmin(PartOfApplicationAdmin):
    """The outbox. Decision e-mails wait here as drafts: staff read them, edit them one by
    one if they wish, and send them (all or a selection). Nothing leaves by itself."""

    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "sent_at"]
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
        "sent_at",
    ]
    actions = ["send_selected"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == EmailStatus.DRAFT:
            return [name for name in self.fields if name not in ("subject", "body")]
        return self.fields

    # Sending is acting: observers, who only read, do not get the action.
    @admin.action(
        description=_("Send the selected e-mails (drafts, waiting or failed)"),
        permissions=["change"],
    )
    def send_selected(self, request, queryset):
        sent, failed = decisions.release_emails(queryset)
        self.message_user(
            request, _("%(sent)d sent, %(failed)d failed.") % {"sent": sent, "failed": failed}
        )


@admin.register(DecisionEmailTemplate)
class DecisionEmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["status", "language", "subject"]
    list_filter = ["status", "language"]
