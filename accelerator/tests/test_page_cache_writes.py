"""Every domain write that changes a public page shows on the next request (issue 12).

The writes, by what they change on the public pages:
- the season's follow-up plan applied (`followup.apply_plan`: by the laureate admin's
  action, when a laureate is added by hand, and when an application is selected);
- a milestone's status changed (`followup.change_status`, the milestone admin's actions);
- a laureate made from a selected application (`onboarding.laureate_from_submission`);
- saves of seasons, calls, laureates, milestones, indicators and measurements (the admin's
  forms, through signals; `test_page_cache.py` covers the others).
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from accelerator import page_cache
from laureates import followup
from laureates.models import MilestoneStatus
from laureates.onboarding import laureate_from_submission
from laureates.tests.factories import (
    FollowUpPlanStepFactory,
    ImpactIndicatorFactory,
    LaureateFactory,
    MeasurementFactory,
    MilestoneFactory,
)
from seasons.tests.factories import CallFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def cached_page(url):
    """The page as an anonymous visitor gets it once it is in the cache."""
    Client().get(url)
    response = Client().get(url)
    assert response[page_cache.HIT_HEADER] == "hit"
    return response.content.decode()


def next_page(url):
    response = Client().get(url)
    assert response[page_cache.HIT_HEADER] == "miss"
    return response.content.decode()


def laureate_with_a_plan(title="Atelier de cadrage"):
    laureate = LaureateFactory()
    FollowUpPlanStepFactory(plan__season=laureate.season, title=title)
    return laureate


def test_plan_applied_is_shown_on_the_laureate_page_at_once():
    laureate = laureate_with_a_plan()
    url = laureate.get_absolute_url()
    assert "Atelier de cadrage" not in cached_page(url)
    assert followup.apply_plan(laureate) == ["Atelier de cadrage"]
    assert "Atelier de cadrage" in next_page(url)


def test_plan_applied_again_without_anything_new_keeps_the_pages(client):
    laureate = laureate_with_a_plan()
    followup.apply_plan(laureate)
    url = laureate.get_absolute_url()
    cached_page(url)
    assert followup.apply_plan(laureate) == []
    assert Client().get(url)[page_cache.HIT_HEADER] == "hit"


def test_plan_applied_by_the_admin_action_is_shown_at_once(admin_client):
    laureate = laureate_with_a_plan()
    url = laureate.get_absolute_url()
    assert "Atelier de cadrage" not in cached_page(url)
    admin_client.post(
        reverse("admin:laureates_laureate_changelist"),
        {"action": "apply_season_plan", "_selected_action": [laureate.pk]},
    )
    assert laureate.milestones.get().title == "Atelier de cadrage"
    assert "Atelier de cadrage" in next_page(url)


def test_laureate_from_a_selected_application_is_listed_with_its_plan_at_once():
    call = CallFactory()
    FollowUpPlanStepFactory(plan__season=call.season, title="Atelier de cadrage")
    submission = SubmissionFactory(call=call, project_name="Cartes Libres")
    assert "Cartes Libres" not in cached_page("/laureats/")
    laureate, created = laureate_from_submission(
        submission, support_starts_on=dt.date(2023, 5, 15), published=True
    )
    assert created
    assert "Cartes Libres" in next_page("/laureats/")
    assert "Atelier de cadrage" in next_page(laureate.get_absolute_url())


def test_milestone_status_changed_is_shown_at_once():
    milestone = MilestoneFactory(title="Atelier de lancement")
    url = milestone.laureate.get_absolute_url()
    assert "Atelier de lancement" in cached_page(url)
    followup.change_status(milestone, MilestoneStatus.DONE)
    assert 'fr-badge--success">fait</span>' in next_page(url)


def test_milestone_status_changed_by_the_admin_action_is_shown_at_once(admin_client):
    milestone = MilestoneFactory(title="Atelier de lancement")
    url = milestone.laureate.get_absolute_url()
    assert "en cours</span>" not in cached_page(url)
    admin_client.post(
        reverse("admin:laureates_milestone_changelist"),
        {"action": "mark_in_progress", "_selected_action": [milestone.pk]},
    )
    assert "en cours</span>" in next_page(url)


def test_call_retitled_is_shown_on_its_season_page_at_once():
    call = CallFactory(title="Appel de printemps")
    url = call.season.get_absolute_url()
    assert "Appel de printemps" in cached_page(url)
    call.title = "Appel d’automne"
    call.save()
    assert "Appel d’automne" in next_page(url)


def test_measurement_recorded_is_shown_on_the_laureate_page_at_once():
    indicator = ImpactIndicatorFactory(name="Cartes publiées")
    url = indicator.laureate.get_absolute_url()
    assert "1987" not in cached_page(url)
    MeasurementFactory(indicator=indicator, value=150, measured_on=dt.date(1987, 6, 1))
    assert "1987" in next_page(url)
