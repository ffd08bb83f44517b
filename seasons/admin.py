from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import mail
from .models import (
    Attachment,
    Call,
    CallState,
    EmailStatus,
    OrganisationType,
    OutboundEmail,
    Referent,
    Season,
    Submission,
    SubmissionTransition,
)


class CallInline(admin.TabularInline):
    model = Call
    extra = 0
    fields = ["title", "slug", "operator", "track", "opens_at", "closes_at", "is_demo"]
    show_change_link = True


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "year", "theme", "published"]
    list_filter = ["published"]
    search_fields = ["title", "theme"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CallInline]


class CallStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return CallState.choices

    def queryset(self, request, queryset):
        filters = {
            CallState.UPCOMING: queryset.upcoming,
            CallState.OPEN: queryset.open,
            CallState.CLOSED: queryset.closed,
        }
        chosen = filters.get(self.value())
        return chosen() if chosen else queryset


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "season", "operator", "opens_at", "closes_at", "state", "is_demo"]
    list_filter = [CallStateFilter, "season", "operator", "is_demo"]
    list_select_related = ["season"]
    search_fields = ["title", "operator", "track"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "closes_at"

    @admin.display(description=_("state"))
    def state(self, obj):
        return CallState(obj.state_at(timezone.now())).label

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "eligible_organisation_types":
            # Ticked boxes rather than raw JSON: staff choose among the known types.
            return forms.TypedMultipleChoiceField(
                label=db_field.verbose_name,
                choices=OrganisationType.choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ReferentInline(admin.StackedInline):
    model = Referent
    extra = 0
    max_num = 2


def download_link(attachment):
    url = reverse("applications:attachment_download", args=[attachment.pk])
    return format_html('<a href="{}">{}</a>', url, _("Download"))


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["kind", "original_name", "size", "content_type", "uploaded_at", "download"]
    readonly_fields = fields
    can_delete = False

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj) if obj.pk else ""

    def has_add_permission(self, request, obj=None):
        # Files come from applicants through the form, with their content checked.
        return False


class TransitionInline(admin.TabularInline):
    """The log of status changes: written by the workflow, never edited by hand."""

    model = SubmissionTransition
    extra = 0
    fields = ["at", "from_status", "to_status", "actor_label", "reason"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("history of the status")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("by"))
    def actor_label(self, obj):
        return obj.actor_label


class EmailInline(admin.TabularInline):
    model = OutboundEmail
    extra = 0
    fields = ["created_at", "kind", "to", "subject", "status", "sent_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "reference",
        "display_name",
        "call",
        "organisation_type",
        "status",
        "submitted_at",
    ]
    list_display_links = ["reference", "display_name"]
    list_filter = ["status", "call__season", "call", "organisation_type", "commons_nature"]
    list_select_related = ["call"]
    search_fields = ["reference", "organisation_name", "project_name", "contact_email"]
    date_hierarchy = "submitted_at"
    # The state and the reference change only through the selection workflow.
    readonly_fields = ["reference", "status", "submitted_at", "created_at", "updated_at"]
    inlines = [ReferentInline, AttachmentInline, TransitionInline, EmailInline]
    fieldsets = [
        (None, {"fields": ["call", "reference", "status", "language", "submitted_at"]}),
        (
            _("Structure"),
            {
                "fields": [
                    "contact_email",
                    "organisation_name",
                    "project_name",
                    "organisation_type",
                    "commons_nature",
                    "description",
                    "resource_pooling",
                    "commons_rationale",
                    "website",
                    ("budget_last_year", "budget_year_before"),
                    "main_funders",
                    ("has_paid_activity", "paid_activity_details"),
                    ("has_related_structures", "related_structures_details"),
                    "contributors_count",
                    "availability_confirmed",
                ]
            },
        ),
        (
            _("Project"),
            {
                "fields": [
                    "problem",
                    "main_impact",
                    ("impact_indicator", "impact_indicator_unit"),
                    ("impact_baseline", "impact_target"),
                    "impact_strategy",
                    "state_collaboration_goals",
                    "other_actors",
                    "goal_1",
                    "goal_2",
                    "goal_3",
                ]
            },
        ),
        (_("Other"), {"fields": ["heard_about", "news_opt_in", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("project"), ordering="organisation_name")
    def display_name(self, obj):
        return obj.display_name


@admin.register(Referent)
class ReferentAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "role", "submission"]
    list_select_related = ["submission"]
    search_fields = ["last_name", "first_name", "email", "submission__reference"]
    autocomplete_fields = ["submission"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "size", "content_type", "submission", "uploaded_at"]
    list_filter = ["kind"]
    list_select_related = ["submission"]
    search_fields = ["original_name", "submission__reference"]
    # Not the file field itself: its URL would point at a public address that serves nothing.
    fields = ["submission", "kind", "original_name", "size", "content_type", "download"]
    readonly_fields = ["submission", "original_name", "size", "content_type", "download"]

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj) if obj.pk else ""

    def has_add_permission(self, request):
        return False


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
