"""Warnings for staff before a call's laureates go public at its announcement: the
public should not learn of a laureate before the applicant does (their decision e-mail
still a draft), and selected applications without an announcement date stay hidden
until published one by one. Publication is never blocked: these only warn."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import EmailKind, EmailStatus, OutboundEmail, SubmissionStatus

UNSENT = (EmailStatus.DRAFT, EmailStatus.FAILED)


def announcement_warnings(call):
    """What staff should know about `call`'s announcement, as sentences (none: all well)."""
    selected = call.submissions.filter(status=SubmissionStatus.SELECTED)
    if not selected.exists():
        return []
    if call.laureates_announced_at is None:
        return [
            _(
                "“%(call)s” has selected applications but no announcement date: its "
                "laureates stay off the public site until they are published one by one."
            )
            % {"call": call.title}
        ]
    unsent = OutboundEmail.objects.filter(
        submission__in=selected, kind=EmailKind.DECISION, status__in=UNSENT
    ).count()
    if not unsent:
        return []
    announced = timezone.localtime(call.laureates_announced_at)
    return [
        ngettext(
            "“%(call)s”: %(count)d decision e-mail to a selected applicant is not sent yet, "
            "while the laureates go public on %(date)s. Send it from the outbox first.",
            "“%(call)s”: %(count)d decision e-mails to selected applicants are not sent yet, "
            "while the laureates go public on %(date)s. Send them from the outbox first.",
            unsent,
        )
        % {
            "call": call.title,
            "count": unsent,
            "date": formats.date_format(announced, "DATETIME_FORMAT"),
        }
    ]
