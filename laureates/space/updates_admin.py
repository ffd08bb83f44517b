"""Staff screens of the teams' updates: the list awaiting confirmation, each update's page
(confirm, or send back with a comment), publication, and the updates on the laureate's
page. Thin: each change is a call to `updates`; observers read, reviewers see nothing
(they have no right on laureates), managers and superusers act.
"""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accelerator.history import ReadableHistoryAdmin
from accelerator.list_cells import day_column, shortened_column

from ..admin_actions import change_each
from ..admin_review import TeamWorkReviewMixin
from ..listed_inline import ListedInline
from ..models import TeamUpdate, UpdateStatus
from . import permissions, updates

UPDATE_FIELDS = [
    "laureate",
    "milestone",
    "author",
    "created_at",
    "text",
    "asks_done",
    "indicator",
    "measured_on",
    "value",
    "attached_files",
    "status",
    "staff_comment",
    "reviewed_by",
    "reviewed_at",
    "published",
    "published_at",
]


@admin.display(description=_("Files"))
def attached_files(update):
    """Links to the files, served by the space's permission-checked download."""
    return (
        format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("space:file_download", args=[f.pk]), f.original_name)
                for f in update.files.all()
            ),
        )
        or "—"
    )


class TeamUpdateInline(ListedInline):
    """On the laureate's page: its updates, read-only, each opening its own page."""

    model = TeamUpdate
    fields = ["milestone", "created_at", "status", "published"]


@admin.register(TeamUpdate)
class TeamUpdateAdmin(TeamWorkReviewMixin, ReadableHistoryAdmin):
    may_review = staticmethod(permissions.staff_may_review_updates)
    # Short cells and headers, so that the list fits a 1,400 px screen.
    list_display = ["step", "laureate", "posted_on", "asks_step_done", "status", "public"]
    list_select_related = ["milestone", "laureate"]
    list_filter = ["status", "published", "laureate__season"]
    search_fields = ["laureate__name", "milestone__title", "text"]
    fields = UPDATE_FIELDS
    readonly_fields = [*UPDATE_FIELDS]
    actions = ["publish", "unpublish"]
    change_form_template = "admin/laureates/teamupdate/change_form.html"
    awaiting = (UpdateStatus.SUBMITTED, 3)
    list_titles = (_("Updates awaiting confirmation"), _("Updates of the laureate teams"))
    reviews = {
        "_confirm": (
            lambda update, user, comment: updates.confirm_update(
                update, user, comment=comment.strip()
            ),
            _("The update is confirmed."),
            messages.SUCCESS,
        ),
        "_send_back": (
            lambda update, user, comment: updates.send_back(update, user, comment=comment),
            _("The update is sent back to the team."),
            messages.INFO,
        ),
    }
    refused = updates.UpdateRefused

    def has_add_permission(self, request):
        return False  # the teams post them from their space

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    attached_files = staticmethod(attached_files)

    step = shortened_column("milestone.title", _("step"), 40)
    posted_on = day_column("created_at", _("posted on"))

    @admin.display(description=_("step done?"), boolean=True, ordering="asks_done")
    def asks_step_done(self, update):
        return update.asks_done

    @admin.display(description=_("public"), boolean=True, ordering="published")
    def public(self, update):
        return update.published

    def review_context(self, request, object_id):
        update = self.get_object(request, object_id)
        may_review = self.may_review(request.user)
        return {
            "may_review": may_review
            and update is not None
            and update.status == UpdateStatus.SUBMITTED
        }

    def review_note(self, request):
        return request.POST.get("staff_comment", "")

    def review_refused(self, request, object_id, comment):
        return redirect(request.path)

    def _set_published(self, request, queryset, published):
        change_each(
            self,
            request,
            queryset,
            lambda update: updates.set_published(update, published),
            updates.UpdateRefused,
            lambda n: (
                ngettext("%(count)d update changed.", "%(count)d updates changed.", n)
                % {"count": n}
            ),
            describe=lambda update, refusal: f"{update.milestone} : {refusal}",
        )

    @admin.action(description=_("Show on the public page"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Stop showing on the public page"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)
