"""`python manage.py send_review_reminders`: safe to run from cron, as often as wanted."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from seasons.selection.review_mail import REMINDER_DAYS, send_review_reminders


class Command(BaseCommand):
    help = (
        f"E-mails each reviewer about their open reviews {REMINDER_DAYS} days before their "
        "call's review deadline and once it has passed; each reminder leaves once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at", help="The moment to act as, YYYY-MM-DDTHH:MM (default: now, local time)."
        )
        parser.add_argument(
            "--site-url",
            help="Scheme and host of the links (default: https:// and the current Site's domain).",
        )

    def handle(self, *args, at=None, site_url=None, **options):
        try:
            now = datetime.datetime.fromisoformat(at) if at else None
        except ValueError as error:
            raise CommandError(f"--at: {error}") from error
        if now is not None and timezone.is_naive(now):
            now = timezone.make_aware(now)
        summary = send_review_reminders(now, link_base=site_url.rstrip("/") if site_url else None)
        self.stdout.write(str(summary))
