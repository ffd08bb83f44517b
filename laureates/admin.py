"""Staff screens of laureates: follow-up (milestones, plans, board), impact, reminders;
support logged and tranches are in `support_admin`.

A milestone's status is read-only in the forms: it changes through the actions below,
which call `laureates.followup.change_status`, the one owner of that change.
"""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accelerator.collation import FrenchOrderRelatedFilter
from accelerator.history import ReadableHistoryAdmin
from seasons.models import Season

from . import followup
from .admin_actions import change_each
from .board import DUE_SOON_DAYS, SILENCE_DAYS, follow_up_board
from .closing_admin import close_support_view
from .leads import FollowupLeadField, followup_leads
from .models import (
    Domain,
    FollowUpPlan,
    FollowUpPlanStep,
    ImpactIndicator,
    Laureate,
    Measurement,
    Milestone,
    MilestoneReminder,
    MilestoneStatus,
    TeamMember,
)
from .reports_admin import ReportInline, ReportQuestionInline
from .space import permissions as space_permissions
from .space.admin import TeamMemberInline, save_new_members
from .space.updates_admin import TeamUpdateInline
from .support_admin import PlannedHoursInline, support_overview


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = [
        "kind",
        "title",
        "due_on",
        "status",
        "completed_on",
        "status_reason",
        "owner",
        "is_public",
        "amount_granted",
        "amount_paid",
    ]
    readonly_fields = ["status", "completed_on", "status_reason"]
    show_change_link = True


class ImpactIndicatorInline(admin.TabularInline):
    model = ImpactIndicator
    extra = 0
    fields = ["name", "unit", "baseline", "target", "position"]
    show_change_link = True


@admin.register(Laureate)
class LaureateAdmin(ReadableHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "carrier",
        "season",
        "track",
        "support_starts_on",
        "support_ends_on",
        "followup_lead",
        "support_closed_on",
        "published",
        "public_since",
    ]
    list_filter = [
        "season",
        "track",
        "published",
        "followup_lead",
        ("domains", FrenchOrderRelatedFilter),
    ]
    list_select_related = ["season", "followup_lead"]
    search_fields = ["name", "carrier", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["domains"]
    raw_id_fields = ["submission"]
    readonly_fields = ["support_closed_on", "support_and_tranches"]
    inlines = [
        MilestoneInline, ImpactIndicatorInline, TeamMemberInline, TeamUpdateInline, ReportInline
    ]  # fmt: skip
    actions = ["apply_season_plan", "close_support"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_public_since()

    @admin.display(description=_("public since"), ordering="public_since")
    def public_since(self, laureate):
        """When the public sees it (its publication or its call's announcement), so that
        staff see a laureate waiting for the announcement as such; empty: not planned."""
        return laureate.public_since

    @admin.display(description=_("support given and tranches"))
    def support_and_tranches(self, laureate):
        if laureate.pk is None:
            return "—"
        return support_overview(laureate)  # a template's output: escaped there, marked safe

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Every laureate has a follow-up lead: required here, whatever older rows hold."""
        form = super().get_form(request, obj, change, **kwargs)
        if "followup_lead" in form.base_fields:
            form.base_fields["followup_lead"].required = True
            current = obj.followup_lead_id if obj else None
            form.base_fields["followup_lead"].queryset = followup_leads(including=current)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The follow-up lead offered as on the "selected" confirmation (laureates.leads)."""
        if db_field.name == "followup_lead":
            kwargs.update(form_class=FollowupLeadField, queryset=followup_leads())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """A laureate added by hand starts with its season's plan, as a selected one does."""
        super().save_model(request, obj, form, change)
        if not change:
            followup.apply_plan(obj)

    def save_formset(self, request, form, formset, change):
        """New team members go through `space.membership.add_member`."""
        if formset.model is TeamMember:
            save_new_members(formset, form.instance)
        else:
            super().save_formset(request, form, formset, change)

    @admin.action(
        description=_("Apply the season's follow-up plan (adds missing milestones)"),
        permissions=["change"],
    )
    def apply_season_plan(self, request, queryset):
        created = sum(len(followup.apply_plan(laureate)) for laureate in queryset)
        self.message_user(
            request,
            ngettext("%(count)d milestone added.", "%(count)d milestones added.", created)
            % {"count": created},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Close the support (resolves its open steps)"), permissions=["change"]
    )
    def close_support(self, request, queryset):
        """Closing asks a question per open step: one laureate at a time, on its page."""
        laureates = list(queryset[:2])
        if len(laureates) != 1:
            self.message_user(
                request, _("Select one laureate at a time to close its support."), messages.WARNING
            )
            return None
        return redirect("admin:laureates_laureate_close", laureates[0].pk)

    def get_urls(self):
        board = path(
            "board/",
            self.admin_site.admin_view(self.board_view),
            name="laureates_laureate_board",
        )
        close = path(
            "<int:pk>/close/",
            self.admin_site.admin_view(lambda request, pk: close_support_view(self, request, pk)),
            name="laureates_laureate_close",
        )
        return [board, close, *super().get_urls()]

    def board_view(self, request):
        """The follow-up board, as of a day (today by default) and for one season or all."""
        # Staff who may not see laureates (reviewers) may not see their follow-up either.
        if not self.has_view_permission(request):
            raise PermissionDenied
        as_of = parse_day(request.GET.get("as_of")) or followup.today()
        seasons = list(Season.objects.order_by("-number"))
        chosen = next((s for s in seasons if str(s.pk) == request.GET.get("season")), None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Follow-up board"),
            "opts": self.model._meta,
            "board": follow_up_board(as_of, chosen),
            "seasons": seasons,
            "chosen_season": chosen,
            "due_soon_days": DUE_SOON_DAYS,
            "can_release": request.user.has_perm("laureates.change_tranche"),
            "can_view_updates": space_permissions.staff_may_view_updates(request.user),
            "can_view_reports": space_permissions.staff_may_view_reports(request.user),
            "silence_days": SILENCE_DAYS,
            "as_of_invalid": bool(request.GET.get("as_of")) and not parse_day(request.GET["as_of"]),
        }
        return TemplateResponse(request, "admin/laureates/board.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "board_url": reverse("admin:laureates_laureate_board"),
        }
        return super().changelist_view(request, extra_context)


def parse_day(text):
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def status_action(status, description):
    def action(modeladmin, request, queryset):
        change_each(
            modeladmin,
            request,
            queryset,
            lambda milestone: followup.change_status(milestone, status),
            followup.StatusChangeRefused,
            lambda n: (
                ngettext("%(count)d milestone changed.", "%(count)d milestones changed.", n)
                % {"count": n}
            ),
        )

    action.__name__ = f"mark_{status}"
    # Observers may look at milestones; only those who may change them see the actions.
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Milestone)
class MilestoneAdmin(ReadableHistoryAdmin):
    list_display = ["title", "laureate", "kind", "due_on", "status", "completed_on", "owner"]
    list_filter = ["kind", "status", "laureate__season", "is_public"]
    list_select_related = ["laureate", "owner"]
    search_fields = ["title", "laureate__name"]
    autocomplete_fields = ["laureate"]
    date_hierarchy = "due_on"
    readonly_fields = ["status", "completed_on", "status_reason"]
    actions = [
        status_action(MilestoneStatus.IN_PROGRESS, _("Mark as in progress")),
        status_action(MilestoneStatus.DONE, _("Mark as done today")),
        status_action(MilestoneStatus.CANCELLED, _("Cancel")),
        status_action(MilestoneStatus.PLANNED, _("Plan again")),
    ]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Reverting saves a past version back whole, its status with it: one whose status,
        completion date or reason is not the step's would change them without
        `followup.change_status` (its allowed changes, the closed support), so it is
        refused with a message; the other fields revert as usual."""
        if request.method == "POST" and self.has_change_permission(request):
            refusal = revert_refusal(object_id, version_id)
            if refusal:
                self.message_user(request, refusal, messages.ERROR)
                return redirect(request.path)
        return super().history_form_view(request, object_id, version_id, extra_context)


STATUS_FIELDS = ("status", "completed_on", "status_reason")


def revert_refusal(object_id, version_id):
    """Why the version may not be saved back, or None (also for a missing or malformed
    one, which the history page itself answers with a 404)."""
    if not (str(object_id).isdigit() and str(version_id).isdigit()):
        return None
    current = Milestone.objects.filter(pk=object_id).first()
    version = Milestone.history.filter(id=object_id, history_id=version_id).first()
    if current is None or version is None:
        return None
    if all(getattr(current, f) == getattr(version, f) for f in STATUS_FIELDS):
        return None
    return _(
        "“%(title)s”: this version's status (%(status)s) is not the step's. A status changes "
        "only through the actions of the milestones' list: this version is not restored."
    ) % {"title": current.title, "status": MilestoneStatus(version.status).label}


class FollowUpPlanStepInline(admin.TabularInline):
    model = FollowUpPlanStep
    extra = 1
    fields = [
        "months_after_start",
        "kind",
        "title",
        "track",
        "is_public",
        "owner",
        "amount_granted",
    ]


@admin.register(FollowUpPlan)
class FollowUpPlanAdmin(admin.ModelAdmin):
    list_display = ["season", "step_count"]
    list_select_related = ["season"]
    inlines = [PlannedHoursInline, FollowUpPlanStepInline, ReportQuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(step_total=models.Count("steps"))

    @admin.display(description=_("steps"), ordering="step_total")
    def step_count(self, plan):
        return plan.step_total


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 1
    fields = ["measured_on", "value"]


@admin.register(ImpactIndicator)
class ImpactIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "laureate", "unit", "baseline", "target"]
    list_select_related = ["laureate"]
    list_filter = ["laureate__season"]
    search_fields = ["name", "laureate__name"]
    autocomplete_fields = ["laureate"]
    inlines = [MeasurementInline]


@admin.register(MilestoneReminder)
class MilestoneReminderAdmin(admin.ModelAdmin):
    """What `send_followup_reminders` sent: a record, never edited by hand."""

    list_display = ["milestone", "recipient", "sent_on", "sent_at"]
    list_select_related = ["milestone", "recipient"]
    list_filter = ["sent_on"]
    date_hierarchy = "sent_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
