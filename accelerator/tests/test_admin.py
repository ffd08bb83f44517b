"""Every admin screen loads for staff, with data in it."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from laureates.models import MilestoneReminder, Report, SupportKind, TeamMember, TeamUpdate
from laureates.tests.factories import (
    DomainFactory,
    FollowUpPlanStepFactory,
    LaureateFactory,
    MeasurementFactory,
    MilestoneFactory,
    ReportFactory,
    StaffUserFactory,
    SupportLogFactory,
    TeamMemberFactory,
    TeamUpdateFactory,
    TrancheFactory,
)
from seasons.call_forms.copying import copy_form
from seasons.models import (
    Attachment,
    AwardOffer,
    CommitteeSession,
    OutboundEmail,
    Review,
    Submission,
)
from seasons.tests.factories import CallFactory, ReviewFactory, application_in_full

pytestmark = pytest.mark.django_db

OUR_APPS = {"seasons", "laureates"}
OUR_MODELS = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


@pytest.fixture
def staff_client(client, login_staff):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-staff-1")
    return login_staff(client, user)


@pytest.fixture
def one_of_everything():
    call = CallFactory()
    copy_form(call)  # before its applications are sent, as copies must be
    submission = application_in_full(
        organisation_name="Pyronear", call=call, email={"subject": "Candidature reçue"}
    )
    ReviewFactory(submission=submission)
    CommitteeSession.objects.create(call=call, title="Jury", held_on=dt.date(2024, 6, 12))
    AwardOffer.objects.create(submission=submission)
    laureate = LaureateFactory(submission=submission, domains=[DomainFactory()])
    milestone = MilestoneFactory(
        laureate=laureate, kind=SupportKind.FINANCIAL, amount_granted=80000
    )
    FollowUpPlanStepFactory(plan__season=laureate.season)
    MeasurementFactory(indicator__laureate=laureate)
    MilestoneReminder.objects.create(
        milestone=milestone, recipient=StaffUserFactory(), sent_on=dt.date(2024, 3, 10)
    )
    SupportLogFactory(laureate=laureate, milestone=milestone)
    TrancheFactory(laureate=laureate)
    member = TeamMemberFactory(laureate=laureate)
    TeamUpdateFactory(milestone=milestone, author=member)
    # Sent: the reports' list opens on those awaiting review.
    ReportFactory(laureate=laureate, status="sent", sent_at=dt.datetime(2023, 11, 2, tzinfo=dt.UTC))
    return submission


def test_every_model_of_the_project_is_registered():
    names = sorted(model.__name__ for model in OUR_MODELS)
    assert names == [
        "Attachment",
        "AwardOffer",
        "Call",
        "CallForm",
        "CommitteeSession",
        "DecisionEmailTemplate",
        "Domain",
        "FollowUpPlan",
        "ImpactIndicator",
        "Laureate",
        "Milestone",
        "MilestoneReminder",
        "OutboundEmail",
        "Referent",
        "Report",
        "Review",
        "Season",
        "Submission",
        "SupportLog",
        "TeamMember",
        "TeamUpdate",
        "Tranche",
    ]


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m.__name__)
def test_admin_changelist_and_change_form_load(staff_client, one_of_everything, model):
    opts = model._meta
    # Followed: the updates' list opens on those awaiting confirmation (a redirect).
    changelist = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), follow=True
    )
    assert changelist.status_code == 200
    assert "1 " in changelist.content.decode()  # the result count of the one row
    obj = model.objects.first()
    change = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert change.status_code == 200
    assert str(obj) in change.content.decode()


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m.__name__)
def test_admin_add_form_loads_unless_adding_is_forbidden(staff_client, model):
    opts = model._meta
    response = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Applications and their files come from the public form, reviews from assignments,
    # e-mails and reminders from the workflow, updates from the teams' space, members on
    # the laureate's page, reports from the season's plan, award offers from the
    # selection: never added by hand here.
    by_hand_forbidden = (
        Attachment, AwardOffer, MilestoneReminder, OutboundEmail, Report, Review, Submission,
        TeamMember, TeamUpdate,
    )  # fmt: skip
    expected = 403 if model in by_hand_forbidden else 200
    assert response.status_code == expected


def test_admin_submission_status_is_read_only(staff_client, one_of_everything):
    url = reverse("admin:seasons_submission_change", args=[one_of_everything.pk])
    html = staff_client.get(url).content.decode()
    assert 'name="status"' not in html
    assert 'name="reference"' not in html
    assert "AIC-2023-" in html


def test_admin_hides_the_unused_dsfr_site_configuration(staff_client):
    from dsfr.models import DsfrConfig

    assert DsfrConfig not in admin.site._registry
    assert "dsfr" not in staff_client.get(reverse("admin:index")).content.decode().lower()


def test_admin_is_in_french(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Saisons, appels et candidatures" in html
    assert "Lauréats et suivi" in html
    assert "Piloter le programme" in html
    assert "<title>Piloter le programme | Espace équipe</title>" in html


def test_admin_call_state_filter(staff_client):
    from seasons.tests.factories import CallFactory

    CallFactory(title="Appel ancien", closes_at=dt.datetime(2023, 9, 8, 10, tzinfo=dt.UTC))
    url = reverse("admin:seasons_call_changelist")
    assert "Appel ancien" in staff_client.get(url + "?state=closed").content.decode()
    assert "Appel ancien" not in staff_client.get(url + "?state=open").content.decode()
