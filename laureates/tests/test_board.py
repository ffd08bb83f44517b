"""The staff follow-up board: progress per kind, lateness, totals; milestone actions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates.board import follow_up_board
from laureates.models import (
    Laureate,
    MilestoneStatus,
    PlannedHours,
    SupportKind,
    Tranche,
    TrancheCondition,
)
from laureates.tests.factories import (
    FollowUpPlanStepFactory,
    LaureateFactory,
    MilestoneFactory,
    SupportLogFactory,
)
from seasons.tests.factories import SeasonFactory

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2024, 3, 10)
FINANCIAL = SupportKind.FINANCIAL


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-staff-1")
    login_staff(client, user)
    return client


def done(**fields):
    return MilestoneFactory(status=MilestoneStatus.DONE, completed_on=dt.date(2024, 1, 5), **fields)


def tranche(laureate, number, amount, status, **fields):
    """A tranche as the year left it (a snapshot: the transitions have their own tests)."""
    day = dt.date(2024, 1, 10)
    return Tranche.objects.create(
        laureate=laureate, number=number, amount=Decimal(amount),
        condition=TrancheCondition.COMMITTEE_DECISION,
        committee_decided_on=fields.pop("committee_decided_on", day), status=status,
        released_on=day if status in ("released", "paid") else None,
        paid_on=day if status == "paid" else None,
        cancelled_on=day if status == "cancelled" else None, **fields,
    )  # fmt: skip


@pytest.fixture
def seasons():
    season_1, season_2 = SeasonFactory(title="Saison 1"), SeasonFactory(title="Saison 2")
    umap = LaureateFactory(season=season_2, name="uMap")
    done(laureate=umap, title="Diagnostic", due_on=dt.date(2024, 1, 1))
    MilestoneFactory(laureate=umap, title="Revue", due_on=dt.date(2024, 3, 9))  # overdue
    MilestoneFactory(laureate=umap, title="Comité", due_on=dt.date(2024, 4, 9))  # in 30 days
    MilestoneFactory(laureate=umap, title="Plus tard", due_on=dt.date(2024, 4, 10))
    MilestoneFactory(
        laureate=umap, title="Annulé", due_on=dt.date(2024, 1, 1), status=MilestoneStatus.CANCELLED
    )
    done(laureate=umap, kind=FINANCIAL, title="Tranche 1", amount_granted=Decimal("80000"),
         amount_paid=Decimal("80000"))  # fmt: skip
    MilestoneFactory(laureate=umap, kind=FINANCIAL, title="Tranche 2", due_on=AS_OF,
                     status=MilestoneStatus.IN_PROGRESS, amount_granted=Decimal("60000"),
                     amount_paid=Decimal("0"))  # fmt: skip
    MilestoneFactory(laureate=umap, kind=FINANCIAL, title="Tranche annulée",
                     status=MilestoneStatus.CANCELLED, amount_granted=Decimal("5000"))  # fmt: skip
    tranche(umap, 1, "80000", "paid")
    tranche(umap, 2, "60000", "planned", committee_decided_on=dt.date(2024, 3, 1),
            committee_reference="Comité d'engagement du 1er mars 2024")  # fmt: skip
    tranche(umap, 3, "5000", "cancelled")
    pyronear = LaureateFactory(season=season_2, name="Pyronear")
    tranche(pyronear, 1, "40000.25", "paid")
    tranche(pyronear, 2, "40000.25", "released")
    done(laureate=pyronear, kind=FINANCIAL, title="Tranche 1", amount_granted=Decimal("80000.50"),
         amount_paid=Decimal("40000.25"))  # fmt: skip
    infoclimat = LaureateFactory(season=season_1, name="Infoclimat")
    tranche(infoclimat, 1, "80000", "paid")
    done(laureate=infoclimat, kind=FINANCIAL, title="Tranche 1", amount_granted=Decimal("80000"),
         amount_paid=Decimal("80000"))  # fmt: skip
    return season_1, season_2


def test_board_progress_per_kind_and_lateness(seasons):
    board = follow_up_board(AS_OF)
    rows = {row.laureate.name: row for row in board.rows}
    assert [row.laureate.name for row in board.rows] == ["Pyronear", "uMap", "Infoclimat"]
    umap = rows["uMap"]
    assert [(k.kind, k.done, k.total, k.percent) for k in umap.kinds] == [
        ("methodological", 1, 4, 25),
        ("technical", 0, 0, 0),
        ("administrative", 0, 0, 0),
        ("financial", 1, 2, 50),
    ]
    assert (umap.overdue, umap.due_soon) == (1, 2)
    assert [m.title for m in board.overdue] == ["Revue"]
    assert [m.title for m in board.due_soon] == ["Tranche 2", "Comité"]


def test_board_tranche_totals_per_laureate_season_and_overall(seasons):
    """Granted: every tranche but the cancelled ones; released: released or paid. The
    amounts written on financial milestones (what the public page shows) do not count."""
    board = follow_up_board(AS_OF)
    rows = {row.laureate.name: (row.granted, row.released, row.paid) for row in board.rows}
    assert rows == {
        "uMap": (Decimal("140000.00"), Decimal("80000.00"), Decimal("80000.00")),
        "Pyronear": (Decimal("80000.50"), Decimal("80000.50"), Decimal("40000.25")),
        "Infoclimat": (Decimal("80000.00"), Decimal("80000.00"), Decimal("80000.00")),
    }
    assert [
        (t.season.title, t.laureates, t.granted, t.released, t.paid) for t in board.seasons
    ] == [
        ("Saison 2", 2, Decimal("220000.50"), Decimal("160000.50"), Decimal("120000.25")),
        ("Saison 1", 1, Decimal("80000.00"), Decimal("80000.00"), Decimal("80000.00")),
    ]
    assert [t.paid_percent for t in board.seasons] == [55, 100]  # 120 000,25 of 220 000,50
    assert [row.paid_percent for row in board.rows] == [50, 57, 100]
    assert (board.totals.laureates, board.totals.granted, board.totals.paid) == (
        3, Decimal("300000.50"), Decimal("200000.25"),
    )  # fmt: skip
    assert [str(t) for t in board.ready_to_release] == ["Tranche 2 de uMap"]


def test_board_hours_by_kind_against_the_plan_per_laureate_and_season(seasons):
    _, season_2 = seasons
    plan = FollowUpPlanStepFactory(plan__season=season_2).plan
    PlannedHours.objects.create(plan=plan, kind=SupportKind.TECHNICAL, hours=Decimal("40"))
    umap = Laureate.objects.get(name="uMap")
    SupportLogFactory(laureate=umap, kind=SupportKind.TECHNICAL, hours=Decimal("14"))
    SupportLogFactory(laureate=umap, kind=SupportKind.METHODOLOGICAL, hours=Decimal("3.5"))
    board = follow_up_board(AS_OF)
    rows = {row.laureate.name: row for row in board.rows}
    assert [(h.kind, h.given, h.planned, h.percent) for h in rows["uMap"].hours] == [
        ("methodological", Decimal("3.5"), Decimal("0"), 0),
        ("technical", Decimal("14.0"), Decimal("40.0"), 35),
        ("administrative", Decimal("0"), Decimal("0"), 0),
        ("financial", Decimal("0"), Decimal("0"), 0),
    ]
    season_2_hours = board.seasons[0].hours
    assert [(h.kind, h.given, h.planned) for h in season_2_hours] == [
        ("methodological", Decimal("3.5"), Decimal("0")),
        ("technical", Decimal("14.0"), Decimal("80.0")),  # 40 h for each of 2 laureates
        ("administrative", Decimal("0"), Decimal("0")),
        ("financial", Decimal("0"), Decimal("0")),
    ]


def test_board_for_one_season(seasons):
    _, season_2 = seasons
    board = follow_up_board(AS_OF, season_2)
    assert [row.laureate.name for row in board.rows] == ["Pyronear", "uMap"]
    assert board.totals.granted == Decimal("220000.50")


def test_board_page_renders_bars_and_totals(staff_client, seasons):
    url = reverse("admin:laureates_laureate_board")
    html = staff_client.get(url, {"as_of": "2024-03-10"}).content.decode()
    assert '<rect width="25" height="10" fill="#000091"></rect>' in html
    assert "1 / 4" in html
    assert "220\xa0000,50" in html
    assert "<script" not in html.split('id="content-main"')[1]


def test_board_page_with_invalid_date_says_so_and_shows_today(staff_client, seasons):
    html = staff_client.get(reverse("admin:laureates_laureate_board"), {"as_of": "10/03"}).content
    assert "Saisissez une date valide : le tableau affiche aujourd’hui." in html.decode()


def test_board_requires_staff(client, seasons):
    response = client.get(reverse("admin:laureates_laureate_board"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_changelist_links_to_the_board(staff_client):
    html = staff_client.get(reverse("admin:laureates_laureate_changelist")).content.decode()
    assert f'href="{reverse("admin:laureates_laureate_board")}"' in html


def test_admin_action_applies_the_plan_without_duplicates(staff_client):
    step = FollowUpPlanStepFactory(title="Diagnostic partagé")
    laureate = LaureateFactory(season=step.plan.season)
    url = reverse("admin:laureates_laureate_changelist")
    data = {"action": "apply_season_plan", "_selected_action": [laureate.pk]}
    first = staff_client.post(url, data, follow=True).content.decode()
    second = staff_client.post(url, data, follow=True).content.decode()
    assert "1 jalon ajouté." in first
    assert "0 jalon ajouté." in second
    assert laureate.milestones.count() == 1


def test_admin_action_marks_done_and_reports_refusals(staff_client):
    planned = MilestoneFactory(title="Audit")
    cancelled = MilestoneFactory(title="Abandonné", status=MilestoneStatus.CANCELLED)
    url = reverse("admin:laureates_milestone_changelist")
    data = {"action": "mark_done", "_selected_action": [planned.pk, cancelled.pk]}
    html = staff_client.post(url, data, follow=True).content.decode()
    assert "1 jalon modifié." in html
    assert "« Abandonné » ne peut pas passer de l’état « annulé » à l’état « fait »." in html
    planned.refresh_from_db()
    assert planned.status == "done"
    assert planned.completed_on is not None


def test_laureate_added_in_the_admin_starts_with_its_season_plan(staff_client):
    step = FollowUpPlanStepFactory(title="Diagnostic partagé", months_after_start=1)
    response = staff_client.post(
        reverse("admin:laureates_laureate_add"),
        {
            "season": step.plan.season.pk,
            "name": "Nouveau commun",
            "slug": "nouveau-commun",
            "carrier": "Association",
            "summary": "Un résumé.",
            "track": "full_support",
            "support_starts_on": "2025-01-31",
            "support_ends_on": "2026-01-30",
            "followup_lead": get_user_model().objects.get(username="staff").pk,
            **{
                f"{prefix}-{key}": value
                for prefix in ("milestones", "indicators", "members", "updates", "reports")
                for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
            },
        },
    )
    assert response.status_code == 302
    laureate = Laureate.objects.get(slug="nouveau-commun")
    assert list(
        laureate.milestones.values_list("title", "due_on", "status", "owner__username")
    ) == [("Diagnostic partagé", dt.date(2025, 2, 28), "planned", "staff")]


def test_board_refused_to_staff_who_cannot_view_laureates(client, seasons):
    from django.contrib.auth.models import Permission

    reviewer = get_user_model().objects.create_user("relecteur", password="pw-1", is_staff=True)
    login_staff(client, reviewer)
    assert client.get(reverse("admin:laureates_laureate_board")).status_code == 403
    reviewer.user_permissions.add(Permission.objects.get(codename="view_laureate"))
    reviewer = get_user_model().objects.get(pk=reviewer.pk)  # permissions are cached
    login_staff(client, reviewer)
    response = client.get(reverse("admin:laureates_laureate_board"), {"as_of": "2024-03-10"})
    assert response.status_code == 200
    assert [row.laureate.name for row in response.context["board"].rows] == [
        "Pyronear", "uMap", "Infoclimat",
    ]  # fmt: skip


def test_follow_up_actions_need_the_change_permission(client):
    from django.contrib.auth.models import Permission

    observer = get_user_model().objects.create_user("observateur", password="pw-1", is_staff=True)
    observer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_laureate", "view_milestone"])
    )
    login_staff(client, observer)
    milestone = MilestoneFactory(title="Audit")
    for url, action, pk in [
        (
            reverse("admin:laureates_laureate_changelist"),
            "apply_season_plan",
            milestone.laureate.pk,
        ),
        (reverse("admin:laureates_milestone_changelist"), "mark_done", milestone.pk),
    ]:
        assert f'value="{action}"' not in client.get(url).content.decode()
        client.post(url, {"action": action, "_selected_action": [pk]})
    milestone.refresh_from_db()
    assert milestone.status == "planned"


def test_board_page_lets_managers_release_a_ready_tranche_and_observers_only_read(client, seasons):
    from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER
    from seasons.tests.test_review import member_of

    url = reverse("admin:laureates_laureate_board")
    login_staff(client, member_of(OBSERVER, "observateur"))
    html = client.get(url, {"as_of": "2024-03-10"}).content.decode()
    assert "Tranche 2 de uMap" in html
    assert 'value="release"' not in html
    login_staff(client, member_of(PROGRAM_MANAGER, "responsable"))
    html = client.get(url, {"as_of": "2024-03-10"}).content.decode()
    assert 'aria-label="Débloquer Tranche 2 de uMap"' in html
    tranche = Tranche.objects.get(laureate__name="uMap", number=2)
    response = client.post(
        reverse("admin:laureates_tranche_changelist"),
        {"action": "release", "index": "0", "_selected_action": [tranche.pk]},
        follow=True,
    )
    assert "1 tranche débloquée." in response.content.decode()
    board = client.get(url, {"as_of": "2024-03-10"}).context["board"]
    assert board.ready_to_release == []
    assert board.seasons[0].released == Decimal("220000.50")
