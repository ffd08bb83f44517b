"""Applications in the admin: answers, referents, files, status history, e-mails."""

from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accelerator.admin_counts import KeptCount
from accelerator.admin_filters import KeptChoicesFilter, KeptRelatedFilter
from accelerator.admin_lists import QuickActionCheckbox, QuickChangeLinks, TitleChoicesFilter
from accelerator.history import ReadableHistoryAdmin
from accelerator.list_cells import day_column, short_day, shortened_column
from accelerator.read_only_inline import ReadOnlyInline

from .. import private_links
from ..applying.forms import SECTIONS
from ..models import Attachment, OutboundEmail, Referent, Submission, SubmissionTransition
from ..selection import permissions, reviewing
from .decisions import DECISION_ACTIONS, assign_reviewers, decide_view, decisions_offered
from .exports import export_view
from .feedback import feedback_context, feedback_view
from .file_download import URL_NAME as DOWNLOAD_URL_NAME
from .file_download import attachment_download, download_link
from .list_filters import ConditionFilter


class ScoreFilter(ConditionFilter):
    title = _("weighted score")
    parameter_name = "score"
    conditions = (
        ("4", _("4 or more"), Q(weighted_score__gte=4)),
        ("3", _("from 3 to 4"), Q(weighted_score__gte=3, weighted_score__lt=4)),
        ("0", _("under 3"), Q(weighted_score__lt=3)),
        ("none", _("no score yet"), Q(weighted_score__isnull=True)),
    )


class ReviewProgressFilter(ConditionFilter):
    title = _("reviews")
    parameter_name = "reviews"
    conditions = (
        ("unassigned", _("no reviewer"), Q(reviews_assigned=0)),
        ("pending", _("reviews pending"), Q(reviews_open__gt=0)),
        # A conflict of interest is not a review to wait for.
        ("done", _("every review done"), Q(reviews_assigned__gt=0, reviews_open=0)),
    )


class KeptTitleChoicesFilter(KeptChoicesFilter, TitleChoicesFilter):
    """The calls' titles, kept per version of the calls (accelerator.admin_filters)."""


class ReferentInline(admin.StackedInline):
    model = Referent
    extra = 0
    max_num = 2


class AttachmentInline(ReadOnlyInline):
    """Files come from applicants through the form, with their content checked."""

    model = Attachment
    fields = ["kind", "original_name", "size", "content_type", "uploaded_at", "download"]

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj) if obj.pk else ""


class TransitionInline(ReadOnlyInline):
    """The log of status changes: written by the workflow, never edited by hand."""

    model = SubmissionTransition
    fields = ["at", "from_status", "to_status", "actor_label", "reason"]
    verbose_name_plural = _("history of the status")

    @admin.display(description=_("by"))
    def actor_label(self, obj):
        return obj.actor_label


class EmailInline(ReadOnlyInline):
    model = OutboundEmail
    fields = ["created_at", "kind", "to", "masked_subject", "status", "sent_at"]
    show_change_link = True

    @admin.display(description=_("subject"))
    def masked_subject(self, obj):
        return private_links.mask(obj.subject)


@admin.register(Submission)
class SubmissionAdmin(KeptCount, QuickActionCheckbox, QuickChangeLinks, ReadableHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "reference",
        "display_name",
        "call_label",
        "status",
        "score",
        "review_progress",
        "submitted_on",
    ]
    list_display_links = ["reference", "display_name"]
    list_filter = [
        "status",
        ScoreFilter,
        ReviewProgressFilter,
        ("call__season", KeptRelatedFilter),
        ("call", KeptTitleChoicesFilter),
        "organisation_type",
        "commons_nature",
    ]
    actions = [assign_reviewers, *DECISION_ACTIONS]
    change_list_template = "admin/seasons/submission/change_list.html"
    change_form_template = "admin/seasons/submission/change_form.html"
    list_select_related = ["call__season"]
    # What the rows' cells read (the name, the call's label, the date; the figures are
    # annotations): the page's rows are read without the answers (accelerator.admin_lists).
    list_fields_read = [
        "reference",
        "status",
        "project_name",
        "organisation_name",
        "call",
        "submitted_at",
    ]
    search_fields = ["reference", "organisation_name", "project_name", "contact_email"]
    date_hierarchy = "submitted_at"
    # At 100 000 applications each row costs its review figures and the total a full
    # count: 50 rows a page, and the filtered count only (docs/performance.md).
    list_per_page = 50
    show_full_result_count = False
    # The state and the reference change only through the selection workflow; the call
    # never changes (the scores are on its rubric).
    readonly_fields = [
        "call",
        "reference",
        "status",
        "submitted_at",
        "anonymised_at",
        "created_at",
        "updated_at",
    ]
    inlines = [ReferentInline, AttachmentInline, TransitionInline, EmailInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "call",
                    "reference",
                    "status",
                    "language",
                    "submitted_at",
                    "anonymised_at",
                ]
            },
        ),
        # The form's own sections, so that staff read the answers in the applicant's order.
        *[(title, {"fields": names}) for _anchor, title, _intro, names in SECTIONS if names],
        (None, {"fields": ["created_at", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        """Applications come through the public form only: one added here would have no
        reference, no history and reviews on no call's rubric."""
        return False

    @admin.display(description=_("project"), ordering="organisation_name")
    def display_name(self, obj):
        return obj.display_name

    @admin.display(description=_("call"), ordering="call__opens_at")
    def call_label(self, obj):
        """Short, so that status, score, reviews and date fit a 1,400 px screen; the
        full title is the tooltip, and the call filter lists the full titles."""
        return format_html('<span title="{}">{}</span>', obj.call.title, short_call_label(obj.call))

    @admin.display(description=_("score"), ordering="weighted_score")
    def score(self, obj):
        if obj.weighted_score is None:
            return "—"
        return f"{obj.weighted_score:.2f}".replace(".", ",")

    @admin.display(description=_("reviews"), ordering="reviews_done")
    def review_progress(self, obj):
        """Done / counted, the conflicts of interest on a line of their own (1,400 px)."""
        done, conflicts = reviewing.progress_parts(obj)
        if conflicts is None:
            return done
        return format_html('{}<br><span class="conflicts">{}</span>', done, conflicts)

    @admin.display(description=_("submitted at"), ordering="submitted_at")
    def submitted_on(self, obj):
        """The day only (the hour is on the application's page): the list fits 1,400 px."""
        return short_day(obj.submitted_at)

    def get_queryset(self, request):
        """Reviewers see only the applications assigned to them, everywhere: the list, the
        change page, the exports and any guessed URL.

        The query of `BaseModelAdmin.get_queryset` (the default manager's rows, in the
        admin's ordering), its review figures built once per process."""
        queryset = reviewing.submissions_with_review_figures()
        ordering = self.get_ordering(request)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return reviewing.submissions_visible_to(request.user, queryset)

    def has_view_permission(self, request, obj=None):
        # The object-level check the history pages rely on: they find the application
        # through its past versions, not through get_queryset.
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.sees_every_submission(request.user) or (
            permissions.is_assigned_reviewer(request.user, obj)
        )

    def get_list_display(self, request):
        # The scores of others stay hidden from reviewers.
        if permissions.sees_every_submission(request.user):
            return self.list_display
        return [name for name in self.list_display if name != "score"]

    def get_list_filter(self, request):
        if permissions.sees_every_submission(request.user):
            return self.list_filter
        return [f for f in self.list_filter if f is not ScoreFilter]

    def has_decide_permission(self, request):
        return permissions.can_decide(request.user)

    def has_assign_permission(self, request):
        return permissions.can_assign_reviewers(request.user)

    def get_urls(self):
        export = self.admin_site.admin_view(export_view(self))
        decide = self.admin_site.admin_view(decide_view(self))
        written = self.admin_site.admin_view(feedback_view(self))
        return [
            path("export/<str:file_format>/", export, name="seasons_submission_export"),
            path(
                "<path:object_id>/decide/<str:to_status>/",
                decide,
                name="seasons_submission_decide",
            ),
            path("<path:object_id>/feedback/", written, name="seasons_submission_feedback"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_export": permissions.can_export(request.user),
        }
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        submission = self.get_object(request, object_id)
        reviews = reviewing.visible_reviews(request.user, submission) if submission else []
        extra_context = {
            **(extra_context or {}),
            "visible_reviews": reviews,
            "decisions_offered": (
                decisions_offered(request.user, submission) if submission else []
            ),
            **feedback_context(request.user, submission),
        }
        return super().change_view(request, object_id, form_url, extra_context)


SHORT_TITLE = 24


def short_call_label(call):
    """ "S2 · Communs numé…2e relève": the season's number, then the title cut in its
    middle, since calls of one season often differ only by their end."""
    title = call.title
    if len(title) > SHORT_TITLE:
        half = SHORT_TITLE // 2
        title = f"{title[:half].rstrip()}…{title[-half:].lstrip()}"
    return f"S{call.season.number} · {title}"


class PartOfApplicationAdmin(admin.ModelAdmin):
    """A screen of its own for something that belongs to an application (referents,
    files, e-mails): it shows only what belongs to applications the reader may see, in
    the list, the search, the change and history pages, as the application's own screen."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.sees_every_submission(request.user):
            return queryset
        return queryset.filter(submission__in=reviewing.submissions_visible_to(request.user))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        if obj.submission is None:  # an e-mail sent before any application existed
            return permissions.sees_every_submission(request.user)
        return permissions.can_view_submission(request.user, obj.submission)


@admin.register(Referent)
class ReferentAdmin(PartOfApplicationAdmin):
    list_display = ["last_name", "first_name", "email", "role", "submission"]
    list_select_related = ["submission"]
    search_fields = ["last_name", "first_name", "email", "submission__reference"]
    autocomplete_fields = ["submission"]


@admin.register(Attachment)
class AttachmentAdmin(PartOfApplicationAdmin):
    # Short cells, so that the list fits a 1,400 px screen: the name and the application
    # cut (whole in the tooltip), the size readable; the content type is on the file's page.
    list_display = ["file_name", "kind", "readable_size", "application_label", "uploaded_on"]
    list_display_links = ["file_name"]
    list_filter = ["kind"]
    list_select_related = ["submission"]
    search_fields = ["original_name", "submission__reference"]
    # Not the file field itself: its URL would point at a public address that serves nothing.
    fields = ["submission", "kind", "original_name", "size", "content_type", "download"]
    readonly_fields = ["submission", "original_name", "size", "content_type", "download"]

    @admin.display(description=_("file"))
    def download(self, obj):
        return download_link(obj) if obj.pk else ""

    file_name = shortened_column("original_name", _("file"), 32)
    application_label = shortened_column("submission", _("application"), 36)
    uploaded_on = day_column("uploaded_at", _("uploaded at"))

    @admin.display(description=_("size"), ordering="size")
    def readable_size(self, obj):
        return filesizeformat(obj.size)

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        # The staff's only way to a file: behind the admin's door, then its own checks.
        download = self.admin_site.admin_view(attachment_download)
        return [
            path("<int:pk>/download/", download, name=DOWNLOAD_URL_NAME),
            *super().get_urls(),
        ]
