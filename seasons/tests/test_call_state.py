"""A call's state is derived from its dates, at the exact boundaries, in Paris time."""

import datetime as dt

import pytest
from django.utils import translation

from accelerator.dates import format_days_left, format_moment
from seasons.models import Call, CallState
from seasons.tests.factories import PARIS, CallFactory

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2023, 4, 3, 0, 0, tzinfo=PARIS)
CLOSES = dt.datetime(2023, 9, 8, 12, 0, tzinfo=PARIS)
TICK = dt.timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("moment", "state"),
    [
        (OPENS - TICK, CallState.UPCOMING),
        (OPENS, CallState.OPEN),
        (CLOSES - TICK, CallState.OPEN),
        (CLOSES, CallState.CLOSED),
        (CLOSES + TICK, CallState.CLOSED),
    ],
)
def test_call_state_at_boundaries(moment, state):
    call = CallFactory(opens_at=OPENS, closes_at=CLOSES)
    assert call.state_at(moment) == state
    querysets = {
        CallState.UPCOMING: Call.objects.upcoming(moment),
        CallState.OPEN: Call.objects.open(moment),
        CallState.CLOSED: Call.objects.closed(moment),
    }
    assert {s: list(qs) for s, qs in querysets.items()} == {
        s: ([call] if s == state else []) for s in querysets
    }


def test_call_deadline_in_utc_is_shown_in_paris_time():
    # 10:00 UTC on 8 September 2023 is noon in Paris (summer time).
    call = CallFactory(closes_at=dt.datetime(2023, 9, 8, 10, 0, tzinfo=dt.UTC))
    assert call.closes_at.astimezone(PARIS).hour == 12
    with translation.override("fr"):
        assert format_moment(call.closes_at) == "8 septembre 2023 à 12\u00a0h"
    with translation.override("en"):
        assert format_moment(call.closes_at) == "8 September 2023 at 12:00"


def test_call_deadline_with_minutes_and_first_of_month():
    moment = dt.datetime(2023, 6, 1, 23, 59, tzinfo=PARIS)
    with translation.override("fr"):
        assert format_moment(moment) == "1er juin 2023 à 23\u00a0h\u00a059"


def test_call_days_left_counted_on_paris_calendar():
    call = CallFactory(opens_at=OPENS, closes_at=CLOSES)
    # 23:30 in Paris on 6 September is already the 6th there, 21:30 UTC.
    assert call.days_left(dt.datetime(2023, 9, 6, 23, 30, tzinfo=PARIS)) == 2
    assert call.days_left(dt.datetime(2023, 9, 8, 11, 0, tzinfo=PARIS)) == 0
    with translation.override("fr"):
        assert format_days_left(2) == "2 jours restants"
        assert format_days_left(1) == "1 jour restant"
        assert format_days_left(0) == "dernier jour"
