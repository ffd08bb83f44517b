"""`python manage.py send_team_reminders`: safe to run from cron, as often as wanted."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from laureates.space.reminders import send_team_reminders
from laureates.space.report_reminders import send_report_reminders


class Command(BaseCommand):
    help = (
        "E-mails each active member of a laureate's team about its open steps, 7 days or "
        "less before their due date and once it has passed, and each member and the "
        "follow-up lead about its reports not sent yet; each reminder leaves once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to act as, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--site-url",
            help="Scheme and host of the links (default: https:// and the current Site's domain).",
        )

    def handle(self, *args, today=None, site_url=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        link_base = site_url.rstrip("/") if site_url else None
        summary = send_team_reminders(day, link_base)
        # The reports' reminders count in the same summary: one run, one line for cron.
        send_report_reminders(day, link_base, summary)
        self.stdout.write(str(summary))
