"""Staff screens of support logged by kind and of tranches.

A tranche's state and its dates are read-only in the forms: they change through the
actions below, which call `laureates.tranches` (release, mark paid). Managers act;
observers read (their role has only the view permissions, so no action is offered);
reviewers see nothing of it (no permission on these models at all).
"""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accelerator.history import ReadableHistoryAdmin, StateHistoryAdmin
from accelerator.list_cells import day_column, relabelled, shortened_column
from accelerator.people import PeopleChoiceIterator

from . import support, tranches
from .followup import today
from .leads import support_givers
from .models import PlannedHours, SupportLog, Tranche, TrancheStatus


class PlannedHoursInline(admin.TabularInline):
    """On the season's plan: the hours of each kind every laureate should receive."""

    model = PlannedHours
    extra = 0
    fields = ["kind", "hours"]


@admin.register(SupportLog)
class SupportLogAdmin(ReadableHistoryAdmin):
    # Short cells, so that the list fits a 1,400 px screen (accelerator.list_cells).
    list_display = ["day", "laureate", "kind_label", "hours", "who", "step", "short_note"]
    list_select_related = ["laureate", "staff_member", "milestone"]
    list_filter = ["kind", "laureate__season"]
    search_fields = ["laureate__name", "expert", "note"]
    autocomplete_fields = ["laureate", "milestone"]
    date_hierarchy = "given_on"
    fields = [
        "laureate",
        "given_on",
        "kind",
        "hours",
        "staff_member",
        "expert",
        "milestone",
        "note",
    ]

    day = day_column("given_on", _("date"))
    step = shortened_column("milestone.title", _("step"), 32)
    short_note = shortened_column("note", _("note"), 40)

    @admin.display(description=_("type"), ordering="kind")
    def kind_label(self, entry):
        return entry.get_kind_display()

    @admin.display(description=_("given by"))
    def who(self, entry):
        if entry.staff_member is not None:
            return entry.staff_member.get_full_name() or entry.staff_member.get_username()
        return entry.expert

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # Only who may log support, by full name; an entry keeps the person it names.
        field = form.base_fields.get("staff_member")
        if field is None:  # read only (observers): nothing to choose
            return form
        field.iterator = PeopleChoiceIterator  # before the queryset, which sets the choices
        field.queryset = support_givers(including=obj.staff_member_id if obj else None)
        return form

    def get_changeform_initial_data(self, request):
        """Most entries are logged by the person who gave the support, on the day."""
        return {
            "given_on": today(),
            "staff_member": request.user.pk,
            **super().get_changeform_initial_data(request),
        }


def tranche_action(function, name, description, done_message):
    def action(modeladmin, request, queryset):
        changed, refused = 0, []
        for tranche in queryset.select_related("laureate"):
            try:
                function(tranche, by=request.user)
                changed += 1
            except tranches.TrancheRefused as refusal:
                refused.append(str(refusal))
        if changed:
            modeladmin.message_user(request, done_message(changed), messages.SUCCESS)
        for reason in refused:
            modeladmin.message_user(request, reason, messages.ERROR)

    action.__name__ = name
    # Observers may read tranches; only those who may change them see the actions.
    return admin.action(description=description, permissions=["change"])(action)


release_action = tranche_action(
    tranches.release,
    "release",
    _("Release (the condition must be met)"),
    lambda n: (
        ngettext("%(count)d tranche released.", "%(count)d tranches released.", n) % {"count": n}
    ),
)
mark_paid_action = tranche_action(
    tranches.mark_paid,
    "mark_paid",
    _("Mark as paid today"),
    lambda n: (
        ngettext("%(count)d tranche marked paid.", "%(count)d tranches marked paid.", n)
        % {"count": n}
    ),
)


@admin.action(description=_("Cancel (asks for the reason)"), permissions=["change"])
def cancel_action(modeladmin, request, queryset):
    """First answer: a page asking why; its form posts the same action back with the
    reason, and each tranche is cancelled by `laureates.tranches.cancel`."""
    chosen = list(queryset.select_related("laureate"))
    reason = request.POST.get("reason", "")
    if "confirm" in request.POST and reason.strip():
        tranche_action(
            lambda tranche, by: tranches.cancel(tranche, reason=reason, by=by),
            "cancel",
            "",
            lambda n: (
                ngettext("%(count)d tranche cancelled.", "%(count)d tranches cancelled.", n)
                % {"count": n}
            ),
        )(modeladmin, request, queryset)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Cancel tranches"),
        "opts": modeladmin.model._meta,
        "tranches": chosen,
        "reason": reason,
        "reason_missing": "confirm" in request.POST,
    }
    return TemplateResponse(request, "admin/laureates/tranche/cancel.html", context)


STATE_FIELDS = ["status", "released_on", "paid_on", "cancelled_on", "status_reason"]
TERMS = ["laureate", "number", "amount", "condition", "milestone", "report"]
COMMITTEE = ["committee_decided_on", "committee_reference"]


@admin.register(Tranche)
class TrancheAdmin(StateHistoryAdmin):
    list_display = [
        "laureate", "short_number", "euros", "condition", "condition_state", "status",
        "released_day", "paid_day",
    ]  # fmt: skip
    list_display_links = ["laureate", "short_number"]
    list_select_related = ["laureate", "milestone", "report"]
    list_filter = ["status", "condition", "laureate__season"]
    search_fields = ["laureate__name", "committee_reference"]
    autocomplete_fields = ["laureate", "milestone", "report"]
    fields = [*TERMS, *COMMITTEE, *STATE_FIELDS]
    actions = [release_action, mark_paid_action, cancel_action]

    short_number = relabelled("number", _("No."))
    euros = relabelled("amount", _("amount (€)"))
    released_day = day_column("released_on", _("released on"))
    paid_day = day_column("paid_on", _("paid on"))

    @admin.display(description=_("condition"))
    def condition_state(self, tranche):
        reason = tranches.unmet_condition(tranche)
        return _("met") if reason is None else _("not met: %(reason)s") % {"reason": reason}

    def get_readonly_fields(self, request, obj=None):
        """Once released, what was decided stays as it was when released."""
        if obj is not None and obj.status != TrancheStatus.PLANNED:
            return [*TERMS, *COMMITTEE, *STATE_FIELDS]
        return STATE_FIELDS


def support_overview(laureate):
    """The laureate page's summary: hours by kind against the plan, and its tranches."""
    return render_to_string(
        "admin/laureates/includes/support_overview.html",
        {
            "hours": support.hours_of(laureate),
            "tranches": list(laureate.tranches.select_related("milestone", "report")),
        },
    )
