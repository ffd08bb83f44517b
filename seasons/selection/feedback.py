"""Feedback to declined applications: a short text per criterion of the call's rubric,
and a general remark, that the decision e-mail and the status page show.

`write_feedback` is the only writer. It refuses feedback to an application that is not,
and is not becoming, "not selected" (`decision`: the outcome a committee recorded, or
the decision being taken), an unknown criterion and a text too long; an empty text
removes the entry. It then brings the application's unsent decision e-mail up to date
(`outbox.redraft_feedback`): the e-mail leaves with the feedback as staff last wrote it
before its release, and never changes once released.

A waitlisted application gets none: it may still be selected, and reasons for a refusal
that has not happened would mislead. The applicant reads the feedback on the status page
only once the decision is released to them (`visible_feedback`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import outbox
from ..models import FEEDBACK_MAX_LENGTH, Criterion, DecisionFeedback, Submission, SubmissionStatus

GENERAL = "general"


class FeedbackRefused(Exception):
    """`errors` maps a field key (or None) to its sentence."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(" ".join(str(e) for e in errors.values()))


def receives_feedback(status):
    return status == SubmissionStatus.REJECTED


def field_key(criterion):
    """The form field of a criterion (None: the general remark)."""
    return GENERAL if criterion is None else f"criterion{criterion.pk}"


def rubric(call_id):
    """The call's criteria in the rubric's order."""
    return list(Criterion.objects.filter(call=call_id).order_by("position", "pk"))


def texts_of(feedback):
    """{field key: text} of DecisionFeedback rows (their criterion loaded)."""
    return {field_key(entry.criterion): entry.text for entry in feedback}


def feedback_by_submission(submission_ids):
    """{submission id: {field key: text}} in one query, for a page of many items."""
    found = {}
    for entry in DecisionFeedback.objects.filter(submission__in=submission_ids):
        key = GENERAL if entry.criterion_id is None else f"criterion{entry.criterion_id}"
        found.setdefault(entry.submission_id, {})[key] = entry.text
    return found


def too_long(text):
    """The sentence refusing a text over the limit, or None."""
    if len(text) <= FEEDBACK_MAX_LENGTH:
        return None
    return _("At most %(limit)d characters (%(count)d typed): shorten this text.") % {
        "limit": FEEDBACK_MAX_LENGTH,
        "count": len(text),
    }


def check(texts, keys, status):
    errors = {}
    for key, text in texts.items():
        if key not in keys:
            errors[None] = _("This criterion is not in the rubric of the application’s call.")
        elif too_long(text):
            errors[key] = too_long(text)
    written = [key for key, text in texts.items() if text and key in keys]
    if written and not receives_feedback(status):
        errors[written[0]] = _(
            "Only an application not selected receives feedback: empty these fields or "
            "choose “not selected”."
        )
    return errors


def write_feedback(submission, texts, *, user, decision=None):
    """Write the feedback {field key: text} (an empty text removes the entry); raise
    FeedbackRefused, or return `outbox.Redrafted` (the unsent decision e-mails updated,
    and those staff had edited by hand, left alone)."""
    texts = {key: (text or "").strip() for key, text in texts.items()}
    with transaction.atomic():
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        criteria = {field_key(c): c for c in rubric(current.call_id)}
        criteria[GENERAL] = None
        errors = check(texts, criteria, decision or current.status)
        if errors:
            raise FeedbackRefused(errors)
        previous = outbox.feedback_entries(current)
        existing = {
            field_key(entry.criterion): entry
            for entry in current.decision_feedback.select_related("criterion")
        }
        for key, text in texts.items():
            entry = existing.get(key)
            if not text:
                if entry is not None:
                    entry.delete()
            elif entry is None:
                DecisionFeedback.objects.create(
                    submission=current, criterion=criteria[key], text=text, written_by=user
                )
            elif entry.text != text:
                entry.text = text
                entry.written_by = user
                entry.save()
        return outbox.redraft_feedback(current, previous)


def decision_released(submission):
    """The applicant has the decision: none of its decision e-mails is still held (a
    draft, or queued for a release date to come). Without any decision e-mail (no
    address, or staff chose none) the status page is the announcement itself."""
    return not outbox.unsent_decision_emails(submission).exists()


def visible_feedback(submission):
    """[(criterion title or None, text)] the applicant may read now: for a declined
    application whose decision is released to them; [] otherwise (no query then)."""
    if not receives_feedback(submission.status) or not decision_released(submission):
        return []
    return outbox.feedback_entries(submission)
