"""`python manage.py send_followup_reminders`: safe to run from cron, once a day or more."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from laureates.reminders import send_followup_reminders


class Command(BaseCommand):
    help = (
        "E-mails each milestone owner about open milestones due within 7 days or overdue. "
        "Running it again on the same day sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to act as, YYYY-MM-DD (default: today).")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        self.stdout.write(str(send_followup_reminders(day)))
