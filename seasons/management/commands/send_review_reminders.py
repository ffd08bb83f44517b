"""`python manage.py send_review_reminders`: safe to run from cron, as often as wanted."""

from seasons.management.scheduled import ScheduledCommand
from seasons.selection.review_mail import REMINDER_DAYS, send_review_reminders


class Command(ScheduledCommand):
    help = (
        f"E-mails each reviewer about their open reviews {REMINDER_DAYS} days before their "
        "call's review deadline and once it has passed; each reminder leaves once."
    )

    def act(self, now, site_url):
        self.stdout.write(str(send_review_reminders(now, link_base=site_url)))
