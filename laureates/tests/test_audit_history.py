"""Laureates and their milestones keep every version, with who changed them."""

import datetime as dt

import pytest
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates import followup
from laureates.admin import revert_refusal
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


def revert(client, milestone, version):
    data = {"laureate": milestone.laureate_id, "kind": milestone.kind, "title": version.title,
            "due_on": milestone.due_on.isoformat(), "notes": "", "is_public": "on"}  # fmt: skip
    url = reverse("admin:laureates_milestone_simple_history", args=[milestone.pk, version.pk])
    return client.post(url, data, follow=True)


def test_reverting_a_version_of_another_status_is_refused_with_a_message(client, admin_user):
    milestone = MilestoneFactory(title="Audit de code", status=MilestoneStatus.PLANNED)
    planned = milestone.history.get()
    followup.change_status(milestone, MilestoneStatus.DONE, completed_on=dt.date(2023, 9, 1))
    login_staff(client, admin_user)
    response = revert(client, milestone, planned)
    assert [str(m) for m in response.context["messages"]] == [
        "« Audit de code » : le statut de cette version (prévu) n’est pas celui de l’étape. Un "
        "statut ne change que par les actions de la liste des jalons : cette version n’est pas "
        "rétablie."
    ]
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == ("done", dt.date(2023, 9, 1))
    assert milestone.history.count() == 2


def test_reverting_a_version_of_the_same_status_restores_it(client, admin_user):
    milestone = MilestoneFactory(title="Audit de code", status=MilestoneStatus.PLANNED)
    first = milestone.history.get()
    milestone.title = "Audit du code"
    milestone.save()
    login_staff(client, admin_user)
    response = revert(client, milestone, first)
    assert response.redirect_chain[-1][0] == reverse("admin:laureates_milestone_changelist")
    milestone.refresh_from_db()
    assert (milestone.title, milestone.status) == ("Audit de code", "planned")


def test_a_missing_or_malformed_version_is_left_to_the_history_page(client, admin_user):
    milestone = MilestoneFactory()
    version = milestone.history.get()
    assert revert_refusal("abc", version.pk) is None
    assert revert_refusal(milestone.pk, 999999) is None
    login_staff(client, admin_user)
    url = reverse("admin:laureates_milestone_simple_history", args=[milestone.pk, 999999])
    assert client.post(url, {}).status_code == 404
