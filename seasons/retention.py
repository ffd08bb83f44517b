"""Personal data is kept no longer than needed (RGPD): unsuccessful and withdrawn
applications, applications left on the waiting list and abandoned drafts are anonymised
after the retention period.

What stays, for the program's statistics: the call, the status and its history, the
dates, the organisation type and nature, budgets, the number of contributors and the
review scores. What goes: every name, address, phone number, free text, file and e-mail,
and the past versions kept by the audit history, which hold the same data.
"""

from django.db import transaction
from django.db.models import CharField, DateTimeField, Max, TextField
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accelerator.dates import add_months

from .applying.stored_answers import REFERENTS_KEY
from .models import DecisionFeedback, OutboundEmail, Question, Submission, SubmissionStatus
from .selection.exports import ANSWER_FIELDS

# Where an application's story ends: not selected, withdrawn, left on the waiting list
# (counted from the day it was put there) and drafts never sent (from their last save).
ENDED = [
    SubmissionStatus.REJECTED,
    SubmissionStatus.WITHDRAWN,
    SubmissionStatus.WAITLISTED,
    SubmissionStatus.DRAFT,
]
# Every text answer of the form may hold personal data (a name, a phone number…); the
# organisation's name is replaced by a label instead.
FREE_TEXTS = [
    name
    for name in ANSWER_FIELDS
    if isinstance(Submission._meta.get_field(name), CharField | TextField)
    and not Submission._meta.get_field(name).choices
    and name != "organisation_name"
]


def due_for_anonymisation(months, now=None):
    """Applications ended (see `ENDED`) `months` or more ago, not yet anonymised: from
    their last status change, else their sending, else (a draft) their last save."""
    cutoff = add_months(now or timezone.now(), -months)
    return (
        Submission.objects.filter(status__in=ENDED, anonymised_at__isnull=True)
        .annotate(
            ended_at=Coalesce(
                Max("transitions__at"), "submitted_at", "updated_at", output_field=DateTimeField()
            )
        )
        .filter(ended_at__lt=cutoff)
        .select_related("call")
        .order_by("ended_at", "pk")
    )


def impersonal_answers(submission):
    """`submission.answers` without the answers of the questions marked as personal data
    (in a repeatable group, the entries keep their other answers). For a call without a
    form of its own, the season-2 answers that the purge empties in the columns."""
    questions = Question.objects.filter(form__call=submission.call_id)
    personal = {q.key: q.group_id for q in questions if q.personal_data}
    if not questions:
        personal = dict.fromkeys([*FREE_TEXTS, "organisation_name", REFERENTS_KEY])
    groups = {q.pk: q.key for q in questions if q.type == "group"}
    answers = {}
    for key, value in submission.answers.items():
        if key in personal and personal[key] is None:
            continue
        if key in groups.values() and isinstance(value, list):
            subs = {k for k, group in personal.items() if groups.get(group) == key}
            value = [{k: v for k, v in e.items() if k not in subs} for e in value]
            value = [entry for entry in value if entry]
            if not value:
                continue
        answers[key] = value
    return answers


def anonymise(submission, now=None):
    with transaction.atomic():
        for name in FREE_TEXTS:
            setattr(submission, name, "")
        submission.organisation_name = _("Anonymised application")
        submission.answers = impersonal_answers(submission)
        submission.anonymised_at = now or timezone.now()
        submission.referents.all().delete()
        for attachment in submission.attachments.all():
            stored = attachment.file
            attachment.delete()
            transaction.on_commit(lambda stored=stored: stored.delete(save=False))
        OutboundEmail.objects.filter(submission=submission).delete()
        # Staff's feedback speaks of the project: erased with the rest, history included.
        submission.decision_feedback.all().delete()
        DecisionFeedback.history.filter(submission_id=submission.pk).delete()
        submission.reviews.update(comment="", conflict_details="")
        for review in submission.reviews.all():
            review.history.all().delete()
        submission.save()
        # The past versions hold what was just removed: only the anonymous one stays.
        submission.history.exclude(pk=submission.history.latest().pk).delete()
    return submission
