"""What the commands run from cron share: `--at` (the moment to act as) and `--site-url`
(the scheme and host of the links they e-mail)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class ScheduledCommand(BaseCommand):
    """A command safe to run from cron; `act(now, site_url)` does the work (`now` None for
    the present, `site_url` None for the current Site's)."""

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
        self.act(now, site_url.rstrip("/") if site_url else None)

    def act(self, now, site_url):
        raise NotImplementedError
