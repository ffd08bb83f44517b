"""E-mail the laureate's team about its steps: before each due date, and once it has passed.

Each active member (not revoked) of a laureate whose support is not closed gets, for each
open step (neither done nor cancelled), one e-mail `REMINDER_DAYS` days or less before its
due date and one once it has passed, each at most once (`TeamReminder`, unique per member,
step and kind), so cron may run it as often as wanted. A step whose team already asked
for it to be marked done (an update awaiting confirmation) is not reminded: the program
has the next move. A step found already overdue gets only the second e-mail.

The e-mails go through the outbox (`seasons.outbox.queue`), in the program's language,
each written in the transaction that records its reminder: if two runs race, the unique
constraint stops the second before it queues anything. The link opens the step in the
space, or the sign-in page for a member not signed in.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from seasons import outbox
from seasons.models import EmailKind
from seasons.reminder_counts import ReminderCounts
from seasons.selection.review_mail import site_link_base

from .. import followup
from ..models import Milestone, TeamMember, TeamReminder, TeamReminderKind, TeamUpdate
from ..reminders import REMINDER_DAYS


@dataclass
class TeamReminderSummary(ReminderCounts):
    message = gettext_lazy(
        "Team reminders: %(emails)d e-mail(s) sent (%(due_soon)d before a due date, "
        "%(overdue)d after it); %(already_sent)d already sent."
    )

    def count(self, queued, kind):
        """Count one reminder: queued now, or found recorded by another run."""
        if not queued:
            self.already_sent += 1
        elif kind == TeamReminderKind.OVERDUE:
            self.emails, self.overdue = self.emails + 1, self.overdue + 1
        else:
            self.emails, self.due_soon = self.emails + 1, self.due_soon + 1


def steps_to_remind(today):
    """Open steps due within `REMINDER_DAYS` days or overdue, of supports not closed,
    unless their team already asked for them to be marked done."""
    asked_done = TeamUpdate.objects.awaiting().filter(asks_done=True).values("milestone")
    return (
        Milestone.objects.open()
        .filter(
            due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
            laureate__support_closed_on__isnull=True,
        )
        .exclude(pk__in=asked_done)
        .select_related("laureate")
        .order_by("due_on", "pk")
    )


def active_members_of(laureate_ids):
    """{laureate id: [its active members]}, in one query."""
    members = {}
    for member in TeamMember.objects.active().filter(laureate__in=laureate_ids):
        members.setdefault(member.laureate_id, []).append(member)
    return members


def reminders_due(today):
    """[(member, step, kind)] still to send today, and how many were already sent. Three
    queries, whatever the number of steps and members."""
    steps = list(steps_to_remind(today))
    members = active_members_of({step.laureate_id for step in steps})
    sent = set(
        TeamReminder.objects.filter(milestone__in=steps).values_list(
            "member_id", "milestone_id", "kind"
        )
    )
    due, already_sent = [], 0
    for step in steps:
        kind = TeamReminderKind.OVERDUE if step.due_on < today else TeamReminderKind.DUE_SOON
        for member in members.get(step.laureate_id, []):
            if (member.pk, step.pk, kind) in sent:
                already_sent += 1
            else:
                due.append((member, step, kind))
    return due, already_sent


def send_team_reminders(today=None, link_base=None):
    """Queue today's reminders, one e-mail per member, step and kind; returns a
    `TeamReminderSummary`."""
    today = today or followup.today()
    link_base = link_base or site_link_base()
    due, already_sent = reminders_due(today)
    summary = TeamReminderSummary(already_sent=already_sent)
    for member, step, kind in due:
        summary.count(remind(member, step, kind, today, link_base), kind)
    return summary


def remind(member, step, kind, today, link_base):
    """Record one reminder and queue its e-mail in one transaction; False if another run
    recorded it first."""
    context = {
        "member": member,
        "step": step,
        "overdue": kind == TeamReminderKind.OVERDUE,
        "days": (step.due_on - today).days,
        "step_url": link_base + reverse("space:step_detail", args=[step.pk]),
        "sign_in_url": link_base + reverse("space:sign_in"),
    }
    return queue_once(
        lambda: TeamReminder.objects.create(member=member, milestone=step, kind=kind),
        member.email,
        "laureates/email/team_reminder",
        context,
    )


def queue_once(record, to, template, context):
    """Call `record` (which writes the reminder's unique row) and queue the e-mail rendered
    from `template`_subject.txt and _body.txt, in the program's language, in one
    transaction; False if another run recorded it first."""
    try:
        with transaction.atomic():
            record()
            with translation.override(settings.LANGUAGE_CODE):
                context = {**context, "program_name": settings.PROGRAM_NAME}
                subject = render_to_string(f"{template}_subject.txt", context)
                body = render_to_string(f"{template}_body.txt", context)
            outbox.queue(
                kind=EmailKind.REMINDER, to=to, subject=" ".join(subject.split()), body=body
            )
    except IntegrityError:
        return False
    return True
