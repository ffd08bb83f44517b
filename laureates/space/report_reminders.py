"""E-mail the team and the follow-up lead about a report not sent yet, around its due date.

The same rhythm as the steps' reminders (`reminders`): for each report still to send (a
draft, or sent back by staff for changes) of a support not closed, one e-mail
`REMINDER_DAYS` days or less before its due date and one once it has passed, to each
active member and to the laureate's follow-up lead. Each leaves at most once per
recipient, kind and round (`ReportReminder`, unique in the database): the round is the
number of versions sent, so a report sent back for changes is reminded once more until
the team sends it again. Members get the link to the report in the space, the lead the
link to its review page.
"""

import datetime

from django.db.models import Count
from django.urls import reverse

from seasons.selection.review_mail import site_link_base

from .. import followup
from ..models import Report, ReportReminder, ReportStatus, TeamReminderKind
from ..reminders import REMINDER_DAYS
from .reminders import TeamReminderSummary, active_members_of, queue_once


def reports_to_remind(today):
    """Reports the team still has to send, due within `REMINDER_DAYS` days or overdue, of
    supports not closed; each with its `round` (versions sent) and its lead."""
    return (
        Report.objects.filter(
            status__in=(ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED),
            due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
            laureate__support_closed_on__isnull=True,
        )
        .annotate(round=Count("versions"))
        .select_related("laureate__followup_lead")
        .order_by("due_on", "pk")
    )


def report_reminders_due(today):
    """[(report, kind, member or None, lead or None)] still to send today, and how many
    were already sent. Three queries, whatever the number of reports and members."""
    reports = list(reports_to_remind(today))
    members = active_members_of({report.laureate_id for report in reports})
    sent = set(
        ReportReminder.objects.filter(report__in=reports).values_list(
            "report_id", "round", "kind", "member_id", "lead_id"
        )
    )
    due, already_sent = [], 0
    for report in reports:
        kind = TeamReminderKind.OVERDUE if report.due_on < today else TeamReminderKind.DUE_SOON
        lead = report.laureate.followup_lead
        recipients = [(member, None) for member in members.get(report.laureate_id, [])]
        if lead is not None and lead.is_active and lead.email:
            recipients.append((None, lead))
        for member, to_lead in recipients:
            recipient = (getattr(member, "pk", None), getattr(to_lead, "pk", None))
            if (report.pk, report.round, kind, *recipient) in sent:
                already_sent += 1
            else:
                due.append((report, kind, member, to_lead))
    return due, already_sent


def send_report_reminders(today=None, link_base=None, summary=None):
    """Queue today's reminders of reports, one e-mail per recipient, report and kind;
    counts them in `summary` (a `TeamReminderSummary`, new if none), which it returns."""
    today = today or followup.today()
    link_base = link_base or site_link_base()
    due, already_sent = report_reminders_due(today)
    summary = summary or TeamReminderSummary()
    summary.already_sent += already_sent
    for report, kind, member, lead in due:
        summary.count(remind_report(report, kind, member, lead, today, link_base), kind)
    return summary


def remind_report(report, kind, member, lead, today, link_base):
    """Record one reminder (to `member` or to `lead`) and queue its e-mail in one
    transaction; False if another run recorded it first."""
    if member is not None:
        url = link_base + reverse("space:report_detail", args=[report.pk])
    else:
        url = link_base + reverse("admin:laureates_report_change", args=[report.pk])
    context = {
        "name": member.name if member is not None else (lead.get_full_name() or lead.username),
        "to_lead": member is None,
        "report": report,
        "changes_requested": report.status == ReportStatus.CHANGES_REQUESTED,
        "overdue": kind == TeamReminderKind.OVERDUE,
        "days": (report.due_on - today).days,
        "report_url": url,
        "sign_in_url": link_base + reverse("space:sign_in"),
    }
    return queue_once(
        lambda: ReportReminder.objects.create(
            report=report, round=report.round, kind=kind, member=member, lead=lead
        ),
        member.email if member is not None else lead.email,
        "laureates/email/report_reminder",
        context,
    )
