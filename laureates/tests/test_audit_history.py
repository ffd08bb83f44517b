"""Laureates and their milestones keep every version, with who changed them."""

import pytest
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates import followup
from laureates.models import MilestoneStatus
from laureates.tests.factories import LaureateFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def test_milestone_status_changes_are_kept_in_the_history():
    milestone = MilestoneFactory(status=MilestoneStatus.PLANNED)
    followup.change_status(milestone, MilestoneStatus.IN_PROGRESS)
    assert list(milestone.history.order_by("history_date").values_list("status", flat=True)) == [
        MilestoneStatus.PLANNED,
        MilestoneStatus.IN_PROGRESS,
    ]


def test_laureate_history_page_shows_the_change_and_its_author(client, admin_user):
    laureate = LaureateFactory(name="Avant")
    login_staff(client, admin_user)
    url = reverse("admin:laureates_laureate_change", args=[laureate.pk])
    form = client.get(url)
    assert form.status_code == 200
    laureate.name = "Après"
    laureate._history_user = admin_user
    laureate.save()
    page = client.get(reverse("admin:laureates_laureate_history", args=[laureate.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert [v.name for v in laureate.history.order_by("history_date")] == ["Avant", "Après"]
    assert admin_user.username in html
