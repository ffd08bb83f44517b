"""What a run of reminders did, said in the one line that cron logs: the e-mails sent,
the reminders before a due date and after it, and those an earlier run had sent.
`seasons.selection.review_mail` and `laureates` (the follow-up's and the teams'
reminders) count with it."""

from dataclasses import dataclass


@dataclass
class ReminderCounts:
    """Subclasses add their own counts and set `message` (lazy, with a %(name)d for each
    count and %(days)d for `days`, the days before a due date that a reminder leaves)."""

    emails: int = 0
    due_soon: int = 0
    overdue: int = 0
    already_sent: int = 0

    message = ""
    days = None

    def __str__(self):
        return str(self.message) % {**self.__dict__, "days": self.days}
