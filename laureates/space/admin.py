"""Staff screens of the laureate teams: members (added on the laureate's page, revoked
here) and the updates the teams post (confirmed or sent back here, see `updates_admin`).

Thin: every change goes through `membership` or `updates`.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accelerator.history import ReadableHistoryAdmin

from ..models import TeamMember
from . import membership


class TeamMemberInline(admin.TabularInline):
    """On the laureate's page: the team, read-only, and blank rows to add people
    (`save_new_members` routes them through `membership.add_member`)."""

    model = TeamMember
    extra = 1
    fields = ["name", "email", "added_at", "revoked_at"]
    readonly_fields = ["added_at", "revoked_at"]
    show_change_link = True
    can_delete = False

    def has_change_permission(self, request, obj=None):
        # Existing rows stay read-only; `has_add_permission` alone allows the blank rows.
        return False


def save_new_members(formset, laureate):
    """The blank rows staff filled in, each added by the domain function. Sets what the
    admin's change message reads from a saved formset."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.extra_forms:
        if form.has_changed() and form.is_valid():
            member, created = membership.add_member(
                laureate, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
            )
            if created:
                formset.new_objects.append(member)


@admin.register(TeamMember)
class TeamMemberAdmin(ReadableHistoryAdmin):
    list_display = ["name", "email", "laureate", "added_at", "revoked_at"]
    list_select_related = ["laureate"]
    list_filter = ["laureate__season", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email", "laureate__name"]
    readonly_fields = ["laureate", "name", "email", "added_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # members are added on the laureate's page

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the history says who had access

    @admin.action(description=_("Revoke access to the space"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = sum(membership.revoke_member(member) for member in queryset)
        self.message_user(
            request,
            ngettext("%(count)d member revoked.", "%(count)d members revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
