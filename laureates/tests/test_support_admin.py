"""Support logged and tranches in the admin, as every staff role (and as nobody)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates.models import MilestoneStatus, SupportLog, Tranche, TrancheCondition
from laureates.tests.factories import (
    LaureateFactory,
    MilestoneFactory,
    SupportLogFactory,
    TrancheFactory,
)
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER, REVIEWER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db

MISSING = 999_999
TRANCHES = reverse("admin:laureates_tranche_changelist")
SUPPORT = reverse("admin:laureates_supportlog_changelist")


def as_role(role):
    if role == "superuser":
        user = get_user_model().objects.create_superuser("racine", "r@example.org", "pw")
    else:
        user = member_of(role, role.lower().replace(" ", "-"))
    return login_staff(Client(), user)


@pytest.fixture
def umap():
    laureate = LaureateFactory(name="uMap")
    review = MilestoneFactory(
        laureate=laureate, title="Revue à 6 mois",
        status=MilestoneStatus.DONE, completed_on=dt.date(2024, 3, 1),
    )  # fmt: skip
    audit = MilestoneFactory(laureate=laureate, title="Audit de code")
    ready = TrancheFactory(laureate=laureate, number=2, amount=Decimal("60000"),
                           condition=TrancheCondition.STEP_DONE, milestone=review)  # fmt: skip
    waiting = TrancheFactory(laureate=laureate, number=3, amount=Decimal("20000"),
                             condition=TrancheCondition.STEP_DONE, milestone=audit)  # fmt: skip
    SupportLogFactory(laureate=laureate, note="Revue du code par Zorglub")
    return laureate, ready, waiting


def act(client, action, *tranches):
    return client.post(
        TRANCHES,
        {"action": action, "_selected_action": [t.pk for t in tranches], "index": "0"},
        follow=True,
    )


def test_manager_releases_the_ready_tranche_and_is_told_why_the_other_waits(umap):
    _, ready, waiting = umap
    client = as_role(PROGRAM_MANAGER)
    html = act(client, "release", ready, waiting).content.decode()
    assert "1 tranche débloquée." in html
    assert (
        "Tranche 3 de uMap ne peut pas être débloquée : son étape « Audit de code » "
        "n’est pas faite."
    ) in html
    ready.refresh_from_db()
    waiting.refresh_from_db()
    assert (ready.status, waiting.status) == ("released", "planned")
    assert ready.history.first().history_user.username == "responsable-de-programme"
    html = act(client, "mark_paid", ready).content.decode()
    assert "1 tranche marquée payée." in html
    assert Tranche.objects.get(pk=ready.pk).status == "paid"


def test_released_tranche_keeps_its_terms_read_only(umap):
    _, ready, _waiting = umap
    client = as_role(PROGRAM_MANAGER)
    act(client, "release", ready)
    url = reverse("admin:laureates_tranche_change", args=[ready.pk])
    form = client.get(url).context["adminform"].form
    assert list(form.fields) == []
    client.post(url, {"amount": "1", "number": "9"})
    ready.refresh_from_db()
    assert (ready.amount, ready.number) == (Decimal("60000.00"), 2)


def test_past_version_of_a_tranche_cannot_be_saved_back(umap):
    _, ready, _waiting = umap
    client = as_role("superuser")
    act(client, "release", ready)
    planned = ready.history.earliest("history_date")
    url = reverse("admin:laureates_tranche_simple_history", args=[ready.pk, planned.history_id])
    assert client.get(url).status_code == 200
    # Refused, and answered as every refusal of the history pages is (accelerator.admin_access).
    assert client.post(url, {}).status_code == 404
    assert Tranche.objects.get(pk=ready.pk).status == "released"


def test_manager_logs_support_and_bad_input_is_explained_and_kept(umap):
    laureate, *_ = umap
    client = as_role(PROGRAM_MANAGER)
    add = reverse("admin:laureates_supportlog_add")
    data = {
        "laureate": laureate.pk, "given_on": "2024-03-04", "kind": "methodological",
        "hours": "1.3", "staff_member": "", "expert": "", "milestone": "", "note": "Atelier",
    }  # fmt: skip
    response = client.post(add, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "hours": ["Saisissez des heures par pas de 0,5 (une journée compte pour 7 heures)."],
        "expert": ["Indiquez le membre de l’équipe ou l’expert extérieur qui l’a apporté."],
    }
    assert 'value="Atelier"' in response.content.decode()
    response = client.post(add, {**data, "hours": "14", "expert": "Lou Expert (IGN)"})
    assert response.status_code == 302
    entry = SupportLog.objects.get(note="Atelier")
    assert (entry.hours, entry.expert, entry.kind) == (Decimal("14.0"), "Lou Expert (IGN)",
                                                       "methodological")  # fmt: skip


def test_laureate_page_shows_hours_by_kind_and_tranches(umap):
    laureate, *_ = umap
    client = as_role(OBSERVER)
    html = client.get(reverse("admin:laureates_laureate_change", args=[laureate.pk])).content
    html = html.decode()
    assert '<th scope="row">Technique</th>\n        <td>3,5</td>' in html
    assert "60\xa0000,00" in html
    assert "une étape faite : Revue à 6 mois" in html


@pytest.mark.parametrize("role", ["superuser", PROGRAM_MANAGER, OBSERVER])
def test_who_reads_the_lists_and_who_may_act(umap, role):
    _, ready, _waiting = umap
    client = as_role(role)
    listing = client.get(TRANCHES).content.decode()
    assert "60000,00" in listing
    assert "Zorglub" in client.get(SUPPORT).content.decode()
    may_act = role != OBSERVER
    assert ('value="release"' in listing) is may_act
    assert ('value="mark_paid"' in listing) is may_act
    act(client, "release", ready)
    assert Tranche.objects.get(pk=ready.pk).status == ("released" if may_act else "planned")
    add = reverse("admin:laureates_supportlog_add")
    assert client.get(add).status_code == (200 if may_act else 403)


def test_reviewer_and_anonymous_see_nothing_and_guessed_urls_answer_as_missing(umap):
    _laureate, ready, _waiting = umap
    entry = SupportLog.objects.get()
    reviewer = as_role(REVIEWER)
    anonymous = Client()
    for url in [TRANCHES, SUPPORT, reverse("admin:laureates_laureate_board")]:
        assert reviewer.get(url).status_code == 403
        assert anonymous.get(url)["Location"].startswith("/admin/login/")
    for name, obj in [("tranche", ready), ("supportlog", entry)]:
        for view in ["change", "history", "delete"]:
            existing = reviewer.get(reverse(f"admin:laureates_{name}_{view}", args=[obj.pk]))
            missing = reviewer.get(reverse(f"admin:laureates_{name}_{view}", args=[MISSING]))
            assert (existing.status_code, "Zorglub" in existing.content.decode()) == (
                missing.status_code, False,
            )  # fmt: skip
    act(reviewer, "release", ready)
    assert Tranche.objects.get(pk=ready.pk).status == "planned"


def test_manager_cancels_a_tranche_after_saying_why(umap):
    _, ready, waiting = umap
    client = as_role(PROGRAM_MANAGER)
    data = {"action": "cancel_action", "_selected_action": [waiting.pk], "index": "0"}
    html = client.post(TRANCHES, data).content.decode()
    assert '<textarea name="reason" id="cancel-reason"' in html
    assert "Tranche 3 de uMap — 20\xa0000,00 € (prévue)" in html
    html = client.post(TRANCHES, {**data, "confirm": "yes", "reason": " "}).content.decode()
    assert "Dites pourquoi elles sont annulées." in html
    assert Tranche.objects.get(pk=waiting.pk).status == "planned"
    response = client.post(
        TRANCHES, {**data, "confirm": "yes", "reason": "Audit abandonné"}, follow=True
    )
    assert "1 tranche annulée." in response.content.decode()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.status_reason) == ("cancelled", "Audit abandonné")
    assert waiting.history.first().history_change_reason == "Audit abandonné"
    assert Tranche.objects.get(pk=ready.pk).status == "planned"


def named(role, username, first_name, last_name, **fields):
    user = member_of(role, username) if role else get_user_model().objects.create_user(username)
    user.first_name, user.last_name = first_name, last_name
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def staff_choices(response):
    field = response.context["adminform"].form.fields["staff_member"]
    return [label for _value, label in field.choices]


def test_the_support_form_offers_only_who_may_log_support_by_full_name(umap):
    manager = named(PROGRAM_MANAGER, "c.dupont", "Camille", "Dupont")
    named(PROGRAM_MANAGER, "a.roux", "Alix", "Roux")
    named(PROGRAM_MANAGER, "ancien", "Ancien", "Responsable", is_active=False)
    named(REVIEWER, "e.martin", "Eva", "Martin")
    named(OBSERVER, "o.petit", "Olga", "Petit")
    named(None, "visiteur", "Paul", "Public", is_staff=False)
    client = login_staff(Client(), manager)
    response = client.get(reverse("admin:laureates_supportlog_add"))
    assert staff_choices(response) == ["---------", "Alix Roux", "Camille Dupont"]
    # A reviewer named on an entry by mistake stays on that entry, nowhere else.
    entry = SupportLog.objects.get()
    entry.staff_member = get_user_model().objects.get(username="e.martin")
    entry.save()
    response = client.get(reverse("admin:laureates_supportlog_change", args=[entry.pk]))
    assert staff_choices(response) == ["---------", "Alix Roux", "Camille Dupont", "Eva Martin"]


def test_a_reviewer_cannot_be_posted_as_who_gave_the_support(umap):
    laureate, *_ = umap
    manager = named(PROGRAM_MANAGER, "c.dupont", "Camille", "Dupont")
    reviewer = named(REVIEWER, "e.martin", "Eva", "Martin")
    data = {
        "laureate": laureate.pk, "given_on": "2024-03-04", "kind": "technical",
        "hours": "2", "staff_member": reviewer.pk, "expert": "", "milestone": "", "note": "",
    }  # fmt: skip
    response = login_staff(Client(), manager).post(reverse("admin:laureates_supportlog_add"), data)
    errors = response.context["adminform"].form.errors
    # The reviewer refused, so nobody is named: the form asks who gave it.
    assert errors == {
        "staff_member": [
            "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
        ],
        "expert": ["Indiquez le membre de l’équipe ou l’expert extérieur qui l’a apporté."],
    }
    assert SupportLog.objects.count() == 1


def test_an_observer_reads_a_support_entry_without_choosing_anyone(umap):
    entry = SupportLog.objects.get()
    page = as_role(OBSERVER).get(reverse("admin:laureates_supportlog_change", args=[entry.pk]))
    assert page.status_code == 200
    assert "staff_member" not in page.context["adminform"].form.fields
