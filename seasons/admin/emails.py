"""The e-mails to applicants: every one kept, with its status; decision templates."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import mail
from ..models import DecisionEmailTemplate, EmailStatus, OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["submission"]
    search_fields = ["to", "subject", "submission__reference"]
    readonly_fields = [
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
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected e-mails that are waiting or failed"))
    def send_again(self, request, queryset):
        pending = queryset.filter(status__in=[EmailStatus.QUEUED, EmailStatus.FAILED])
        results = [mail.send_email(pk) for pk in pending.values_list("pk", flat=True)]
        self.message_user(
            request,
            _("%(sent)d sent, %(failed)d failed.")
            % {"sent": results.count(True), "failed": results.count(False)},
        )


@admin.register(DecisionEmailTemplate)
class DecisionEmailTemplateAdmin(admin.ModelAdmin):
    list_display = ["status", "language", "subject"]
    list_filter = ["status", "language"]
