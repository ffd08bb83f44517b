"""Reviewing applications: assignment, conflicts of interest, scores, and who sees what.

Every write of the review workflow happens here; the admin only calls these functions.
"""

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
from simple_history.utils import bulk_create_with_history

from ..models import Review, Score, Submission, SubmissionStatus
from .permissions import sees_every_submission


class ReviewRefused(Exception):
    """The reviewer may not do this (conflict declared, review already submitted…)."""


def assign(submissions, reviewers):
    """Give each application each reviewer; existing assignments are kept. Returns the
    number of new assignments.

    Drafts are left out: an application the applicant has not sent is theirs alone, and
    never reaches a reviewer (`assignable` says which ones are).
    """
    created = 0
    for submission in assignable(submissions):
        for reviewer in reviewers:
            try:
                with transaction.atomic():
                    _review, new = Review.objects.get_or_create(
                        submission=submission, reviewer=reviewer
                    )
            except IntegrityError:  # assigned at the same moment by someone else
                new = False
            created += new
    return created


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
    """Annotate applications with their weighted average score (submitted reviews without
    conflict) and their reviews done and assigned, each as one subquery so that rows are
    never multiplied and the changelist keeps a constant number of queries."""
    counted = Review.objects.filter(submission=OuterRef("pk")).values("submission")
    scores = (
        Score.objects.filter(review__submission=OuterRef("pk"), review__submitted_at__isnull=False)
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
        reviews_assigned=Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), Value(0)),
        reviews_done=Coalesce(
            Subquery(
                counted.filter(submitted_at__isnull=False).annotate(n=Count("pk")).values("n")
            ),
            Value(0),
        ),
    )


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
