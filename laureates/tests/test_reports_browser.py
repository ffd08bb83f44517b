"""Issue 16's "done when", in a real browser: the team signs in by the e-mailed link,
posts an update with a file and a measurement, staff confirm it; the team sends its
6-month report, staff ask for a change, the team corrects it, staff accept; the tranche
tied to it becomes releasable and is released; the public page shows the published
update. axe-core finds nothing on each page of the space."""

import datetime as dt
from decimal import Decimal

import pytest

from accelerator.tests.browser import FOCUSED_ID, press_enter_on, tab_to, violations_of
from laureates import followup
from laureates.models import Measurement, Report, Tranche, TrancheCondition
from laureates.tests.factories import (
    FollowUpPlanFactory,
    ImpactIndicatorFactory,
    MilestoneFactory,
    ReportQuestionFactory,
    TeamMemberFactory,
    TrancheFactory,
)
from laureates.tests.space_helpers import (
    PDF,
    answer_in_admin,
    open_link_by_mouse,
    staff_page,
)
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.test_review import member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def umap():
    """uMap: a step, an indicator, a member, a 6-month review of two questions and a
    second tranche waiting for it."""
    # A support that still runs: the team may ask for its steps to be marked done.
    step = MilestoneFactory(title="Diagnostic partagé", laureate__name="uMap",
                            laureate__slug="umap", due_on=dt.date(2023, 10, 1),
                            laureate__support_starts_on=dt.date(2026, 1, 5),
                            laureate__support_ends_on=dt.date(2099, 1, 4))  # fmt: skip
    laureate = step.laureate
    ImpactIndicatorFactory(laureate=laureate, name="Cartes créées", unit="cartes")
    TeamMemberFactory(laureate=laureate, name="Yann Modèle", email="yann@example.org")
    plan = FollowUpPlanFactory(season=laureate.season)
    ReportQuestionFactory(plan=plan, key="resultats", label_fr="Résultats obtenus")
    ReportQuestionFactory(plan=plan, key="usagers", label_fr="Usagers actifs", type="number",
                          required=False)  # fmt: skip
    followup.apply_plan(laureate)
    report = laureate.reports.get()
    TrancheFactory(laureate=laureate, number=2, amount=Decimal("60000"),
                   condition=TrancheCondition.REPORT_ACCEPTED, report=report)  # fmt: skip
    return step


def test_the_year_from_sign_in_to_the_tranche_released(
    page, browser, live_server, umap, client, login_staff, tmp_path
):
    # Sign in by the e-mailed link.
    open_link_by_mouse(page, "yann@example.org")
    assert violations_of(page) == []
    page.click("#sign-in")
    page.wait_for_url("**/espace-laureat/")
    assert violations_of(page) == []

    # An update with a file and a measurement.
    page.goto(f"/espace-laureat/etapes/{umap.pk}/")
    page.fill("#id_text", "Le diagnostic est rendu.")
    page.check("#id_asks_done", force=True)
    (tmp_path / "compte-rendu.pdf").write_bytes(PDF)
    page.set_input_files("#id_files", str(tmp_path / "compte-rendu.pdf"))
    page.select_option("#id_indicator", index=1)
    page.fill("#id_measured_on", "2023-10-02")
    page.fill("#id_value", "960000")
    page.click("#post-update")
    page.wait_for_url("**/espace-laureat/mises-a-jour/*/")
    assert violations_of(page) == []
    update_url = page.url

    # Staff confirm it.
    admin = staff_page(browser, live_server, client, login_staff)
    update_pk = update_url.rstrip("/").rsplit("/", 1)[1]
    admin.goto(f"/admin/laureates/teamupdate/{update_pk}/change/")
    with admin.expect_navigation():
        admin.click("#confirm-update")
    assert list(Measurement.objects.values_list("value", flat=True)) == [960000]

    # The team publishes it, then sends its 6-month report, by keyboard.
    page.goto(update_url)
    with page.expect_navigation():
        page.click("#publish")
    page.click("#nav-reports")
    page.wait_for_url("**/espace-laureat/rapports/")
    assert "Revue à 6 mois" in page.locator("main").inner_text()
    assert violations_of(page) == []
    report = Report.objects.get()
    page.goto(f"/espace-laureat/rapports/{report.pk}/")
    assert violations_of(page) == []
    tab_to(page, "id_resultats", limit=60, focused=FOCUSED_ID)
    page.keyboard.type("Un million de cartes.")
    press_enter_on(page, "send-report")
    assert "Votre rapport est envoyé" in page.locator("main").inner_text()
    assert violations_of(page) == []

    # Staff ask for a change on the results.
    admin.goto("/admin/laureates/report/")
    assert "uMap" in admin.locator("#result_list").inner_text()
    answer_in_admin(
        admin, f"/admin/laureates/report/{report.pk}/change/",
        "#id_comment-resultats", "Précisez qui les utilise.", "#request-changes",
    )  # fmt: skip
    assert Report.objects.get().status == "changes_requested"

    # The team reads the comment next to the question, corrects and sends again.
    page.reload()
    assert "Précisez qui les utilise." in page.locator(".report-comment").inner_text()
    assert page.locator("#id_resultats").input_value() == "Un million de cartes."
    assert violations_of(page) == []
    page.fill("#id_resultats", "Un million de cartes, dont deux ministères.")
    page.fill("#id_usagers", "40")
    with page.expect_navigation():
        page.click("#send-report")
    page.click("text=Version 1, envoyée le")
    page.wait_for_url(f"**/espace-laureat/rapports/{report.pk}/versions/1/")
    assert violations_of(page) == []

    # Staff accept; the tranche becomes releasable on the board and is released.
    admin.goto(f"/admin/laureates/report/{report.pk}/change/")
    assert "Un million de cartes, dont deux ministères." in admin.content()
    with admin.expect_navigation():
        admin.click("#accept-report")
    admin.goto("/admin/laureates/laureate/board/")
    assert "Tranche 2 de uMap" in admin.locator("#board-ready-tranches").inner_text()
    with admin.expect_navigation():
        admin.locator("#board-ready-tranches button").click()
    assert Tranche.objects.get().status == "released"

    # The public page shows the published update, and nothing of the report.
    page.goto("/laureats/umap/")
    assert "Le diagnostic est rendu." in page.locator("main").inner_text()
    assert "Un million de cartes" not in page.content()
    page.goto(f"/espace-laureat/rapports/{report.pk}/")
    assert "accepté" in page.locator("main").inner_text().lower()
    assert violations_of(page) == []


def test_a_report_sent_incomplete_keeps_what_was_typed_and_passes_axe(page, umap):
    open_link_by_mouse(page, "yann@example.org")
    page.click("#sign-in")
    page.goto(f"/espace-laureat/rapports/{Report.objects.get().pk}/")
    page.fill("#id_usagers", "40")
    with page.expect_navigation():
        page.click("#send-report")
    assert page.locator("#id_resultats-messages").inner_text() == "Ce champ est obligatoire."
    assert page.locator("#id_usagers").input_value() == "40"
    assert violations_of(page) == []
    assert Report.objects.get().status == "draft"


def test_a_review_refused_because_another_manager_accepted_keeps_the_comments_and_passes_axe(
    browser, live_server, umap, client, login_staff
):
    from laureates import reports

    report = Report.objects.get()
    member = report.laureate.members.get()
    reports.send(report, member, {"resultats": "Fait"}, reports.questions_of(report))
    admin = staff_page(browser, live_server, client, login_staff)
    admin.goto(f"/admin/laureates/report/{report.pk}/change/")
    admin.fill("#id_comment-resultats", "Précisez qui les utilise.")
    reports.accept(report, member_of(PROGRAM_MANAGER, "autre"))
    with admin.expect_navigation():
        admin.click("#request-changes")
    assert "ne peut pas être renvoyé" in admin.locator(".messagelist").inner_text()
    assert admin.locator("#unsent-comments").inner_text() == (
        "Vos commentaires, non envoyés\n\nRésultats obtenus\n\nPrécisez qui les utilise."
    )
    assert violations_of(admin) == []
