"""`python manage.py send_followup_reminders`: safe to run from cron, once a day or more."""

from laureates.reminders import send_followup_reminders
from seasons.management.scheduled import DailyCommand


class Command(DailyCommand):
    help = (
        "E-mails each milestone owner about open milestones due within 7 days or overdue. "
        "Running it again on the same day sends nothing new."
    )
    takes_site_url = False

    def act(self, day, site_url):
        self.stdout.write(str(send_followup_reminders(day)))
