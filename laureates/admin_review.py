"""What the staff screens that review a team's work share (a report, an update): the
list opens on what awaits review; the page shows what the team sent, read-only, with
review buttons instead of the admin's save and delete; a review posted is checked
exactly as the page is, then as a review."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from accelerator.change_and_say import change_and_say

# The admin's own buttons, all hidden: the team's work is read, never edited, here.
READ_ONLY_PAGE = {
    "show_save": False,
    "show_save_and_continue": False,
    "show_save_and_add_another": False,
    "show_delete": False,
}


class TeamWorkReviewMixin:
    """For a ModelAdmin whose change page reviews. Subclasses set `may_review`, the
    predicate (of a user) that allows a review; `awaiting`, the status awaiting review
    and the list's ordering (`o`) that puts the oldest first; `list_titles`, the list's
    title on that status and on any other filter; `reviews`, each review button's name
    → (domain function of the object, the reviewer and the note, what is said once
    done, at which message level), the first button posted winning; `refused`, the
    domain's refusal; `review_note(request)`, the comment posted with the review;
    `review_refused(request, object_id, note)`, the answer to a refused review; and
    `review_context(request, object_id, **shown)`, what the page adds."""

    may_review = None
    awaiting = None
    list_titles = None
    reviews = {}
    refused = None

    def changelist_view(self, request, extra_context=None):
        """Opens on what awaits review, oldest first, unless staff chose a filter."""
        status, ordering = self.awaiting
        if request.method == "GET" and not request.GET:
            return redirect(f"{request.path}?status__exact={status}&o={ordering}")
        awaiting_title, other_title = self.list_titles
        title = awaiting_title if request.GET.get("status__exact") == status else other_title
        return super().changelist_view(request, {**(extra_context or {}), "title": title})

    def change_view(self, request, object_id, form_url="", extra_context=None, **shown):
        if request.method == "POST" and self.reviews.keys() & set(request.POST):
            return self.review(request, object_id)
        extra = {**READ_ONLY_PAGE, **self.review_context(request, object_id, **shown)}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def review(self, request, object_id):
        reviewed = self.object_to_review(request, object_id)
        note = self.review_note(request)
        button = next(name for name in self.reviews if name in request.POST)
        change, done, level = self.reviews[button]
        if not change_and_say(
            request, self.refused, done, change, reviewed, request.user, note, level=level
        ):
            return self.review_refused(request, object_id, note)
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", reviewed.pk)

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
