"""The year of follow-up of the demo laureates: the season-2 plan template, each
laureate's milestones, impact indicators and measurements (the data is in `plan.py` and
`impact.py`; `loader.load_demo` calls these with its tally)."""

from django.utils.text import slugify

from laureates.models import (
    FollowUpPlan,
    FollowUpPlanStep,
    ImpactIndicator,
    Measurement,
    Milestone,
    MilestoneStatus,
)

from . import impact, laureate_facts
from .plan import milestones_for, plan_template_steps

PLAN_SEASON = 2


def load_plan(tally, seasons):
    """The season-2 follow-up plan template (what a new season-2 laureate starts with)."""
    plan = tally.sync("plans", FollowUpPlan, {"season": seasons[PLAN_SEASON]}, {})
    for title, values in plan_template_steps().items():
        tally.sync("plan steps", FollowUpPlanStep, {"plan": plan, "title": title}, values)
    return plan


def load_milestones(tally, laureates, owner):
    """The follow-up of the season-2 laureates (season 1 predates this tool), as it was:
    the snapshot of `plan.py`. Steps still open belong to the demo account (when there is
    one), so that `send_followup_reminders` has someone to write to."""
    plans = {slugify(fields["name"]): fields for fields in laureate_facts.LAUREATES}
    for laureate in laureates:
        plan_starts_on = plans[laureate.slug].get("plan_starts_on")
        if plan_starts_on is None:
            continue
        steps = milestones_for(
            laureate.slug, laureate.track, plan_starts_on, laureate.support_ends_on
        )
        for title, values in steps.items():
            still_open = values["status"] in (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)
            values = {**values, "owner": owner if still_open else None}
            lookup = {"laureate": laureate, "title": title}
            tally.sync("milestones", Milestone, lookup, values)


def load_impact(tally, laureates):
    """Each season-2 laureate's indicator from its application, plus the extra ones, and
    their measurements (see `impact.py` for which figures are real)."""
    by_slug = {laureate.slug: laureate for laureate in laureates}
    indicators = []
    for laureate in laureates:
        submission = laureate.submission
        if submission is not None and submission.impact_indicator:
            indicators.append(
                (laureate, submission.impact_indicator, submission.impact_indicator_unit,
                 submission.impact_baseline, submission.impact_target)
            )  # fmt: skip
    for slug, name, unit, baseline, target in impact.EXTRA_INDICATORS:
        indicators.append((by_slug[slug], name, unit, baseline, target))
    positions = {}
    for laureate, name, unit, baseline, target in indicators:
        position = positions[laureate.slug] = positions.get(laureate.slug, -1) + 1
        values = {"unit": unit, "baseline": baseline, "target": target, "position": position}
        indicator = tally.sync(
            "indicators", ImpactIndicator, {"laureate": laureate, "name": name}, values
        )
        for day, value in impact.MEASUREMENTS.get((laureate.slug, name), []):
            lookup = {"indicator": indicator, "measured_on": day}
            tally.sync("measurements", Measurement, lookup, {"value": value})
