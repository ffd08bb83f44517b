"""Staff screens of the teams' reports: the list (opens on those awaiting review), each
report's page with every version sent, and its review (accept, or ask for changes with a
comment on given questions); the report questions on the season's plan. Thin: each
change is a call to `reports`. Observers read, reviewers see nothing (they have no right
on laureates), managers and superusers review.
"""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accelerator.history import StateHistoryAdmin

from . import reports
from .admin_review import READ_ONLY_PAGE, TeamWorkReviewMixin
from .listed_inline import ListedInline
from .models import Report, ReportQuestion, ReportStatus
from .space import permissions
from .space.report_views import versions_of

REPORT_FIELDS = ["laureate", "kind", "due_on", "status", "sent_at", "accepted_at", "accepted_by"]


class ReportQuestionInline(admin.StackedInline):
    """On the season's plan: each kind of report's questions, in order."""

    model = ReportQuestion
    extra = 0
    fields = [
        ("report_kind", "position", "key", "type", "required"),
        ("label_fr", "label_en"),
        ("hint_fr", "hint_en"),
    ]


class ReportInline(ListedInline):
    """On the laureate's page: its reports, read-only, each opening its review page."""

    model = Report
    fields = ["kind", "due_on", "status", "sent_at", "accepted_at"]


@admin.register(Report)
class ReportAdmin(TeamWorkReviewMixin, StateHistoryAdmin):
    may_review = staticmethod(permissions.staff_may_review_reports)
    list_display = ["kind", "laureate", "due_on", "status", "sent_at"]
    list_select_related = ["laureate"]
    list_filter = ["status", "kind", "laureate__season"]
    search_fields = ["laureate__name"]
    fields = REPORT_FIELDS
    readonly_fields = REPORT_FIELDS
    change_form_template = "admin/laureates/report/change_form.html"

    def has_add_permission(self, request):
        return False  # applying the season's plan schedules them

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """Opens on what awaits review, oldest sent first, unless staff chose a filter."""
        if request.method == "GET" and not request.GET:
            return redirect(f"{request.path}?status__exact={ReportStatus.SENT}&o=5")
        title = _("Reports awaiting review")
        if request.GET.get("status__exact") != ReportStatus.SENT:
            title = _("Reports of the laureate teams")
        return super().changelist_view(request, {**(extra_context or {}), "title": title})

    def change_view(self, request, object_id, form_url="", extra_context=None, typed=None):
        """The report with every version; `typed` ({question key: text}) is what staff
        wrote in a review the domain refused, shown again so nothing is lost."""
        if request.method == "POST" and {"_accept", "_request_changes"} & set(request.POST):
            return self.review(request, object_id)
        report = self.get_object(request, object_id)
        versions = versions_of(report) if report is not None else []
        may_review = (
            self.may_review(request.user)
            and report is not None
            and report.status == ReportStatus.SENT
            and bool(versions)
        )
        rows = [(version, reports.version_rows(version)) for version in versions]
        typed = {key: text for key, text in (typed or {}).items() if text.strip()}
        labels = {row["key"]: row["label"] for row in (rows[0][1] if rows else [])}
        for row in rows[0][1] if rows else []:
            row["typed"] = typed.get(row["key"], "")
        extra = {
            **READ_ONLY_PAGE,
            "versions": rows,
            "may_review": may_review,
            # The review form is gone (someone else reviewed first): the comments typed
            # are still shown, to copy.
            "unsent_comments": []
            if may_review
            else [(labels.get(key, key), text) for key, text in typed.items()],
        }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def review(self, request, object_id):
        report = self.object_to_review(request, object_id)
        prefix = "comment-"
        comments = {
            name.removeprefix(prefix): value
            for name, value in request.POST.items()
            if name.startswith(prefix)
        }
        try:
            if "_accept" in request.POST:
                reports.accept(report, request.user)
                self.message_user(request, _("The report is accepted."), messages.SUCCESS)
            else:
                reports.request_changes(report, request.user, comments)
                self.message_user(request, _("The report is sent back to the team for changes."))
        except reports.ReportRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            # The page again, not a redirect, so that the comments typed are kept; as a
            # reading (GET), so that the admin does not take the post for a save.
            request.method = "GET"
            return self.change_view(request, object_id, typed=comments)
        return redirect("admin:laureates_report_change", report.pk)
