"""Committee sessions for staff: the list, each session's page with its docket (scores,
reviews, comments and conflicts read from the reviews, and the outcomes), and the links
to its pages (the docket's assembly, the outcomes, the closing, the XLSX and PDF files, in
`committee_pages`).

Managers create sessions and record outcomes; observers read; reviewers see nothing: the
queryset is empty for them, so a guessed id is answered as a missing one (404).
"""

from django.contrib import admin
from django.db.models import Count
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from accelerator.history import ReadableHistoryAdmin

from ..models import CommitteeSession, SessionStatus
from ..selection import calibration, committee, docket, permissions
from . import committee_jurors, committee_pages


@admin.register(CommitteeSession)
class CommitteeSessionAdmin(ReadableHistoryAdmin):
    list_display = ["title", "call", "held_on", "status", "docket_size", "member_count"]
    list_filter = ["status", "call"]
    list_select_related = ["call"]
    search_fields = ["title", "call__title"]
    date_hierarchy = "held_on"
    fields = ["call", "title", "held_on", "members", "docket_status", "status", "closed_at"]
    actions = ["record_outcomes"]

    def get_queryset(self, request):
        sessions = super().get_queryset(request)
        if not permissions.can_view_sessions(request.user):
            return sessions.none()
        return sessions.annotate(
            items_count=Count("items", distinct=True), members_count=Count("members", distinct=True)
        )

    def has_change_permission(self, request, obj=None):
        """A closed session is a record: it reads, it no longer changes."""
        if obj is not None and obj.status == SessionStatus.CLOSED:
            return False
        return permissions.can_manage_sessions(request.user) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        """Only a session in preparation can be deleted: a held one is a record."""
        if obj is not None and obj.status != SessionStatus.PREPARING:
            return False
        return permissions.can_manage_sessions(request.user) and super().has_delete_permission(
            request, obj
        )

    def links_field(self, request):
        """Managers get every page; observers the files only (the pages would refuse)."""
        return "pages" if permissions.can_manage_sessions(request.user) else "files"

    def get_readonly_fields(self, request, obj=None):
        fixed = ["status", "closed_at", self.links_field(request), "docket_table"]
        if obj is not None:
            # The docket is drawn from the call's applications: another call would orphan it.
            fixed += ["call", "docket_status"]
        return fixed

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields[:5]
        return [*self.fields, self.links_field(request), "docket_table"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            kwargs["queryset"] = db_field.related_model.objects.filter(is_active=True).order_by(
                "last_name", "first_name", "username"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """A new session's docket is assembled at once from the status chosen."""
        super().save_model(request, obj, form, change)
        if not change:
            committee.assemble_docket(obj)

    @admin.display(description=_("docket"))
    def docket_table(self, obj):
        """The docket as the meeting reads it: scores, reviews, comments and conflicts read
        from the reviews, and the outcome once recorded (five queries)."""
        return render_to_string(
            "admin/seasons/committeesession/docket_table.html",
            {"rows": docket.docket_rows(obj), "explained": calibration.NORMALISED_EXPLAINED},
        )

    @admin.display(description=_("docket"), ordering="items_count")
    def docket_size(self, obj):
        return obj.items_count

    @admin.display(description=_("members"), ordering="members_count")
    def member_count(self, obj):
        return obj.members_count

    @admin.display(description=_("pages and files"))
    def pages(self, obj):
        links = [(reverse(f"admin:{name}", args=[obj.pk]), label) for name, label in PAGES]
        return format_html_join(" · ", '<a href="{}">{}</a>', links + file_links(obj))

    @admin.display(description=_("files"))
    def files(self, obj):
        return format_html_join(" · ", '<a href="{}">{}</a>', file_links(obj))

    def has_record_permission(self, request):
        return permissions.can_manage_sessions(request.user)

    @admin.action(description=_("Record the outcomes"), permissions=["record"])
    def record_outcomes(self, request, queryset):
        sessions = list(queryset[:2])
        if len(sessions) != 1:
            self.message_user(request, _("Choose one session."), level="warning")
            return None
        return redirect("admin:seasons_committeesession_outcomes", sessions[0].pk)

    def get_urls(self):
        def route(suffix, view, name):
            return path(f"<str:pk>/{suffix}/", self.admin_site.admin_view(view(self)), name=name)

        return [
            route("docket", committee_pages.docket_view, "seasons_committeesession_docket"),
            route("outcomes", committee_pages.outcomes_view, "seasons_committeesession_outcomes"),
            route("close", committee_pages.close_view, "seasons_committeesession_close"),
            route("jurors", committee_jurors.jurors_view, "seasons_committeesession_jurors"),
            route("files/<str:kind>", committee_pages.file_view, "seasons_committeesession_file"),
            *super().get_urls(),
        ]


def file_links(session):
    return [
        (reverse("admin:seasons_committeesession_file", args=[session.pk, kind]), label)
        for kind, (label, _render) in committee_pages.FILES.items()
    ]


PAGES = [
    ("seasons_committeesession_docket", _("Assemble the docket")),
    ("seasons_committeesession_outcomes", _("Record the outcomes")),
    ("seasons_committeesession_close", _("Close the session")),
    ("seasons_committeesession_jurors", _("Outside jurors")),
]
