"""Who may see and do what in the laureate teams' space, as named predicates.

Team members see their own laureate only; staff see updates and their files if they may
view them in the admin (managers, observers, superusers; never reviewers), and only
managers and superusers confirm, send back or publish.
"""

from seasons.selection.permissions import is_staff_member, passed_second_factor


def member_belongs_to(member, laureate_id):
    return member is not None and member.is_active and member.laureate_id == laureate_id


def staff_may_view(user, model_name):
    """Staff who may view the laureates' `model_name` in the admin, second factor passed."""
    return (
        is_staff_member(user)
        and user.has_perm(f"laureates.view_{model_name}")
        and passed_second_factor(user)
    )


def staff_may_view_updates(user):
    return staff_may_view(user, "teamupdate")


def staff_may_review_updates(user):
    """Confirm, send back, publish: what changes an update."""
    return is_staff_member(user) and user.has_perm("laureates.change_teamupdate")


def may_download_update_file(member, user, update_file):
    return member_belongs_to(member, update_file.update.laureate_id) or staff_may_view_updates(user)


def staff_may_view_reports(user):
    return staff_may_view(user, "report")


def staff_may_review_reports(user):
    """Accept a report or ask for changes."""
    return is_staff_member(user) and user.has_perm("laureates.change_report")
