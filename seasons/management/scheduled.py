"""What the commands run from cron share: the moment to act as (`--at`, or `--today` for
a daily one) and `--site-url` (the scheme and host of the links they e-mail)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


def aware_moment(text):
    moment = datetime.datetime.fromisoformat(text)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class ScheduledCommand(BaseCommand):
    """A command safe to run from cron; `act(now, site_url)` does the work (`now` None for
    the present, `site_url` None for the current Site's)."""

    # The option that names the moment to act as, and how its text reads.
    moment_option = "at"
    moment_help = "The moment to act as, YYYY-MM-DDTHH:MM (default: now, local time)."
    read_moment = staticmethod(aware_moment)
    # False for a command that e-mails no link.
    takes_site_url = True

    def add_arguments(self, parser):
        parser.add_argument(f"--{self.moment_option}", help=self.moment_help)
        if self.takes_site_url:
            parser.add_argument(
                "--site-url",
                help="Scheme and host of the links (default: https:// and the current Site's "
                "domain).",
            )

    def handle(self, *args, site_url=None, **options):
        text = options.get(self.moment_option)
        try:
            moment = self.read_moment(text) if text else None
        except ValueError as error:
            raise CommandError(f"--{self.moment_option}: {error}") from error
        self.act(moment, site_url.rstrip("/") if site_url else None)

    def act(self, now, site_url):
        raise NotImplementedError


class DailyCommand(ScheduledCommand):
    """A scheduled command that acts for a day: `act(day, site_url)`, `day` None for
    today."""

    moment_option = "today"
    moment_help = "The day to act as, YYYY-MM-DD (default: today)."
    read_moment = staticmethod(datetime.date.fromisoformat)
