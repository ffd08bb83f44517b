"""The staff decision "selected" makes the laureate, in the same transaction, once."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from accelerator.tests.concurrency import at_once
from accelerator.tests.staff import login_staff
from laureates.models import Laureate
from laureates.tests.factories import FollowUpPlanStepFactory
from seasons.models import Criterion, Submission, SubmissionStatus
from seasons.selection import decisions, workflow
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import SubmissionFactory

S = SubmissionStatus


def manager_user():
    user = User.objects.create_user("responsable", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_selecting_in_the_admin_asks_for_the_track_and_makes_the_laureate(client):
    login_staff(client, manager_user())
    submission = SubmissionFactory(
        status=S.SHORTLISTED,
        project_name="Pyronear",
        organisation_name="Pyronear",
        website="https://pyronear.org/",
    )
    FollowUpPlanStepFactory(plan__season=submission.call.season, title="Diagnostic partagé")
    changelist = reverse("admin:seasons_submission_changelist")
    selected = {"action": "select", "_selected_action": [submission.pk]}
    page = client.post(changelist, selected).content.decode()
    assert 'name="hook0-track"' in page
    assert 'name="hook0-support_starts_on"' in page
    assert Laureate.objects.count() == 0

    response = client.post(
        changelist,
        {
            **selected,
            "confirm": "1",
            "hook0-track": "pre_acceleration",
            "hook0-support_starts_on": "2023-09-01",
            "hook0-followup_lead": User.objects.get(username="responsable").pk,
            "draft_emails": "on",
        },
    )
    assert response.status_code == 302
    laureate = Laureate.objects.get()
    assert (laureate.name, laureate.track, laureate.submission_id) == (
        "Pyronear",
        "pre_acceleration",
        submission.pk,
    )
    assert (laureate.support_starts_on, laureate.support_ends_on) == (
        dt.date(2023, 9, 1),
        dt.date(2024, 8, 31),
    )
    assert list(laureate.milestones.values_list("title", flat=True)) == ["Diagnostic partagé"]
    assert Submission.objects.get(pk=submission.pk).status == S.SELECTED

    # Selecting again changes nothing and makes no second laureate.
    again = client.post(changelist, selected).content.decode()
    assert "ne peut pas devenir « retenue »" in again
    assert Laureate.objects.count() == 1


@pytest.mark.django_db
def test_a_failing_laureate_creation_undoes_the_decision(monkeypatch):
    manager = manager_user()
    submission = SubmissionFactory(status=S.SHORTLISTED)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("laureates.onboarding.followup.apply_plan", broken)
    with pytest.raises(RuntimeError):
        workflow.change_status(
            submission,
            S.SELECTED,
            actor=workflow.Actor.STAFF,
            user=manager,
            details={"support_starts_on": dt.date(2023, 9, 1)},
        )
    assert Submission.objects.get(pk=submission.pk).status == S.SHORTLISTED
    assert Laureate.objects.count() == 0
    assert submission.transitions.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_staff_selecting_at_once_make_one_laureate_and_one_clear_refusal():
    manager = manager_user()
    submission = SubmissionFactory(status=S.SHORTLISTED, project_name="Open Food Facts")

    def select(mine):
        return decisions.decide(
            [mine],
            S.SELECTED,
            user=manager,
            draft_emails=False,
            details={"support_starts_on": dt.date(2023, 5, 15)},
        )

    copies = [  # read before either acts
        Submission.objects.select_related("call__season").get(pk=submission.pk) for _ in range(2)
    ]
    outcomes = at_once(select, copies)
    assert Laureate.objects.filter(submission=submission).count() == 1
    assert sorted(len(o.changed) for o in outcomes) == [0, 1]
    loser = next(o for o in outcomes if o.refused)
    assert loser.refused[0][1] == (
        "Cette candidature a été modifiée entre-temps : elle est maintenant « retenue »."
    )
    assert submission.transitions.filter(to_status=S.SELECTED).count() == 1


@pytest.mark.django_db
def test_selecting_from_the_applications_page_asks_for_the_track_and_makes_the_laureate(client):
    manager = manager_user()
    login_staff(client, manager)
    submission = SubmissionFactory(status=S.SHORTLISTED, project_name="Pyronear")
    url = reverse("admin:seasons_submission_decide", args=[submission.pk, S.SELECTED])
    page = client.get(url).content.decode()
    assert 'name="hook0-track"' in page
    # A missing track keeps the page, with nothing changed.
    kept = client.post(url, {"confirm": "1", "hook0-support_starts_on": "2023-09-01"})
    assert kept.status_code == 200
    assert 'value="2023-09-01"' in kept.content.decode()
    assert (Laureate.objects.count(), Submission.objects.get().status) == (0, S.SHORTLISTED)
    response = client.post(
        url,
        {
            "confirm": "1",
            "hook0-track": "pre_acceleration",
            "hook0-support_starts_on": "2023-09-01",
            "hook0-followup_lead": manager.pk,
        },
    )
    assert response["Location"] == reverse("admin:seasons_submission_change", args=[submission.pk])
    laureate = Laureate.objects.get()
    assert (laureate.name, laureate.track, laureate.support_starts_on) == (
        "Pyronear",
        "pre_acceleration",
        dt.date(2023, 9, 1),
    )
    assert Submission.objects.get().status == S.SELECTED


def decision_page(client, to_status):
    """The confirmation page of a shortlisted application's decision, as a manager."""
    login_staff(client, manager_user())
    submission = SubmissionFactory(status=S.SHORTLISTED)
    url = reverse("admin:seasons_submission_decide", args=[submission.pk, to_status])
    return client.get(url).content.decode()


def marked_fields(page):
    """{field name: (its label marked required, its input with the `required` attribute)}"""
    import re

    found = {}
    for row in page.split('<div class="form-row')[1:]:
        name = re.search(r"field-(\w+)", row).group(1)
        label = re.search(r"<label [^>]*>.*?</label>", row, re.S).group(0)
        control = re.search(r"<(select|input|textarea) [^>]*>", row).group(0)
        marked = 'class="required"' in label and "&nbsp;*</span>" in label
        found[name] = (marked, " required" in control)
    return found


@pytest.mark.django_db
def test_the_decision_page_marks_its_required_fields(client):
    page = decision_page(client, S.SELECTED)
    assert "Les champs marqués d’un astérisque (*) sont obligatoires." in page
    # The track's select opens on a choice: HTML forbids `required` there, nothing to miss.
    assert marked_fields(page) == {
        "track": (True, False),
        "followup_lead": (True, True),
        "support_starts_on": (True, True),
        "support_ends_on": (False, False),
        "published": (False, False),
        "reason": (False, False),
        "draft_emails": (False, False),
    }
    assert (
        '<label for="id_hook0-support_starts_on" class="required">Début de l’accompagnement'
        '<span class="required-mark" aria-hidden="true">&nbsp;*</span>\N{NO-BREAK SPACE}:</label>'
    ) in page


@pytest.mark.django_db
def test_a_decision_without_required_fields_says_none_is_required(client):
    page = decision_page(client, S.REJECTED)
    assert "astérisque" not in page
    # The refusal's feedback: one optional field per criterion of the rubric and a remark.
    feedback = [
        f"criterion{pk}" for pk in Criterion.objects.order_by("pk").values_list("pk", flat=True)
    ]
    feedback.append("general")
    assert len(feedback) == 6
    expected = dict.fromkeys(["reason", "draft_emails", *feedback], (False, False))
    assert marked_fields(page) == expected
