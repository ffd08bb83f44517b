"""Invariants are kept by the database itself, not only by forms."""

import datetime as dt

import pytest
from django.db import DataError, IntegrityError, transaction

from seasons.models import Call, Referent, Season, Submission, SubmissionStatus
from seasons.tests.factories import PARIS, CallFactory, SeasonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def refused(callable_, error=IntegrityError):
    with pytest.raises(error), transaction.atomic():
        callable_()


def test_season_slug_and_number_unique():
    SeasonFactory(number=1, slug="saison-1")
    refused(lambda: Season.objects.create(number=2, year=2023, title="S", slug="saison-1"))
    refused(lambda: Season.objects.create(number=1, year=2023, title="S", slug="autre"))
    assert Season.objects.count() == 1


def test_call_closing_before_opening_refused():
    season = SeasonFactory()
    opens = dt.datetime(2023, 5, 2, 12, tzinfo=PARIS)
    refused(
        lambda: Call.objects.create(
            season=season, title="A", slug="a", operator="DINUM", opens_at=opens, closes_at=opens
        )
    )
    refused(
        lambda: Call.objects.create(
            season=season,
            title="A",
            slug="a",
            operator="DINUM",
            opens_at=opens,
            closes_at=opens - dt.timedelta(seconds=1),
        )
    )
    assert Call.objects.count() == 0


def test_call_slug_unique_within_a_season_only():
    call = CallFactory(slug="communs")
    refused(lambda: CallFactory(season=call.season, slug="communs"))
    other = CallFactory(slug="communs")
    assert other.season != call.season
    assert Call.objects.filter(slug="communs").count() == 2


def test_submission_reference_unique_but_drafts_share_the_empty_one():
    SubmissionFactory(reference="AIC-2023-0042")
    refused(lambda: SubmissionFactory(reference="AIC-2023-0042"))
    call = CallFactory()
    for _ in range(2):
        Submission.objects.create(call=call, status=SubmissionStatus.DRAFT)
    assert Submission.objects.filter(reference="").count() == 2


def test_submission_sent_without_reference_refused():
    call = CallFactory()
    refused(
        lambda: Submission.objects.create(
            call=call, status=SubmissionStatus.SUBMITTED, submitted_at=call.opens_at
        )
    )
    refused(
        lambda: Submission.objects.create(
            call=call, status=SubmissionStatus.SUBMITTED, reference="AIC-2023-0001"
        )
    )
    assert Submission.objects.count() == 0


def test_submission_unknown_status_refused():
    refused(lambda: SubmissionFactory(status="accepted_by_mistake"))


def test_submission_description_over_800_characters_refused():
    SubmissionFactory(description="x" * 800)
    # PostgreSQL's varchar(800) refuses it first (DataError); SQLite needs the check.
    refused(lambda: SubmissionFactory(description="x" * 801), error=(DataError, IntegrityError))
    assert Submission.objects.count() == 1


def test_referents_at_most_two_and_one_per_position():
    submission = SubmissionFactory()

    def referent(position):
        return Referent.objects.create(
            submission=submission,
            position=position,
            last_name="Durand",
            first_name="Sam",
            email="sam@example.org",
        )

    referent(1)
    referent(2)
    refused(lambda: referent(2))
    refused(lambda: referent(3))
    refused(lambda: referent(0))
    assert list(submission.referents.values_list("position", flat=True)) == [1, 2]
