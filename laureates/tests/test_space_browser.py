"""The team's year in a real browser, by keyboard: ask for a link, read it from the
outbox, sign in, post an update with a file and a measurement; staff confirm it in the
admin; the team publishes it and the public page shows it. axe-core on every page."""

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

from accelerator.tests.browser import FOCUSED_ID, press_enter_on, tab_to, violations_of
from laureates.models import Measurement, MilestoneStatus, TeamUpdate
from laureates.tests.factories import (
    ImpactIndicatorFactory,
    MilestoneFactory,
    StaffUserFactory,
    TeamMemberFactory,
)
from laureates.tests.space_helpers import (
    PDF,
    answer_in_admin,
    last_link_token,
    open_link_by_mouse,
    staff_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the screenshots go, to be looked at by a person (SCREENSHOT_DIR to choose).
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir())) / "laureate-space"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def umap():
    step = MilestoneFactory(
        title="Diagnostic partagé", laureate__name="uMap", laureate__slug="umap",
        laureate__support_ends_on=dt.date(2099, 1, 4),  # still running: "ask for done" offered
        due_on=dt.date(2023, 10, 1), owner=StaffUserFactory(first_name="Camille",
                                                            last_name="Démo"),
    )  # fmt: skip
    MilestoneFactory(laureate=step.laureate, title="Audit de code", kind="technical",
                     due_on=dt.date(2023, 11, 1))  # fmt: skip
    ImpactIndicatorFactory(laureate=step.laureate, name="Cartes créées", unit="cartes")
    TeamMemberFactory(laureate=step.laureate, name="Yann Modèle", email="yann@example.org")
    return step


def test_team_year_by_keyboard_with_staff_confirmation(
    page, browser, live_server, umap, client, login_staff, tmp_path
):
    # Ask for a link, by keyboard.
    page.goto("/espace-laureat/connexion/")
    assert violations_of(page) == []
    tab_to(page, "id_email", limit=60, focused=FOCUSED_ID)
    page.keyboard.type("yann@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**/espace-laureat/connexion/")
    assert "Si yann@example.org appartient à l’équipe" in page.locator(".fr-alert").inner_text()
    assert violations_of(page) == []
    shot(page, "1-sign-in")

    # Open the e-mail's link, then press its button.
    page.goto(f"/espace-laureat/connexion/{last_link_token('yann@example.org')}/")
    assert violations_of(page) == []
    tab_to(page, "sign-in", limit=60, focused=FOCUSED_ID)
    page.keyboard.press("Enter")
    page.wait_for_url("**/espace-laureat/")
    assert page.locator("h1").inner_text() == "Feuille de route de uMap"
    assert violations_of(page) == []
    shot(page, "2-roadmap")

    # Post an update on the first step, with a file and a measurement.
    page.get_by_role("link", name="Diagnostic partagé").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/espace-laureat/etapes/{umap.pk}/")
    assert violations_of(page) == []
    tab_to(page, "id_text", limit=60, focused=FOCUSED_ID)
    page.keyboard.type("Le diagnostic est rendu.")
    tab_to(page, "id_asks_done", limit=60, focused=FOCUSED_ID)
    page.keyboard.press("Space")
    report = tmp_path / "compte-rendu.pdf"
    report.write_bytes(PDF)
    page.set_input_files("#id_files", str(report))
    tab_to(page, "id_indicator", limit=60, focused=FOCUSED_ID)
    page.keyboard.press("ArrowDown")
    page.fill("#id_measured_on", "2023-10-02")
    tab_to(page, "id_value", limit=60, focused=FOCUSED_ID)
    page.keyboard.type("960000")
    tab_to(page, "post-update", limit=60, focused=FOCUSED_ID)
    page.keyboard.press("Enter")
    page.wait_for_url("**/espace-laureat/mises-a-jour/*/")
    assert "en attente de confirmation" in page.locator("main").inner_text().lower()
    assert page.locator("a.fr-link--download").inner_text().startswith("compte-rendu.pdf")
    assert violations_of(page) == []
    shot(page, "3-update")
    update = TeamUpdate.objects.get()

    # Staff confirm it in the admin (their own browser).
    admin = staff_page(browser, live_server, client, login_staff)
    admin.goto("/admin/laureates/teamupdate/")
    assert "Diagnostic partagé" in admin.locator("#result_list").inner_text()
    answer_in_admin(admin, f"/admin/laureates/teamupdate/{update.pk}/change/",
                    "#id_staff_comment", "Merci, bien reçu.", "#confirm-update")  # fmt: skip
    shot(admin, "4-admin-confirmed")
    admin.context.close()
    update.refresh_from_db()
    assert (update.status, update.milestone.status) == ("confirmed", MilestoneStatus.DONE)
    assert list(Measurement.objects.values_list("value", flat=True)) == [960000]

    # The team reads the comment and publishes it; the public page shows it.
    page.reload()
    assert "Merci, bien reçu." in page.locator("main").inner_text()
    press_enter_on(page, "publish")
    assert "affichée sur la page publique" in page.locator("main").inner_text()
    assert violations_of(page) == []
    page.goto("/espace-laureat/mises-a-jour/")
    assert violations_of(page) == []
    page.goto("/laureats/umap/")
    news = page.locator("#updates-title + article")
    assert "Le diagnostic est rendu." in news.inner_text()
    assert page.locator("text=compte-rendu.pdf").count() == 0
    assert violations_of(page) == []
    shot(page, "5-public")


def test_a_refused_update_keeps_the_text_and_passes_axe(page, umap):
    from django.core import mail  # noqa: F401 -- the outbox rows are read from the database

    open_link_by_mouse(page, "yann@example.org")
    page.click("#sign-in")
    page.goto(f"/espace-laureat/etapes/{umap.pk}/")
    page.fill("#id_text", "Texte gardé")
    page.select_option("#id_indicator", index=1)
    page.click("#post-update")
    assert page.locator("#id_text").input_value() == "Texte gardé"
    assert page.locator("#id_value-messages").inner_text() == (
        "Une mesure demande un indicateur, un jour et une valeur."
    )
    assert violations_of(page) == []
    shot(page, "6-step-errors")
