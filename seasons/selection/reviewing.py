"""Reviewing applications: assignment, conflicts of interest, scores, and who sees what.

Every write of the review workflow happens here; the admin only calls these functions.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import (
    Count,
    DecimalField,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from ..models import (
    CommitteeSession,
    Review,
    ReviewState,
    Score,
    SessionStatus,
    Submission,
    SubmissionStatus,
)
from . import calibration, review_mail
from .calibration import ReviewScore
from .permissions import sees_every_submission
from .roles import JUROR, REVIEWER

# A review done, read from its scores.
STATE_CONDITIONS_DONE = Q(review__submitted_at__isnull=False, review__conflict_of_interest=False)


class ReviewRefused(Exception):
    """The reviewer may not do this (conflict declared, review already submitted…)."""


def assign(submissions, reviewers, link_base="", *, notify=True):
    """Give each application each reviewer; existing assignments are kept. Each reviewer
    given something new gets one e-mail listing it all (`review_mail`, through the
    outbox), in the same transaction, unless `notify` is off (outside jurors: their
    invitation says it, and their screens list it). Returns the number of new assignments.

    Drafts are left out: an application the applicant has not sent is theirs alone, and
    never reaches a reviewer (`assignable` says which ones are). `link_base` (scheme and
    host) starts the link to the reviewers' list in their e-mail.
    """
    new_reviews = []
    with transaction.atomic():
        for submission in assignable(submissions):
            for reviewer in reviewers:
                try:
                    with transaction.atomic():
                        review, new = Review.objects.get_or_create(
                            submission=submission, reviewer=reviewer
                        )
                except IntegrityError:  # assigned at the same moment by someone else
                    new = False
                if new:
                    new_reviews.append(review)
        if notify:
            review_mail.queue_assignment_digests(new_reviews, link_base)
    return len(new_reviews)


def reviewer_accounts():
    """Who may be given applications to review: active staff in the reviewers' group."""
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=REVIEWER)


def fellow_jurors(submission):
    """The outside jurors who sit on an open committee session whose docket holds the
    application: the pool a juror's conflict is offered to first."""
    sessions = CommitteeSession.objects.exclude(status=SessionStatus.CLOSED).filter(
        items__submission=submission
    )
    return get_user_model().objects.filter(
        is_active=True, is_staff=False, groups__name=JUROR, committee_sessions__in=sessions
    )


def propose_replacement(review):
    """The reviewer to offer `review`'s application to after its conflict of interest, in
    the pool of the one who declared it: for an outside juror, the other jurors of the
    application's open sessions, and staff reviewers when none is left; for a staff
    reviewer, the staff reviewers. Among those not assigned to it yet (so never one who
    declared a conflict on it), the one with the fewest open reviews in the call; ties by
    username. None when everyone is assigned already."""
    submission = review.submission
    open_in_call = Count(
        "reviews",
        filter=Q(reviews__submission__call=submission.call_id, reviews__submitted_at__isnull=True),
    )
    pools = [reviewer_accounts()]
    if not review.reviewer.is_staff:
        pools.insert(0, fellow_jurors(submission))
    for pool in pools:
        found = (
            pool.exclude(reviews__submission=submission)
            .distinct()
            .annotate(open_reviews=open_in_call)
            .order_by("open_reviews", "username", "pk")
            .first()
        )
        if found is not None:
            return found
    return None


def reassign(review, link_base=""):
    """Offer the application of a declared conflict to another reviewer of the same pool
    (`propose_replacement`: a juror's to another juror) and remember it on the conflict,
    so that a second call (a double click, two managers) offers it once. Returns the
    replacement review, or None when no reviewer is left. ReviewRefused for a review that
    is not a conflict."""
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("submission").get(pk=review.pk)
        if review.state != ReviewState.CONFLICT:
            raise ReviewRefused(
                _("Only a declared conflict of interest is offered to another reviewer.")
            )
        if review.replacement_id:
            return review.replacement
        reviewer = propose_replacement(review)
        if reviewer is None:
            return None
        assign([review.submission], [reviewer], link_base)
        review.replacement = Review.objects.get(submission=review.submission, reviewer=reviewer)
        review.save(update_fields=["replacement"])
    return review.replacement


def assignable(submissions):
    """The applications among `submissions` that may get reviewers: every one but drafts.
    A sent application never becomes a draft again, so what is read here stays true."""
    return [s for s in submissions if s.status != SubmissionStatus.DRAFT]


def save_review(
    review, *, conflict_of_interest, conflict_details="", scores=None, comment="", submit=False
):
    """Record the reviewer's answers; `submit` makes them final.

    A reviewer who declares a conflict cannot score: their scores are refused and any
    earlier one is removed. A submitted review cannot be changed any more.
    """
    scores = scores or {}
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        check_review(
            review, conflict_of_interest=conflict_of_interest, scores=scores, submit=submit
        )
        criteria = {c.pk: c for c in review.submission.call.criteria.all()}
        review.conflict_of_interest = conflict_of_interest
        review.conflict_details = conflict_details if conflict_of_interest else ""
        review.comment = comment
        if submit:
            review.submitted_at = timezone.now()
        review.save()
        review.scores.all().delete()
        if not conflict_of_interest:
            # With their history rows, as every other change of the review.
            bulk_create_with_history(
                [
                    Score(review=review, criterion=criteria[pk], value=value)
                    for pk, value in scores.items()
                    if value is not None and pk in criteria
                ],
                Score,
            )
    return review


def check_review(review, *, conflict_of_interest, scores, submit):
    """ReviewRefused, with a sentence for the reviewer, when the answers cannot be saved."""
    if review.is_submitted:
        raise ReviewRefused(_("This review is submitted: it can no longer be changed."))
    if review.submission.status == SubmissionStatus.DRAFT:
        raise ReviewRefused(_("This application is a draft: it cannot be reviewed."))
    scored = any(value is not None for value in scores.values())
    if conflict_of_interest and scored:
        raise ReviewRefused(
            _("You declared a conflict of interest: you cannot score this application.")
        )
    if conflict_of_interest is None and (scored or submit):
        raise ReviewRefused(_("Declare first whether you have a conflict of interest."))
    if submit and not conflict_of_interest:
        titles = {c.pk: c.title for c in review.submission.call.criteria.all()}
        missing = [title for pk, title in titles.items() if scores.get(pk) is None]
        if missing:
            raise ReviewRefused(
                _("Score every criterion before submitting: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )


def visible_reviews(user, submission):
    """The reviews `user` may read for `submission`, scores included.

    Staff who see every application see every review. A reviewer sees only their own
    until they have submitted it; then the other submitted ones too, so that nobody is
    swayed by the scores of others before forming their own opinion.
    """
    reviews = submission.reviews.select_related("reviewer").prefetch_related("scores__criterion")
    if sees_every_submission(user):
        return reviews
    own = reviews.filter(reviewer=user)
    if own.filter(submitted_at__isnull=False).exists():
        return reviews.filter(Q(reviewer=user) | Q(submitted_at__isnull=False))
    return own


def with_review_figures(queryset):
    """Annotate applications with their weighted average score (reviews done, a conflict
    has no score) and their reviews assigned, done, in conflict and still open, each as
    one subquery so that rows are never multiplied and the changelist keeps a constant
    number of queries. A conflict of interest is never counted as done.

    Each subquery without the models' ordering: grouped after `values()`, the ordering of
    reviews by their application joined the applications' table in every subquery, for
    nothing (a subquery's rows come out unordered anyway)."""
    counted = Review.objects.filter(submission=OuterRef("pk")).order_by().values("submission")

    def count(reviews):
        return Coalesce(Subquery(reviews.annotate(n=Count("pk")).values("n")), Value(0))

    scores = (
        Score.objects.filter(
            review__submission=OuterRef("pk"),
            review__submitted_at__isnull=False,
            review__conflict_of_interest=False,
        )
        .order_by()
        .values("review__submission")
        .annotate(
            # Divided as reals: SQLite stores a weight of 2.00 as the integer 2, and would
            # divide 22 by 6 as integers (3, not 3.67).
            weighted=Cast(
                Cast(Sum(F("value") * F("criterion__weight")), FloatField())
                / Cast(Sum("criterion__weight"), FloatField()),
                DecimalField(max_digits=6, decimal_places=2),
            )
        )
        .values("weighted")
    )
    return queryset.annotate(
        weighted_score=Subquery(scores, output_field=DecimalField(max_digits=6, decimal_places=2)),
        reviews_assigned=count(counted),
        reviews_done=count(counted.done()),
        reviews_conflicts=count(counted.conflicts()),
        reviews_open=count(counted.still_open()),
    )


# Built once per process (`submissions_with_review_figures`), never evaluated itself.
_KEPT_QUERIES = {}


def submissions_with_review_figures():
    """`with_review_figures()` of every application (the default manager's rows): its query
    built once per process, then cloned at each call. Building its five subqueries costs
    about 2 ms of CPU, a tenth of an admin search; a clone costs nothing, and its rows are
    read from the database at each evaluation, as before."""
    kept = _KEPT_QUERIES.get("submissions")
    if kept is None:
        kept = with_review_figures(Submission._default_manager.get_queryset())
        _KEPT_QUERIES["submissions"] = kept
    return kept.all()


def done_scores(**where):
    """The scores of the reviews done among those `where` selects (never of a draft);
    grouped by review, `weighted_expression` is each review's weighted score."""
    return (
        Score.objects.filter(**where)
        .filter(STATE_CONDITIONS_DONE)
        .exclude(review__submission__status=SubmissionStatus.DRAFT)
    )


def weighted_expression():
    """Grouped by review: its weighted score."""
    return Sum(F("value") * F("criterion__weight"), output_field=DecimalField()) / Sum(
        "criterion__weight", output_field=DecimalField()
    )


def review_scores(call):
    """(scores, reviewers, applications) of `call` for `calibration`: one `ReviewScore`
    per review done (its weighted score), {reviewer id: name} and {application id:
    application}. Two queries."""
    rows = (
        done_scores(review__submission__call=call)
        .values(
            "review__submission_id",
            "review__reviewer_id",
            "review__reviewer__username",
            "review__reviewer__first_name",
            "review__reviewer__last_name",
        )
        .annotate(weighted=weighted_expression())
        .order_by("review__submission_id", "review__reviewer_id")
    )
    scores, reviewers = [], {}
    for row in rows:
        reviewer = row["review__reviewer_id"]
        scores.append(ReviewScore(row["review__submission_id"], reviewer, float(row["weighted"])))
        name = f"{row['review__reviewer__first_name']} {row['review__reviewer__last_name']}"
        reviewers[reviewer] = name.strip() or row["review__reviewer__username"]
    applications = Submission.objects.in_bulk({s.application for s in scores})
    return scores, reviewers, applications


def progress_parts(submission):
    """("2/3", "1 conflict of interest" or None): reviews done out of those that count, and
    the conflicts of interest apart. Reads `with_review_figures`' annotations."""
    counted = submission.reviews_assigned - submission.reviews_conflicts
    conflicts = None
    if submission.reviews_conflicts:
        conflicts = ngettext(
            "%(count)d conflict of interest",
            "%(count)d conflicts of interest",
            submission.reviews_conflicts,
        ) % {"count": submission.reviews_conflicts}
    return f"{submission.reviews_done}/{counted}", conflicts


def progress_label(submission):
    """ "2/3", or "2/2 · 1 conflict of interest" (exports and plain text)."""
    done, conflicts = progress_parts(submission)
    return f"{done} · {conflicts}" if conflicts else done


def submissions_visible_to(user, queryset=None):
    """Every application for staff who see them all; for reviewers, only the ones assigned
    to them, and never a draft (even one assigned before drafts were refused)."""
    queryset = Submission.objects.all() if queryset is None else queryset
    if sees_every_submission(user):
        return queryset
    return queryset.filter(reviews__reviewer=user).exclude(status=SubmissionStatus.DRAFT).distinct()


def reviews_visible_to(user, queryset=None):
    """Every review for staff who see every application; a reviewer's own otherwise,
    never one of a draft."""
    queryset = Review.objects.all() if queryset is None else queryset
    if sees_every_submission(user):
        return queryset
    return queryset.filter(reviewer=user).exclude(submission__status=SubmissionStatus.DRAFT)


def normalised_scores(submissions):
    """{application id: normalised score, or None} of the applications of the calls of
    `submissions`, each reviewer's scale read from all their reviews in the call, as the
    calibration page does: one query, whatever the number of calls and applications."""
    rows = (
        done_scores(review__submission__call__in=submissions.values("call"))
        .values("review__submission__call_id", "review__submission_id", "review__reviewer_id")
        .annotate(weighted=weighted_expression())
        .order_by("review__submission_id", "review__reviewer_id")
    )
    by_call = {}
    for row in rows:
        by_call.setdefault(row["review__submission__call_id"], []).append(
            ReviewScore(
                row["review__submission_id"], row["review__reviewer_id"], float(row["weighted"])
            )
        )
    normalised = {}
    for scores in by_call.values():
        normalised.update(calibration.normalised_scores(scores))
    return normalised
