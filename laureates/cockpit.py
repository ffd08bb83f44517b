"""The block `laureates` adds to the staff's cockpit (`accelerator.cockpit`): the
follow-up's milestones overdue and due within 30 days (`board.watched_milestones`), the
first few of each and how many in all, with a link to the board, and how many team
updates await confirmation, linked to their list. For staff who may read milestones
(program managers, observers); reviewers never see the follow-up.
Five queries, whatever the number of laureates and updates.
"""

from django.urls import reverse

from accelerator.cockpit import CockpitBlock, register_block

from . import followup
from .board import DUE_SOON_DAYS, watched_milestones
from .models import TeamUpdate, UpdateStatus
from .space import permissions

SHOWN = 5


def can_watch_follow_up(user):
    """Staff who may read milestones: program managers and observers, not reviewers."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("laureates.view_milestone")
    )


def follow_up_block(request):
    if not can_watch_follow_up(request.user):
        return None
    as_of = followup.today()
    overdue, due_soon = watched_milestones(as_of)
    return {
        "as_of": as_of,
        "due_soon_days": DUE_SOON_DAYS,
        "overdue": list(overdue[:SHOWN]),
        "overdue_count": overdue.count(),
        "due_soon": list(due_soon[:SHOWN]),
        "due_soon_count": due_soon.count(),
        "board_url": reverse("admin:laureates_laureate_board"),
        **awaiting_updates(request.user),
    }


def awaiting_updates(user):
    """How many team updates wait for staff to confirm them, with the list they are on
    (oldest first, as the list opens), for staff who may read them; one query."""
    if not permissions.staff_may_view_updates(user):
        return {}
    listing = reverse("admin:laureates_teamupdate_changelist")
    return {
        "awaiting_updates_count": TeamUpdate.objects.awaiting().count(),
        "awaiting_updates_url": f"{listing}?status__exact={UpdateStatus.SUBMITTED}&o=3",
    }


def register():
    register_block(
        CockpitBlock("follow_up", "admin/cockpit/follow_up.html", follow_up_block, order=30)
    )
