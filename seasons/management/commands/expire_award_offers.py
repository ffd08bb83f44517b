"""`python manage.py expire_award_offers`: safe to run from cron, hourly or more often."""

from seasons.management.scheduled import ScheduledCommand
from seasons.selection.award import lapse_overdue
from seasons.selection.review_mail import site_link_base


class Command(ScheduledCommand):
    help = (
        "Lapses the award offers nobody answered before their deadline (the application "
        "becomes withdrawn) and offers each place to the next on the call's waiting list. "
        "Running it again changes nothing."
    )

    def act(self, now, site_url):
        base = site_url or site_link_base()
        lapsed = lapse_overdue(now, absolute=lambda path: base + path)
        passed = sum(1 for offer in lapsed if offer.passed_to_id)
        self.stdout.write(f"{len(lapsed)} offer(s) lapsed, {passed} place(s) passed on.")
