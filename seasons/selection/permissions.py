"""Who may do what with applications, as small named predicates (a policy table).

Views and admin screens ask these; none of them decides on its own.
"""


def passed_second_factor(user):
    """Staff pages outside the admin ask for what the admin asks: the TOTP code, except on
    a development machine (DEBUG), exactly as `accelerator.admin_site` relaxes it."""
    from accelerator.admin_site import second_factor_required

    if not second_factor_required():
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def is_staff_member(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def sees_every_submission(user):
    """Program managers and observers; reviewers see only what is assigned to them."""
    return is_staff_member(user) and (
        user.is_superuser or user.has_perm("seasons.view_all_submissions")
    )


def is_assigned_reviewer(user, submission):
    """Drafts are never reviewed: an assignment to one gives no access."""
    from ..models import SubmissionStatus

    return (
        is_staff_member(user)
        and submission.status != SubmissionStatus.DRAFT
        and submission.reviews.filter(reviewer=user).exists()
    )


def is_own_review(user, review):
    return review.reviewer_id == user.pk and is_assigned_reviewer(user, review.submission)


def can_view_submission(user, submission):
    if not (is_staff_member(user) and user.has_perm("seasons.view_submission")):
        return False
    return sees_every_submission(user) or is_assigned_reviewer(user, submission)


def can_download_attachment(user, attachment):
    return can_view_submission(user, attachment.submission)


def can_decide(user):
    return is_staff_member(user) and user.has_perm("seasons.decide_submission")


def can_assign_reviewers(user):
    return is_staff_member(user) and user.has_perm("seasons.assign_reviewers")


def can_export(user):
    return is_staff_member(user) and user.has_perm("seasons.export_submissions")


def is_reviewer_in_call(user, call):
    """Has at least one assignment in this call (drafts never count)."""
    from ..models import Review, SubmissionStatus

    return (
        is_staff_member(user)
        and Review.objects.filter(reviewer=user, submission__call=call)
        .exclude(submission__status=SubmissionStatus.DRAFT)
        .exists()
    )


def can_view_review_progress(user, call):
    """Managers and observers see every reviewer's progress in a call; a reviewer sees
    the page only for a call they review in, and there only their own line
    (`sees_every_submission` says which)."""
    return sees_every_submission(user) or is_reviewer_in_call(user, call)


def can_view_calibration(user):
    """Reviewers' means and spreads compare people: for managers and observers only."""
    return sees_every_submission(user)


def can_view_sessions(user):
    """Committee sessions (docket, votes, minutes) are read by managers and observers;
    reviewers see nothing of them, not even that they exist."""
    return sees_every_submission(user) and user.has_perm("seasons.view_committeesession")


def can_manage_sessions(user):
    """Create a session, assemble its docket, record its outcomes."""
    return can_view_sessions(user) and user.has_perm("seasons.change_committeesession")


def can_close_session(user):
    """Closing moves every application of the docket: the right to decide is needed too."""
    return can_manage_sessions(user) and can_decide(user)


# --- Outside jurors (seasons.jury) --------------------------------------------------------
# A juror is an active account that is NOT staff, in the jurors' group; they reach only
# their own screens, and there only what the dockets of their open sessions hold.


def is_juror(user):
    from .roles import JUROR

    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and not user.is_staff
        and not user.is_superuser
        and user.groups.filter(name=JUROR).exists()
    )


def juror_sessions(user):
    """The sessions `user` sits on as a juror and may still read: not closed. Closed, a
    session's applications leave the juror's screens (their reviews stay for staff)."""
    from ..models import CommitteeSession, SessionStatus

    return CommitteeSession.objects.filter(members=user).exclude(status=SessionStatus.CLOSED)


def is_juror_of_session(user, session):
    return is_juror(user) and juror_sessions(user).filter(pk=session.pk).exists()


def can_juror_read_submission(user, submission):
    """On the docket of an open session the juror sits on, and never a draft."""
    from ..models import SubmissionStatus

    return (
        is_juror(user)
        and submission.status != SubmissionStatus.DRAFT
        and juror_sessions(user).filter(items__submission=submission).exists()
    )


def can_juror_score(user, review):
    """Their own review of an application they may read."""
    return review.reviewer_id == user.pk and can_juror_read_submission(user, review.submission)


def can_juror_download_attachment(user, attachment):
    return can_juror_read_submission(user, attachment.submission)
