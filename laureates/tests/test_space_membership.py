"""A laureate's team: made from the application's referents, added and revoked by staff."""

import datetime as dt

import pytest
from django.urls import reverse

from laureates.models import TeamMember
from laureates.onboarding import laureate_from_submission
from laureates.space.membership import add_member, revoke_member
from laureates.tests.factories import LaureateFactory, TeamMemberFactory
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER
from seasons.tests.factories import ReferentFactory, SubmissionFactory
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db


def test_selected_application_brings_its_referents_into_the_team():
    submission = SubmissionFactory(project_name="uMap")
    ReferentFactory(submission=submission, first_name="Yohan", last_name="Boniface",
                    email="Yohan@Example.org")  # fmt: skip
    ReferentFactory(submission=submission, position=2, first_name="Marie",
                    last_name="Durand", email="marie@example.org")  # fmt: skip
    laureate, _created = laureate_from_submission(submission, support_starts_on=dt.date(2023, 9, 1))
    assert list(laureate.members.values_list("name", "email", "revoked_at")) == [
        ("Marie Durand", "marie@example.org", None),
        ("Yohan Boniface", "yohan@example.org", None),
    ]


def test_adding_an_address_already_in_the_team_keeps_one_membership():
    laureate = LaureateFactory()
    first, created = add_member(laureate, name="Alex  Martin", email=" Alex@Example.org ")
    again, created_again = add_member(laureate, name="Alex", email="alex@example.org")
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert list(laureate.members.values_list("name", "email")) == [
        ("Alex Martin", "alex@example.org")
    ]


def test_revoking_is_recorded_once_and_the_address_may_come_back():
    member = TeamMemberFactory(email="alex@example.org")
    when = dt.datetime(2024, 1, 10, 9, 0, tzinfo=dt.UTC)
    assert revoke_member(member, now=when) is True
    assert revoke_member(member, now=when + dt.timedelta(days=1)) is False
    assert TeamMember.objects.get(pk=member.pk).revoked_at == when
    back, created = add_member(member.laureate, name="Alex", email="alex@example.org")
    assert created is True and back.pk != member.pk
    assert [h.revoked_at for h in member.history.order_by("history_id")] == [None, when]


def laureate_form(laureate, lead, **extra):
    """What the laureate's admin page posts, its inlines untouched."""
    data = {
        "season": laureate.season_id,
        "name": laureate.name,
        "slug": laureate.slug,
        "carrier": laureate.carrier,
        "summary": laureate.summary,
        "track": laureate.track,
        "followup_lead": lead.pk,
        "support_starts_on": "2023-05-15",
        "support_ends_on": "2024-05-14",
    }
    for prefix in ["milestones", "indicators", "members", "updates", "reports"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    for index, member in enumerate(laureate.members.all()):
        data.update({f"members-{index}-id": member.pk, f"members-{index}-laureate": laureate.pk})
    data.update({"members-TOTAL_FORMS": str(laureate.members.count())})
    data["members-INITIAL_FORMS"] = data["members-TOTAL_FORMS"]
    data.update(extra)
    return data


def test_staff_add_a_member_on_the_laureates_page(client, login_staff):
    manager = member_of(PROGRAM_MANAGER, "responsable")
    laureate = LaureateFactory()
    TeamMemberFactory(laureate=laureate, name="Déjà là", email="deja@example.org")
    login_staff(client, manager)
    url = reverse("admin:laureates_laureate_change", args=[laureate.pk])
    data = laureate_form(laureate, manager)
    data.update(
        {
            "members-TOTAL_FORMS": "2",
            "members-1-name": "Nouvelle Personne",
            "members-1-email": "Nouvelle@Example.org",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(laureate.members.values_list("name", "email")) == [
        ("Déjà là", "deja@example.org"),
        ("Nouvelle Personne", "nouvelle@example.org"),
    ]


def test_staff_revoke_a_member_from_the_list_and_observers_cannot(client, login_staff):
    member = TeamMemberFactory()
    url = reverse("admin:laureates_teammember_changelist")
    action = {"action": "revoke", "_selected_action": [member.pk]}
    login_staff(client, member_of(OBSERVER, "observateur"))
    client.post(url, action)
    assert TeamMember.objects.get(pk=member.pk).revoked_at is None
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    client.post(url, action)
    assert TeamMember.objects.get(pk=member.pk).revoked_at is not None
