from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from seasons import retention


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of applications ended longer ago than the retention "
        "period: not selected, withdrawn, left on the waiting list, and drafts never sent. "
        "Shows what it would do unless --apply is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_MONTHS,
            help="Retention period in months (default: PERSONAL_DATA_RETENTION_MONTHS).",
        )
        parser.add_argument(
            "--apply", action="store_true", help="Anonymise for real (default: dry run)."
        )

    def handle(self, *args, months, apply, **options):
        due = list(retention.due_for_anonymisation(months))
        for submission in due:
            values = {
                # A draft has no reference yet: its number names it.
                "name": submission.reference or _("draft no. %(pk)d") % {"pk": submission.pk},
                "status": submission.get_status_display(),
                "day": timezone.localtime(submission.ended_at).date().isoformat(),
                "call": submission.call.title,
            }
            if apply:
                line = _("Anonymised %(name)s (%(status)s, ended %(day)s, %(call)s)")
            else:
                line = _("Would anonymise %(name)s (%(status)s, ended %(day)s, %(call)s)")
            self.stdout.write(line % values)
            if apply:
                retention.anonymise(submission)
        values = {"count": len(due), "months": months}
        if apply:
            summary = _(
                "%(count)d application(s) ended more than %(months)d months ago: anonymised."
            )
        else:
            summary = _(
                "%(count)d application(s) ended more than %(months)d months ago: nothing "
                "changed (dry run; add --apply)."
            )
        self.stdout.write(summary % values)
