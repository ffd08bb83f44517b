from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from seasons import retention


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of unsuccessful or withdrawn applications ended longer "
        "ago than the retention period. Shows what it would do unless --apply is given."
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
        verb = "Anonymised" if apply else "Would anonymise"
        for submission in due:
            ended = timezone.localtime(submission.ended_at).date().isoformat()
            self.stdout.write(
                f"{verb} {submission.reference} ({submission.get_status_display()}, "
                f"ended {ended}, {submission.call.title})"
            )
            if apply:
                retention.anonymise(submission)
        summary = f"{len(due)} application(s) ended more than {months} months ago"
        if apply:
            self.stdout.write(f"{summary}: anonymised.")
        else:
            self.stdout.write(f"{summary}: nothing changed (dry run; add --apply).")
