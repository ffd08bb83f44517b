"""Staff screens of the teams' reports: the list (opens on those awaiting review), each
report's page with every version sent, and its review (accept, or ask for changes with a
comment on given questions); the report questions on the season's plan. Thin: each
change is a call to `reports`. Observers read, reviewers see nothing (they have no right
on laureates), managers and superusers review.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accelerator.history import StateHistoryAdmin

from . import reports
from .admin_review import TeamWorkReviewMixin
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
    awaiting = (ReportStatus.SENT, 5)
    list_titles = (_("Reports awaiting review"), _("Reports of the laureate teams"))
    reviews = {
        "_accept": (
            lambda report, user, comments: reports.accept(report, user),
            _("The report is accepted."),
            messages.SUCCESS,
        ),
        "_request_changes": (
            reports.request_changes,
            _("The report is sent back to the team for changes."),
            messages.INFO,
        ),
    }
    refused = reports.ReportRefused

    def has_add_permission(self, request):
        return False  # applying the season's plan schedules them

    def has_delete_permission(self, request, obj=None):
        return False

    def review_context(self, request, object_id, typed=None):
        """The report with every version; `typed` ({question key: text}) is what staff
        wrote in a review the domain refused, shown again so nothing is lost."""
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
        return {
            "versions": rows,
            "may_review": may_review,
            # The review form is gone (someone else reviewed first): the comments typed
            # are still shown, to copy.
            "unsent_comments": []
            if may_review
            else [(labels.get(key, key), text) for key, text in typed.items()],
        }

    def review_note(self, request):
        prefix = "comment-"
        return {
            name.removeprefix(prefix): value
            for name, value in request.POST.items()
            if name.startswith(prefix)
        }

    def review_refused(self, request, object_id, comments):
        # The page again, not a redirect, so that the comments typed are kept; as a
        # reading (GET), so that the admin does not take the post for a save.
        request.method = "GET"
        return self.change_view(request, object_id, typed=comments)
