"""A program manager in a real browser: logs support, reads the hours by kind, releases
a tranche whose step is done from the board, and sees the board's totals change."""

from decimal import Decimal

import pytest

from accelerator.tests.browser import violations_of
from laureates import followup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOARD = "/admin/laureates/laureate/board/?as_of=2024-03-15"


def signed_in_manager(page, client, live_server, login_staff):
    from seasons.selection.roles import PROGRAM_MANAGER
    from seasons.tests.test_review import member_of

    manager = member_of(PROGRAM_MANAGER, "responsable")
    manager.first_name, manager.last_name = "Dominique", "Gestionnaire"
    manager.save()
    session_id = login_staff(client, manager).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server.url}])


def season_2_totals(page):
    """The season-2 row of the financial totals: granted, released, paid."""
    row = page.locator("#board-seasons tbody tr").filter(has_text="Saison 2")
    return [text.strip() for text in row.locator("td").all_inner_texts()[1:4]]


def test_manager_logs_support_and_releases_a_tranche_from_the_board(
    page, demo, live_server, client, login_staff, tmp_path
):
    from laureates.models import Laureate, Tranche, TrancheCondition

    umap = Laureate.objects.get(slug="umap")
    review = umap.milestones.get(title="Revue à 6 mois")  # done in the demo's snapshot
    Tranche.objects.create(
        laureate=umap, number=3, amount=Decimal("20000"),
        condition=TrancheCondition.STEP_DONE, milestone=review,
    )  # fmt: skip
    signed_in_manager(page, client, live_server, login_staff)

    # Log two days of technical support (14 hours) given by an outside expert.
    page.goto(f"/admin/laureates/supportlog/add/?laureate={umap.pk}")
    page.fill("#id_given_on", "2024-03-14")
    page.select_option("#id_kind", "technical")
    page.fill("#id_hours", "14")
    page.select_option("#id_staff_member", "")
    page.fill("#id_expert", "Lou Expert (IGN)")
    page.fill("#id_note", "Atelier sur les fonds de carte")
    page.click("input[name=_save]")
    assert page.locator(".messagelist").inner_text() == (
        "« uMap — technique, 14 h » : ajout enregistré."
    )

    # The laureate's page: hours by kind against the plan.
    page.goto(f"/admin/laureates/laureate/{umap.pk}/change/")
    technical = page.locator(".support-hours tbody tr").filter(has_text="Technique")
    cells = [text.strip() for text in technical.locator("td").all_inner_texts()]
    assert cells == ["28", "105"]  # 14 h in the demo, 14 h now; 105 h planned
    page.locator(".field-support_and_tranches").screenshot(path=tmp_path / "laureate-support.png")

    # The board: the tranche is ready; release it.
    page.goto(BOARD)
    assert season_2_totals(page) == ["180\xa0000,00", "160\xa0000,00", "160\xa0000,00 (89 %)"]
    assert page.locator("#board-ready-tranches tbody tr").all_inner_texts() == [
        "Tranche 3 de uMap\t20\xa0000,00\tune étape faite : Revue à 6 mois\t\nDébloquer"
    ]
    assert violations_of(page) == []
    page.screenshot(path=tmp_path / "board-before.png", full_page=True)
    page.get_by_role("button", name="Débloquer Tranche 3 de uMap").click()
    assert page.locator(".messagelist").inner_text() == "1 tranche débloquée."
    page.goto(BOARD)
    assert season_2_totals(page) == ["180\xa0000,00", "180\xa0000,00", "160\xa0000,00 (89 %)"]
    assert page.locator("#board-ready-tranches").inner_text() == (
        "Aucune tranche n’attend son déblocage."
    )
    hours = page.locator("#board-hours tbody tr").filter(has_text="uMap")
    assert hours.locator("td").nth(1).inner_text().strip() == "28 / 105"
    assert violations_of(page) == []
    page.screenshot(path=tmp_path / "board-after.png", full_page=True)
    tranche = Tranche.objects.get(laureate=umap, number=3)
    assert (tranche.status, tranche.released_on) == ("released", followup.today())
