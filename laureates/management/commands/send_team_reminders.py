"""`python manage.py send_team_reminders`: safe to run from cron, as often as wanted."""

from laureates.space.reminders import send_team_reminders
from laureates.space.report_reminders import send_report_reminders
from seasons.management.scheduled import DailyCommand


class Command(DailyCommand):
    help = (
        "E-mails each active member of a laureate's team about its open steps, 7 days or "
        "less before their due date and once it has passed, and each member and the "
        "follow-up lead about its reports not sent yet; each reminder leaves once."
    )

    def act(self, day, site_url):
        summary = send_team_reminders(day, site_url)
        # The reports' reminders count in the same summary: one run, one line for cron.
        send_report_reminders(day, site_url, summary)
        self.stdout.write(str(summary))
