"""What the staff screens that review a team's work share (a report, an update): the
page shows what the team sent, read-only, with review buttons instead of the admin's
save and delete; a review posted is checked exactly as the page is, then as a review."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

# The admin's own buttons, all hidden: the team's work is read, never edited, here.
READ_ONLY_PAGE = {
    "show_save": False,
    "show_save_and_continue": False,
    "show_save_and_add_another": False,
    "show_delete": False,
}


class TeamWorkReviewMixin:
    """For a ModelAdmin whose change page reviews; subclasses set `may_review`, the
    predicate (of a user) that allows a review."""

    may_review = None

    def object_to_review(self, request, object_id):
        """The object a review was posted for: 403 to whoever may not see the model, 404
        for an object that does not exist or that the reader may not see (as the admin
        answers it, `accelerator.admin_access`), 403 to whoever may see but not review."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        reviewed = self.get_object(request, object_id)
        if reviewed is None:
            raise Http404
        if not self.may_review(request.user):
            raise PermissionDenied
        return reviewed
