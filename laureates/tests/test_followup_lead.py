"""Every laureate has a follow-up lead, asked at "Retenir", who owns its plan's steps."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates import followup
from laureates.models import Laureate
from laureates.reminders import send_followup_reminders
from laureates.tests.factories import (
    FollowupLeadFactory,
    FollowUpPlanStepFactory,
    LaureateFactory,
    StaffUserFactory,
)
from seasons.models import SubmissionStatus
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:seasons_submission_changelist")


def manager_user():
    user = User.objects.create_user("responsable", is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))
    return User.objects.get(pk=user.pk)


def select(client, submission, **fields):
    selected = {"action": "select", "_selected_action": [submission.pk]}
    return client.post(
        CHANGELIST,
        {**selected, "confirm": "1", "hook0-track": "full_support",
         "hook0-support_starts_on": "2023-09-01", **fields},
    )  # fmt: skip


def test_selecting_without_a_followup_lead_is_refused_with_a_message(client):
    login_staff(client, manager_user())
    submission = SubmissionFactory(status=SubmissionStatus.SHORTLISTED)
    page = select(client, submission).content.decode()
    assert 'name="hook0-followup_lead"' in page
    assert "Ce champ est obligatoire." in page
    assert Laureate.objects.count() == 0


def test_plan_applied_at_selection_gives_steps_owned_by_the_lead_and_reminded(
    client, django_capture_on_commit_callbacks
):
    manager = manager_user()
    login_staff(client, manager)
    lead = FollowupLeadFactory(username="camille", email="camille@example.org")
    other = StaffUserFactory(username="dominique", email="dominique@example.org")
    submission = SubmissionFactory(status=SubmissionStatus.SHORTLISTED, project_name="uMap")
    season = submission.call.season
    FollowUpPlanStepFactory(plan__season=season, title="Diagnostic", months_after_start=0)
    FollowUpPlanStepFactory(plan=season.followup_plan, title="Audit", months_after_start=1,
                            owner=other)  # fmt: skip
    response = select(client, submission, **{"hook0-followup_lead": lead.pk})
    assert response.status_code == 302
    laureate = Laureate.objects.get()
    assert laureate.followup_lead == lead
    owners = list(laureate.milestones.order_by("due_on").values_list("title", "owner__username"))
    assert owners == [("Diagnostic", "camille"), ("Audit", "dominique")]

    mail.outbox.clear()
    # Reminders leave through the outbox, right after the commit (as the cron job's do).
    with django_capture_on_commit_callbacks(execute=True):
        summary = send_followup_reminders(today=dt.date(2023, 9, 1))
    assert (summary.emails, summary.milestones, summary.due_soon) == (1, 1, 1)
    assert mail.outbox[0].to == ["camille@example.org"]
    assert "Diagnostic" in mail.outbox[0].body


def test_apply_plan_without_lead_leaves_steps_without_owner():
    laureate = LaureateFactory()
    FollowUpPlanStepFactory(plan__season=laureate.season, title="Diagnostic")
    assert followup.apply_plan(laureate) == ["Diagnostic"]
    assert laureate.milestones.get().owner is None


def test_demo_laureates_are_followed_by_the_demo_account(demo):
    leads = set(Laureate.objects.values_list("followup_lead__username", flat=True))
    assert (Laureate.objects.count(), leads) == (13, {"demo"})


def test_laureate_admin_form_requires_a_followup_lead(admin_client):
    laureate = LaureateFactory(name="Sans chargé")
    url = reverse("admin:laureates_laureate_change", args=[laureate.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="followup_lead"' in page
    response = admin_client.post(url, {"name": "Sans chargé", "followup_lead": ""})
    errors = response.context["adminform"].form.errors
    assert errors["followup_lead"] == ["Ce champ est obligatoire."]


def staff(username, first_name="", last_name="", group=None, **fields):
    user = User.objects.create_user(
        username, first_name=first_name, last_name=last_name, is_staff=True, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_followup_lead_offers_only_who_may_act_on_steps_named_and_in_french_order(client):
    from seasons.selection.roles import OBSERVER, REVIEWER

    manager = staff("responsable", "Zoé", "Martin", PROGRAM_MANAGER)
    staff("eloise", "Éloïse", "Durand", PROGRAM_MANAGER)
    staff("bob", group=PROGRAM_MANAGER)
    staff("admin", "Anne", "Leroy", is_superuser=True)
    staff("evaluatrice", "Ève", "Petit", REVIEWER)
    staff("observateur", "Odile", "Roux", OBSERVER)
    staff("ancien", "Alain", "Ancien", PROGRAM_MANAGER, is_active=False)
    User.objects.create_user("public", first_name="Paul", last_name="Public")
    expected = [
        "Anne Leroy (admin)",
        "bob",
        "Éloïse Durand (eloise)",
        "Zoé Martin (responsable)",
    ]
    login_staff(client, manager)
    submission = SubmissionFactory(status=SubmissionStatus.SHORTLISTED)
    page = select(client, submission, confirm="").content.decode()
    select_html = page[page.index('name="hook0-followup_lead"') :]
    select_html = select_html[: select_html.index("</select>")]
    assert re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select_html) == expected

    laureate = LaureateFactory(followup_lead=None)
    url = reverse("admin:laureates_laureate_change", args=[laureate.pk])
    page = client.get(url).content.decode()
    select_html = page[page.index('name="followup_lead"') :]
    select_html = select_html[: select_html.index("</select>")]
    assert re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select_html) == expected


def test_selection_confirmation_lays_fields_out_as_the_admin_does(client):
    login_staff(client, manager_user())
    submission = SubmissionFactory(status=SubmissionStatus.SHORTLISTED)
    page = select(client, submission, confirm="").content.decode()
    rows = re.findall(r'<div class="form-row(?: errors)? field-([a-z_]+)">', page)
    assert rows == [
        "track", "followup_lead", "support_starts_on", "support_ends_on", "published",
        "reason", "draft_emails",
    ]  # fmt: skip
    assert (
        '<label for="id_hook0-published" class="vCheckboxLabel">'
        "Afficher le lauréat sur le site public dès maintenant</label>"
    ) in page
    assert "maintenant :" not in page and "maintenant&nbsp;:" not in page


def test_retenir_warns_when_the_decision_email_is_a_draft_before_the_announcement(client):
    login_staff(client, manager_user())
    submission = SubmissionFactory(status=SubmissionStatus.SHORTLISTED)
    call = submission.call
    call.title = "Communs 2027"
    call.laureates_announced_at = dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.UTC)
    call.save()
    lead = FollowupLeadFactory(username="camille")
    response = select(client, submission, draft_emails="on", **{"hook0-followup_lead": lead.pk})
    html = client.get(response["Location"]).content.decode()
    warnings = [" ".join(w.split()) for w in re.findall(r'<li class="warning">([^<]+)</li>', html)]
    assert warnings == [
        "« Communs 2027 » : 1 courriel de décision à un candidat retenu n’est pas encore "
        "envoyé, alors que les lauréats deviennent publics le 15 janvier 2027 10:00. "
        "Envoyez-le d’abord depuis la boîte d’envoi."
    ]
    assert Laureate.objects.get().followup_lead == lead
