"""The follow-up domain: plans applied once, status changes, lateness on Paris's calendar."""

import datetime as dt
from decimal import Decimal

import pytest

from accelerator.dates import add_months
from laureates import followup
from laureates.models import Milestone, MilestoneStatus, SupportKind, Track
from laureates.tests.factories import (
    FollowUpPlanFactory,
    FollowUpPlanStepFactory,
    LaureateFactory,
    MilestoneFactory,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def plan():
    plan = FollowUpPlanFactory()
    FollowUpPlanStepFactory(plan=plan, title="Diagnostic partagé", months_after_start=1)
    FollowUpPlanStepFactory(plan=plan, title="Feuille de route", months_after_start=2)
    FollowUpPlanStepFactory(
        plan=plan,
        title="Subvention — 1re tranche",
        kind=SupportKind.FINANCIAL,
        months_after_start=1,
        amount_granted=Decimal("80000"),
    )
    FollowUpPlanStepFactory(plan=plan, title="Revue interne", months_after_start=6, is_public=False)
    FollowUpPlanStepFactory(
        plan=plan, title="Comité de fin d'accompagnement", months_after_start=12
    )
    FollowUpPlanStepFactory(
        plan=plan,
        title="Pré-accélération",
        months_after_start=0,
        track=Track.PRE_ACCELERATION,
    )
    return plan


def milestones_of(laureate):
    return list(
        laureate.milestones.order_by("due_on", "title").values_list(
            "title", "kind", "due_on", "status", "is_public", "amount_granted"
        )
    )


def test_apply_plan_creates_one_milestone_per_step_of_the_track(plan):
    laureate = LaureateFactory(
        season=plan.season,
        support_starts_on=dt.date(2023, 5, 15),
        support_ends_on=dt.date(2024, 5, 14),
    )
    created = followup.apply_plan(laureate)
    assert created == [
        "Diagnostic partagé",
        "Subvention — 1re tranche",
        "Feuille de route",
        "Revue interne",
        "Comité de fin d'accompagnement",
    ]
    assert milestones_of(laureate) == [
        ("Diagnostic partagé", "methodological", dt.date(2023, 6, 15), "planned", True, None),
        ("Subvention — 1re tranche", "financial", dt.date(2023, 6, 15), "planned", True,
         Decimal("80000.00")),
        ("Feuille de route", "methodological", dt.date(2023, 7, 15), "planned", True, None),
        ("Revue interne", "methodological", dt.date(2023, 11, 15), "planned", False, None),
        # Twelve months after 15 May 2023 is after the end of support: due on its last day.
        ("Comité de fin d'accompagnement", "methodological", dt.date(2024, 5, 14), "planned",
         True, None),
    ]  # fmt: skip


def test_apply_plan_includes_steps_of_the_laureates_own_track(plan):
    laureate = LaureateFactory(season=plan.season, track=Track.PRE_ACCELERATION)
    assert "Pré-accélération" in followup.apply_plan(laureate)
    assert laureate.milestones.count() == 6


def test_apply_plan_twice_creates_nothing_the_second_time(plan):
    laureate = LaureateFactory(season=plan.season)
    followup.apply_plan(laureate)
    before = milestones_of(laureate)
    assert followup.apply_plan(laureate) == []
    assert milestones_of(laureate) == before
    assert Milestone.objects.count() == 5


def test_apply_plan_again_adds_only_new_steps_and_keeps_progress(plan):
    laureate = LaureateFactory(season=plan.season)
    followup.apply_plan(laureate)
    diagnostic = laureate.milestones.get(title="Diagnostic partagé")
    followup.change_status(diagnostic, MilestoneStatus.DONE, completed_on=dt.date(2023, 6, 20))
    FollowUpPlanStepFactory(plan=plan, title="Revue à 6 mois", months_after_start=6)
    assert followup.apply_plan(laureate) == ["Revue à 6 mois"]
    diagnostic.refresh_from_db()
    assert (diagnostic.status, diagnostic.completed_on) == ("done", dt.date(2023, 6, 20))
    assert laureate.milestones.count() == 6


def test_apply_plan_skips_a_step_whose_title_is_already_used(plan):
    laureate = LaureateFactory(season=plan.season)
    MilestoneFactory(laureate=laureate, title="Feuille de route", due_on=dt.date(2023, 9, 1))
    assert "Feuille de route" not in followup.apply_plan(laureate)
    assert laureate.milestones.get(title="Feuille de route").due_on == dt.date(2023, 9, 1)


def test_apply_plan_without_a_plan_creates_nothing():
    laureate = LaureateFactory()
    assert followup.apply_plan(laureate) == []
    assert laureate.milestones.count() == 0


def test_add_months_clamps_to_the_end_of_shorter_months():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 5, 15), 12) == dt.date(2024, 5, 15)


def test_milestone_is_late_from_midnight_in_paris_not_utc():
    milestone = MilestoneFactory(due_on=dt.date(2024, 3, 10))
    # 23:59:59 in Paris on the due date (22:59:59 UTC): still on time.
    last_second = dt.datetime(2024, 3, 10, 22, 59, 59, tzinfo=UTC)
    # Midnight in Paris the next day is still 10 March in UTC: already late.
    midnight = dt.datetime(2024, 3, 10, 23, 0, 0, tzinfo=UTC)
    assert followup.today(last_second) == dt.date(2024, 3, 10)
    assert milestone.is_overdue_on(followup.today(last_second)) is False
    assert followup.today(midnight) == dt.date(2024, 3, 11)
    assert milestone.is_overdue_on(followup.today(midnight)) is True
    assert list(Milestone.objects.overdue(followup.today(last_second))) == []
    assert list(Milestone.objects.overdue(followup.today(midnight))) == [milestone]


def test_lateness_day_boundary_in_summer_time():
    milestone = MilestoneFactory(due_on=dt.date(2024, 7, 1))
    assert (
        milestone.is_overdue_on(followup.today(dt.datetime(2024, 7, 1, 21, 59, tzinfo=UTC)))
        is False
    )
    assert (
        milestone.is_overdue_on(followup.today(dt.datetime(2024, 7, 1, 22, 0, tzinfo=UTC))) is True
    )


@pytest.mark.parametrize("status", [MilestoneStatus.DONE, MilestoneStatus.CANCELLED])
def test_closed_milestone_is_never_late(status):
    milestone = MilestoneFactory(
        due_on=dt.date(2024, 3, 10),
        status=status,
        completed_on=dt.date(2024, 3, 20) if status == MilestoneStatus.DONE else None,
    )
    assert milestone.is_overdue_on(dt.date(2025, 1, 1)) is False
    assert Milestone.objects.overdue(dt.date(2025, 1, 1)).count() == 0


def test_change_status_to_done_sets_completion_date_and_reopening_clears_it():
    milestone = MilestoneFactory()
    at = dt.datetime(2024, 3, 10, 23, 30, tzinfo=UTC)  # 11 March in Paris
    assert followup.change_status(milestone, MilestoneStatus.DONE, on=at) is True
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == ("done", dt.date(2024, 3, 11))
    assert followup.change_status(milestone, MilestoneStatus.IN_PROGRESS) is True
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == ("in_progress", None)


def test_change_status_to_the_same_status_changes_nothing():
    milestone = MilestoneFactory(status=MilestoneStatus.IN_PROGRESS)
    updated_at = milestone.updated_at
    assert followup.change_status(milestone, MilestoneStatus.IN_PROGRESS) is False
    milestone.refresh_from_db()
    assert milestone.updated_at == updated_at


def test_change_status_refuses_a_change_not_allowed():
    milestone = MilestoneFactory(status=MilestoneStatus.CANCELLED, title="Audit")
    with pytest.raises(followup.StatusChangeRefused) as refusal:
        followup.change_status(milestone, MilestoneStatus.DONE)
    assert (
        str(refusal.value) == "« Audit » ne peut pas passer de l’état « annulé » à l’état « fait »."
    )
    milestone.refresh_from_db()
    assert milestone.status == "cancelled"
