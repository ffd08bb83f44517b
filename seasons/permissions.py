"""Who may do what with applications, as small named predicates (a policy table).

Views and admin screens ask these; none of them decides on its own.
"""


def is_staff_member(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_view_submission(user, submission):
    """Staff allowed to see applications. Reviewers' narrower scope comes with the review
    workflow: it will be one more predicate here."""
    return is_staff_member(user) and user.has_perm("seasons.view_submission")


def can_download_attachment(user, attachment):
    return can_view_submission(user, attachment.submission)
