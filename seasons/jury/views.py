"""The juror's screens: their sessions, a session's docket, one application to read and
score, its files.

Every page asks `permissions.is_juror` first (anyone else, staff included, is sent to the
sign-in page, whatever the address asked), then looks objects up only within the open
sessions the juror sits on (`permissions.juror_sessions`): another session's application,
a closed session's, a draft or a missing one are the same 404. Scores are saved by
`reviewing.save_review`, through the form's checks.
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..applying.answers import summarize
from ..applying.private_pages import FORM_PAGE, private_page
from ..models import Attachment, DocketItem, Review, ReviewState, SubmissionStatus
from ..private_files import private_file_response
from ..selection import permissions
from .forms import ScoringForm


def juror_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.is_juror(request.user):
            return redirect("jury:sign_in")
        return view(request, *args, **kwargs)

    return private_page(FORM_PAGE)(wrapped)


def own_reviews(user):
    return Q(items__submission__reviews__reviewer=user) & ~Q(
        items__submission__status=SubmissionStatus.DRAFT
    )


@require_GET
@juror_required
def home(request):
    """The sessions the juror sits on, with how many of their reviews are done (one query)."""
    user = request.user
    prefix = "items__submission__reviews__"
    done = Q(**{f"{prefix}submitted_at__isnull": False, f"{prefix}conflict_of_interest": False})
    conflict = Q(**{f"{prefix}conflict_of_interest": True, f"{prefix}submitted_at__isnull": False})
    sessions = (
        permissions.juror_sessions(user)
        .select_related("call")
        .annotate(
            assigned=Count("items__submission__reviews", filter=own_reviews(user)),
            scored=Count("items__submission__reviews", filter=own_reviews(user) & done),
            conflicts=Count("items__submission__reviews", filter=own_reviews(user) & conflict),
        )
        .order_by("held_on", "pk")
    )
    return render(request, "seasons/jury/home.html", {"sessions": sessions})


def docket_of(session):
    """The session's items in their order, drafts never shown."""
    return list(
        session.items.select_related("submission")
        .exclude(submission__status=SubmissionStatus.DRAFT)
        .order_by("position")
    )


@require_GET
@juror_required
def session_detail(request, pk):
    """A session's docket with the state of the juror's review of each (four queries)."""
    session = get_object_or_404(
        permissions.juror_sessions(request.user).select_related("call"), pk=pk
    )
    items = docket_of(session)
    reviews = {
        review.submission_id: review
        for review in Review.objects.filter(
            reviewer=request.user, submission__in=[item.submission_id for item in items]
        )
    }
    rows = [(item, reviews.get(item.submission_id)) for item in items]
    context = {"session": session, "rows": rows, "states": ReviewState}
    return render(request, "seasons/jury/session.html", context)


def readable_item(user, pk):
    """The docket item, its application's referents and files with it (read by the
    answers' summary and by the page alike)."""
    items = DocketItem.objects.select_related("session__call", "submission__call").prefetch_related(
        "submission__referents", "submission__attachments"
    )
    return get_object_or_404(
        items.filter(session__in=permissions.juror_sessions(user)).exclude(
            submission__status=SubmissionStatus.DRAFT
        ),
        pk=pk,
    )


def neighbours(item):
    """(previous item, next item) of the docket, None at its ends."""
    order = [row.pk for row in docket_of(item.session)]
    at = order.index(item.pk)
    return (order[at - 1] if at > 0 else None, order[at + 1] if at + 1 < len(order) else None)


@require_http_methods(["GET", "POST"])
@juror_required
def application_detail(request, pk):
    """One application in full, its files, and the juror's scoring form beside it."""
    item = readable_item(request.user, pk)
    submission = item.submission
    review = (
        Review.objects.filter(submission=submission, reviewer=request.user)
        .prefetch_related("scores")
        .first()
    )
    form = None
    criteria = list(submission.call.criteria.all())
    if review is not None and not review.is_submitted:
        form = ScoringForm(request.POST or None, review=review, criteria=criteria)
        if request.method == "POST":
            submit = request.POST.get("action") == "submit"
            if form.check(submit):
                form.save(submit)
                saved = _("Your review is submitted.") if submit else _("Your draft is saved.")
                messages.success(request, saved)
                return redirect("jury:application", item.pk)
    elif request.method == "POST":
        raise Http404  # nothing to change here: not assigned, or submitted already
    previous, following = neighbours(item)
    context = {
        "item": item,
        "session": item.session,
        "submission": submission,
        "summary": summarize(submission),
        "attachments": list(submission.attachments.all()),
        "review": review,
        "scores": given_scores(review, criteria),
        "form": form,
        "previous": previous,
        "next": following,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "seasons/jury/application.html", context, status=status)


def given_scores(review, criteria):
    """[(criterion, value)] of a review, in the rubric's order (from what is prefetched)."""
    values = {score.criterion_id: score.value for score in review.scores.all()} if review else {}
    return [(criterion, values[criterion.pk]) for criterion in criteria if criterion.pk in values]


@require_GET
@juror_required
def attachment_download(request, pk):
    """An application's file, for a juror who may read the application; 404 otherwise."""
    attachment = get_object_or_404(Attachment.objects.select_related("submission"), pk=pk)
    if not permissions.can_juror_download_attachment(request.user, attachment):
        raise Http404
    return private_file_response(attachment.file, attachment.original_name, attachment.content_type)
