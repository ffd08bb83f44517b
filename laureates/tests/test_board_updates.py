"""The staff follow-up board's view of the teams' space: updates awaiting confirmation and
laureates whose team has gone silent, and who sees them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates.board import follow_up_board
from laureates.models import Laureate, TeamUpdate
from laureates.tests.factories import LaureateFactory, MilestoneFactory, TeamUpdateFactory
from laureates.tests.test_board import AS_OF
from seasons.tests.factories import SeasonFactory

pytestmark = pytest.mark.django_db


def posted(milestone, day, status="submitted", **fields):
    """An update the team posted on `day` (noon, Paris time), as the year left it."""
    update = TeamUpdateFactory(milestone=milestone, status=status, **fields)
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo("Europe/Paris"))
    TeamUpdate.objects.filter(pk=update.pk).update(created_at=noon)
    return update


@pytest.fixture
def teams():
    """As of 10 March 2024 (AS_OF), 60 days back is 10 January 2024."""
    season = SeasonFactory(title="Saison 2")
    start = {"support_starts_on": dt.date(2024, 1, 1), "support_ends_on": dt.date(2024, 12, 31)}
    laureates = {
        name: LaureateFactory(season=season, name=name, **start)
        for name in ["Muet", "Bavard", "Ancien", "Limite", "Futur", "Clos", "Fini"]
    }
    laureates["Nouveau"] = LaureateFactory(
        season=season, name="Nouveau", support_starts_on=dt.date(2024, 1, 15),
        support_ends_on=dt.date(2025, 1, 14),
    )  # fmt: skip
    Laureate.objects.filter(name="Clos").update(support_closed_on=dt.date(2024, 3, 1))
    Laureate.objects.filter(name="Fini").update(support_ends_on=dt.date(2024, 3, 1))
    step = {name: MilestoneFactory(laureate=laureate, title=f"Diagnostic {name}")
            for name, laureate in laureates.items()}  # fmt: skip
    posted(step["Bavard"], dt.date(2024, 2, 1), status="sent_back")
    posted(step["Ancien"], dt.date(2024, 1, 9), status="confirmed")  # 61 days before
    posted(step["Limite"], dt.date(2024, 1, 10), status="confirmed")  # 60 days before
    posted(step["Futur"], dt.date(2024, 3, 20))  # after the board's day
    posted(step["Clos"], dt.date(2023, 12, 1), status="confirmed")
    return laureates, step


def test_board_lists_laureates_silent_for_60_days(teams):
    """Counted from the last update whatever its status, or from the start of the support
    for a team that never posted; supports closed or over, and updates posted after the
    board's day, do not count."""
    board = follow_up_board(AS_OF)
    assert [(row.laureate.name, row.last_update_on) for row in board.silent] == [
        ("Futur", None),  # silent since its start on 1 January: 69 days
        ("Muet", None),
        ("Ancien", dt.date(2024, 1, 9)),
    ]
    assert [row.laureate.name for row in follow_up_board(dt.date(2024, 3, 1)).silent] == []
    # Nouveau started on 15 January: 60 days later it is not yet silent, 61 days later it is
    later = follow_up_board(dt.date(2024, 3, 15)).silent
    assert [row.laureate.name for row in later] == ["Futur", "Muet", "Ancien", "Limite"]
    later = follow_up_board(dt.date(2024, 3, 16)).silent
    assert [row.laureate.name for row in later] == [
        "Futur", "Muet", "Ancien", "Limite", "Nouveau",
    ]  # fmt: skip


def test_board_lists_updates_awaiting_confirmation_the_oldest_first(teams):
    laureates, _step = teams
    other_season = LaureateFactory(name="Ailleurs", season=SeasonFactory(title="Saison 1"))
    posted(MilestoneFactory(laureate=other_season, title="Revue"), dt.date(2024, 1, 2))
    board = follow_up_board(AS_OF)
    assert [(u.laureate.name, u.milestone.title) for u in board.awaiting_updates] == [
        ("Ailleurs", "Revue"),
        ("Futur", "Diagnostic Futur"),
    ]
    season_2 = laureates["Muet"].season
    assert [u.laureate.name for u in follow_up_board(AS_OF, season_2).awaiting_updates] == ["Futur"]


def test_board_page_shows_awaiting_updates_and_silent_laureates(admin_client, teams):
    _, step = teams
    update = TeamUpdate.objects.get(milestone=step["Futur"])
    url = reverse("admin:laureates_laureate_board")
    html = admin_client.get(url, {"as_of": "2024-03-10"}).content.decode()
    assert "1 mise à jour en attente de confirmation" in html
    link = reverse("admin:laureates_teamupdate_change", args=[update.pk])
    assert f'<a href="{link}">Diagnostic Futur</a>' in html
    assert "Lauréats sans mise à jour depuis 60 jours" in html
    assert "— dernière mise à jour le 9 janvier 2024</li>" in html
    assert "— aucune mise à jour depuis son début le 1 janvier 2024</li>" in html
    assert admin_client.get(url, {"as_of": "2024-03-01"}).context["board"].silent == []
    html = admin_client.get(url, {"as_of": "2024-03-01"}).content.decode()
    assert "Chaque lauréat en cours a envoyé une mise à jour récemment." in html


def test_board_sections_follow_the_board_permissions(client, teams):
    """Observers read the list with its links; staff who see laureates but not the updates
    see the list without links; reviewers do not see the board at all."""
    from django.contrib.auth.models import Permission

    from seasons.selection.roles import OBSERVER, REVIEWER
    from seasons.tests.test_review import member_of

    _, step = teams
    link = reverse(
        "admin:laureates_teamupdate_change",
        args=[TeamUpdate.objects.get(milestone=step["Futur"]).pk],
    )
    url = reverse("admin:laureates_laureate_board")
    login_staff(client, member_of(OBSERVER, "observateur"))
    html = client.get(url, {"as_of": "2024-03-10"}).content.decode()
    assert f'<a href="{link}">Diagnostic Futur</a>' in html
    assert client.get(link).status_code == 200
    reader = get_user_model().objects.create_user("lecteur", password="pw-1", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_laureate"))
    login_staff(client, reader)
    html = client.get(url, {"as_of": "2024-03-10"}).content.decode()
    assert '<th scope="row">Diagnostic Futur</th>' in html
    assert link not in html
    login_staff(client, member_of(REVIEWER, "relecteur"))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
