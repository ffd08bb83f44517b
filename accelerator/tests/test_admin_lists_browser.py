"""Staff lists on a 1,400 px screen, the admin's navigation and filters open: every list
a manager walks through fits the window, neither the page nor the list scrolling
sideways, with the same information in shorter cells (accelerator.list_cells)."""

import pytest
from playwright.sync_api import expect

from seasons.models import Attachment, AttachmentKind, Submission
from seasons.tests.test_staff_browser import WIDTH, screenshot, sign_in_as_manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST_FITS = """() => [...document.querySelectorAll('#changelist-form .results')]
    .every((r) => r.scrollWidth <= r.clientWidth)"""

# {list: its column headers, as they read}
LISTS = {
    "/admin/laureates/supportlog/": [
        "Date", "Lauréat", "Type", "Heures", "Apporté par", "Étape", "Note",
    ],
    "/admin/laureates/tranche/": [
        "Lauréat", "N°", "Montant (€)", "Débloquée quand", "Condition", "Statut",
        "Débloquée le", "Payée le",
    ],
    "/admin/seasons/review/": [
        "Candidature", "Évaluateur", "État", "Déposée le", "Proposée à la place à",
    ],
    "/admin/seasons/attachment/": ["Fichier", "Type", "Taille", "Candidature", "Envoyé le"],
    "/admin/laureates/teamupdate/": [
        "Étape", "Lauréat", "Envoyée le", "Étape faite ?", "Statut", "Publique",
    ],
    "/admin/laureates/teamupdate/?status__exact=confirmed": [
        "Étape", "Lauréat", "Envoyée le", "Étape faite ?", "Statut", "Publique",
    ],
    "/admin/laureates/laureate/board/": None,  # not a change list: its own tables
    "/admin/seasons/submission/": [
        "Référence", "Projet", "Appel", "Statut", "Note", "Évaluations", "Déposée le",
    ],
}  # fmt: skip

LONG_NAME = "statuts-de-l-association-mis-a-jour-apres-l-assemblee-generale-2023.docx"
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def add_files():
    """The demo has no file: two, with the long names and types applicants send."""
    for submission in Submission.objects.exclude(reference="").order_by("pk")[:2]:
        Attachment.objects.create(
            submission=submission,
            kind=AttachmentKind.STATUTES,
            file="x.docx",
            original_name=LONG_NAME,
            size=1_234_567,
            content_type=WORD,
        )


@pytest.mark.parametrize("path", list(LISTS))
def test_a_staff_list_fits_a_1400_px_screen(page, demo, settings, tmp_path, path):
    add_files()
    sign_in_as_manager(page, settings)
    page.goto(path)
    expect(page.locator("#content h1")).to_be_visible()
    screenshot(page, tmp_path, path.strip("/").replace("/", "-"))
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.evaluate(LIST_FITS)
    if LISTS[path] is not None:
        headers = page.locator("#result_list thead th .text").all_inner_texts()
        assert [" ".join(h.split()) for h in headers if h.strip()] == [
            h.upper() for h in LISTS[path]
        ]


def test_a_long_file_name_is_cut_with_the_whole_name_as_its_tooltip(page, demo, settings):
    add_files()
    sign_in_as_manager(page, settings)
    page.goto("/admin/seasons/attachment/")
    cell = page.locator("#result_list .field-file_name").first
    assert cell.inner_text() == "statuts-de-l-association-mis-a-…"
    assert cell.locator("span").get_attribute("title") == LONG_NAME
