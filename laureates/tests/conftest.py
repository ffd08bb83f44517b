"""Fixtures the laureates' tests share."""

import pytest
from django.core import mail


@pytest.fixture
def daily_run(django_capture_on_commit_callbacks):
    """`daily_run(send, *args)`: a `run(today)` that calls `send(today, *args)` as cron
    does, outside a transaction, so the e-mails queued in the outbox leave right after the
    commit. With `fresh_outbox` (the default) the test outbox is emptied first, so what it
    holds afterwards is that run's e-mails alone."""

    def run_with(send, *args, fresh_outbox=True):
        def run(today):
            if fresh_outbox:
                mail.outbox.clear()
            with django_capture_on_commit_callbacks(execute=True):
                return send(today, *args)

        return run

    return run_with
