"""E-mail each milestone owner about their open milestones due within 7 days or overdue.

Safe to run from cron as often as wanted: what was sent is stored (`MilestoneReminder`,
unique per milestone and day), so a second run on the same day sends nothing. The e-mail
goes through the outbox like every other one (`seasons.outbox`): its row is written in the
transaction that records the reminders, sent after the commit (or by the `mail` process
when `EMAIL_SEND_AT_ONCE` is off), and retried by `send_queued_emails` if the mail server
fails. If two runs race, the unique constraint stops the second before it queues anything.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from seasons import outbox
from seasons.models import EmailKind
from seasons.reminder_counts import ReminderCounts

from . import followup
from .models import Milestone, MilestoneReminder

REMINDER_DAYS = 7


@dataclass
class ReminderSummary(ReminderCounts):
    milestones: int = 0
    without_email: int = 0

    message = gettext_lazy(
        "Follow-up reminders: %(emails)d e-mail(s) sent for %(milestones)d milestone(s) "
        "(%(overdue)d overdue, %(due_soon)d due within %(days)d days); "
        "%(already_sent)d already reminded today; %(without_email)d without an owner "
        "e-mail address."
    )
    days = REMINDER_DAYS


def milestones_to_remind(today):
    """Open milestones with an owner, overdue or due within `REMINDER_DAYS` days."""
    limit = today + datetime.timedelta(days=REMINDER_DAYS)
    return (
        Milestone.objects.open()
        .filter(owner__isnull=False, owner__is_active=True, due_on__lte=limit)
        .select_related("laureate", "owner")
        .order_by("owner_id", "due_on", "pk")
    )


def send_followup_reminders(today=None):
    """Send today's reminders, one e-mail per owner; returns a `ReminderSummary`."""
    today = today or followup.today()
    summary = ReminderSummary()
    reminded = set(
        MilestoneReminder.objects.filter(sent_on=today).values_list("milestone_id", flat=True)
    )
    by_owner = {}
    for milestone in milestones_to_remind(today):
        if milestone.pk in reminded:
            summary.already_sent += 1
        elif not milestone.owner.email:
            summary.without_email += 1
        else:
            by_owner.setdefault(milestone.owner, []).append(milestone)
    for owner, milestones in by_owner.items():
        if send_to_owner(owner, milestones, today):
            summary.emails += 1
            summary.milestones += len(milestones)
            summary.overdue += sum(m.is_overdue_on(today) for m in milestones)
            summary.due_soon += sum(not m.is_overdue_on(today) for m in milestones)
        else:
            summary.already_sent += len(milestones)
    return summary


def send_to_owner(owner, milestones, today):
    """Record the reminders and queue one owner's e-mail in one transaction; False if
    another run recorded these reminders first."""
    try:
        with transaction.atomic():
            MilestoneReminder.objects.bulk_create(
                MilestoneReminder(milestone=m, recipient=owner, sent_on=today) for m in milestones
            )
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "owner": owner,
                    "overdue": [m for m in milestones if m.is_overdue_on(today)],
                    "due_soon": [m for m in milestones if not m.is_overdue_on(today)],
                    "days": REMINDER_DAYS,
                    "program_name": settings.PROGRAM_NAME,
                }
                subject = _("Follow-up: %(count)d milestone(s) to look at") % {
                    "count": len(milestones)
                }
                body = render_to_string("laureates/email/followup_reminder.txt", context)
            outbox.queue(kind=EmailKind.REMINDER, to=owner.email, subject=subject, body=body)
    except IntegrityError:
        return False
    return True
