"""E-mails to reviewers: one digest per assignment batch, and deadline reminders.

Both go through the outbox (`seasons.outbox`): a row written in the transaction of what
caused it, sent after the commit or by the `mail` process, retried when it fails.

- `queue_assignment_digests`: when staff assign applications (or offer a conflict to
  another reviewer), each reviewer gets ONE e-mail listing what is new for them, with
  the link to their reviews, not one e-mail per application.
- `send_review_reminders`: for calls with a review deadline, each open review is
  reminded `REMINDER_DAYS` days before it and once it has passed, each at most once
  (`ReviewReminder`, unique per review and kind), so that cron may run it as often as
  wanted. A review done or closed by a conflict of interest is never reminded.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, ngettext_lazy

from .. import outbox
from ..models import (
    EmailKind,
    Review,
    ReviewReminder,
    ReviewReminderKind,
    SubmissionStatus,
)
from ..reminder_counts import ReminderCounts

REMINDER_DAYS = 3


def site_link_base():
    """Scheme and host of the site when no request gives them (cron): the domain of the
    current Site, which operators set to the public host (docs/operations.md)."""
    return f"https://{Site.objects.get_current().domain}"


def reviews_link(link_base, reviewer=None):
    """The reviewer's list of their open reviews; for an outside juror (not staff, no
    password), the page that e-mails them a link to their own screens."""
    if reviewer is not None and not reviewer.is_staff:
        return f"{link_base}{reverse('jury:sign_in')}"
    return f"{link_base}{reverse('admin:seasons_review_changelist')}?state=open"


def by_reviewer(reviews):
    grouped = {}
    for review in reviews:
        grouped.setdefault(review.reviewer, []).append(review)
    return grouped


def deadlines(reviews):
    """[(call, deadline)] of the calls of `reviews` that set one, in order of the calls."""
    calls = {review.submission.call_id: review.submission.call for review in reviews}
    return [(call, call.review_deadline) for call in calls.values() if call.review_deadline]


def queue_to_reviewer(reviewer, kind, subject, count, template, context, link_base):
    """Queue one e-mail to `reviewer`, written in the site's language: `subject` (a lazy
    plural on "count") for `count` things, and `template` rendered with `context`, the
    reviewer, their link and the program's name."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {
                **context,
                "reviewer": reviewer,
                "link": reviews_link(link_base, reviewer),
                "program_name": settings.PROGRAM_NAME,
            },
        )
        outbox.queue(kind=kind, to=reviewer.email, subject=subject % {"count": count}, body=body)


def queue_assignment_digests(reviews, link_base):
    """Queue one e-mail per reviewer listing their `reviews` (new assignments); a reviewer
    without an address gets none. Returns the number of e-mails queued."""
    queued = 0
    for reviewer, theirs in by_reviewer(reviews).items():
        if not reviewer.email:
            continue
        queue_to_reviewer(
            reviewer,
            EmailKind.REVIEW_ASSIGNMENT,
            ngettext_lazy(
                "%(count)d application assigned to you for review",
                "%(count)d applications assigned to you for review",
                "count",
            ),
            len(theirs),
            "seasons/email/review_assignment.txt",
            {"reviews": theirs, "deadlines": deadlines(theirs)},
            link_base,
        )
        queued += 1
    return queued


@dataclass
class ReviewReminderSummary(ReminderCounts):
    without_email: int = 0

    message = gettext_lazy(
        "Review reminders: %(emails)d e-mail(s) sent about %(due_soon)d review(s) due "
        "within %(days)d days and %(overdue)d overdue; %(already_sent)d already "
        "reminded; %(without_email)d without a reviewer e-mail address."
    )
    days = REMINDER_DAYS


def reviews_to_remind(now):
    """Open reviews whose call's deadline is within `REMINDER_DAYS` days or past, each
    with the kind of reminder it is due for; never on a draft or a withdrawn application."""
    reviews = (
        Review.objects.still_open()
        .filter(
            reviewer__is_active=True,
            submission__call__review_deadline__lte=now + datetime.timedelta(days=REMINDER_DAYS),
        )
        .exclude(submission__status__in=[SubmissionStatus.DRAFT, SubmissionStatus.WITHDRAWN])
        .select_related("submission__call", "reviewer")
        .order_by("reviewer_id", "submission__call__review_deadline", "submission__reference")
    )
    for review in reviews:
        late = now >= review.submission.call.review_deadline
        yield review, ReviewReminderKind.OVERDUE if late else ReviewReminderKind.DUE_SOON


def send_review_reminders(now=None, link_base=None):
    """Queue today's reminders, one e-mail per reviewer; returns a `ReviewReminderSummary`."""
    now = now or timezone.now()
    link_base = link_base or site_link_base()
    summary = ReviewReminderSummary()
    sent = set(ReviewReminder.objects.values_list("review_id", "kind"))
    due = {}
    for review, kind in reviews_to_remind(now):
        if (review.pk, kind) in sent:
            summary.already_sent += 1
        elif not review.reviewer.email:
            summary.without_email += 1
        else:
            due.setdefault(review.reviewer, []).append((review, kind))
    for reviewer, reminders in due.items():
        if remind(reviewer, reminders, now, link_base):
            summary.emails += 1
            summary.overdue += sum(kind == ReviewReminderKind.OVERDUE for _r, kind in reminders)
            summary.due_soon += sum(kind == ReviewReminderKind.DUE_SOON for _r, kind in reminders)
        else:
            summary.already_sent += len(reminders)
    return summary


def remind(reviewer, reminders, now, link_base):
    """Record one reviewer's reminders and queue their e-mail in one transaction; False if
    another run recorded them first (the unique constraint stops it before it queues)."""
    overdue = [r for r, kind in reminders if kind == ReviewReminderKind.OVERDUE]
    due_soon = [r for r, kind in reminders if kind == ReviewReminderKind.DUE_SOON]
    try:
        with transaction.atomic():
            ReviewReminder.objects.bulk_create(
                ReviewReminder(review=review, kind=kind, sent_at=now) for review, kind in reminders
            )
            queue_to_reviewer(
                reviewer,
                EmailKind.REVIEW_REMINDER,
                ngettext_lazy("%(count)d review to finish", "%(count)d reviews to finish", "count"),
                len(reminders),
                "seasons/email/review_reminder.txt",
                {"overdue": overdue, "due_soon": due_soon},
                link_base,
            )
    except IntegrityError:
        return False
    return True
