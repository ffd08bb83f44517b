from django.core.management.base import BaseCommand

from seasons.outbox import send_queued_emails


class Command(BaseCommand):
    help = "Send the e-mails that are waiting or failed earlier (safe to run from cron)."

    def handle(self, *args, **options):
        sent, failed = send_queued_emails()
        self.stdout.write(f"{sent} sent, {failed} failed")
