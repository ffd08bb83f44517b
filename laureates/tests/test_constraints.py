"""Laureate and milestone invariants, enforced by the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from laureates.models import Laureate, Milestone, MilestoneStatus, SupportKind
from laureates.tests.factories import DomainFactory, LaureateFactory, MilestoneFactory
from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def refused(callable_, error=IntegrityError):
    with pytest.raises(error), transaction.atomic():
        callable_()


def test_laureate_slug_unique():
    LaureateFactory(slug="umap")
    refused(lambda: LaureateFactory(slug="umap"))
    assert Laureate.objects.count() == 1


def test_domain_slug_and_name_unique():
    DomainFactory(name="Éducation", slug="education")
    refused(lambda: DomainFactory(name="Autre", slug="education"))
    refused(lambda: DomainFactory(name="Éducation", slug="autre"))


def test_laureate_support_must_end_after_it_starts():
    start = dt.date(2023, 5, 15)
    refused(lambda: LaureateFactory(support_starts_on=start, support_ends_on=start))
    refused(
        lambda: LaureateFactory(support_starts_on=start, support_ends_on=start - dt.timedelta(1))
    )
    assert Laureate.objects.count() == 0


def test_one_submission_gives_at_most_one_laureate():
    submission = SubmissionFactory()
    LaureateFactory(submission=submission)
    refused(lambda: LaureateFactory(submission=submission))
    assert Laureate.objects.filter(submission=submission).count() == 1


def test_milestone_negative_amount_refused():
    financial = {"kind": SupportKind.FINANCIAL}
    MilestoneFactory(**financial, amount_granted=Decimal("0"), amount_paid=Decimal("0"))
    refused(lambda: MilestoneFactory(**financial, amount_granted=Decimal("-0.01")))
    refused(lambda: MilestoneFactory(**financial, amount_paid=Decimal("-1")))
    assert Milestone.objects.count() == 1


def test_milestone_amount_only_on_financial_support():
    MilestoneFactory(kind=SupportKind.FINANCIAL, amount_granted=Decimal("80000"))
    refused(lambda: MilestoneFactory(kind=SupportKind.TECHNICAL, amount_granted=Decimal("1")))
    refused(lambda: MilestoneFactory(kind=SupportKind.METHODOLOGICAL, amount_paid=Decimal("1")))
    assert Milestone.objects.count() == 1


def test_milestone_done_needs_a_completion_date():
    refused(lambda: MilestoneFactory(status=MilestoneStatus.DONE, completed_on=None))
    done = MilestoneFactory(status=MilestoneStatus.DONE, completed_on=dt.date(2023, 6, 20))
    assert Milestone.objects.get().pk == done.pk


def test_milestone_unknown_kind_refused():
    refused(lambda: MilestoneFactory(kind="spiritual"))


def test_milestone_title_unique_per_laureate():
    first = MilestoneFactory(title="Feuille de route")
    refused(lambda: MilestoneFactory(laureate=first.laureate, title="Feuille de route"))
    MilestoneFactory(title="Feuille de route")
    assert Milestone.objects.filter(title="Feuille de route").count() == 2


def test_laureate_summary_over_300_characters_refused():
    LaureateFactory(summary="x" * 300)
    refused(lambda: LaureateFactory(summary="x" * 301), error=(DataError, IntegrityError))
    assert Laureate.objects.count() == 1


def test_plan_step_title_unique_in_its_plan_months_bounded_amount_only_financial():
    from laureates.tests.factories import FollowUpPlanStepFactory

    step = FollowUpPlanStepFactory(title="Diagnostic partagé")
    refused(lambda: FollowUpPlanStepFactory(plan=step.plan, title="Diagnostic partagé"))
    refused(lambda: FollowUpPlanStepFactory(plan=step.plan, months_after_start=37))
    refused(lambda: FollowUpPlanStepFactory(plan=step.plan, amount_granted=Decimal("10")))
    refused(lambda: FollowUpPlanStepFactory(plan=step.plan, track="other"))
    FollowUpPlanStepFactory(
        plan=step.plan, kind=SupportKind.FINANCIAL, amount_granted=Decimal("10"), track=""
    )
    assert step.plan.steps.count() == 2


def test_indicator_name_unique_and_one_measurement_per_day():
    from laureates.tests.factories import ImpactIndicatorFactory, MeasurementFactory

    measurement = MeasurementFactory(measured_on=dt.date(2024, 1, 1))
    indicator = measurement.indicator
    refused(lambda: ImpactIndicatorFactory(laureate=indicator.laureate, name=indicator.name))
    refused(lambda: MeasurementFactory(indicator=indicator, measured_on=dt.date(2024, 1, 1)))
    assert indicator.measurements.count() == 1


def test_reminder_at_most_once_per_milestone_and_day():
    from laureates.models import MilestoneReminder
    from laureates.tests.factories import StaffUserFactory

    milestone, user = MilestoneFactory(), StaffUserFactory()
    day = dt.date(2024, 3, 10)
    MilestoneReminder.objects.create(milestone=milestone, recipient=user, sent_on=day)
    refused(
        lambda: MilestoneReminder.objects.create(milestone=milestone, recipient=user, sent_on=day)
    )
    MilestoneReminder.objects.create(
        milestone=milestone, recipient=user, sent_on=day + dt.timedelta(days=1)
    )
    assert MilestoneReminder.objects.count() == 2
