"""Laureate pages in a real browser: no accessibility violation, filters usable by keyboard."""

import pytest

from accelerator.tests.browser import (
    FOCUSED_ID,
    check_accessible,
    in_english,
    tab_to,
    violations_of,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/laureats/?saison=saison-2&domaine=cartographie",
    "/laureats/?q=donn%C3%A9es&parcours=full_support&accompagnement=methodological",
    "/laureats/?saison=inconnue",  # an invalid value, explained next to its field
    "/laureats/?q=rien-ne-correspond",
    "/laureats/umap/",
    "/laureats/pyronear/",
    "/saisons/saison-2/",
    "/donnees-ouvertes/",
]


@pytest.mark.parametrize("path", PAGES)
def test_laureate_pages_have_no_accessibility_violation(page, demo, path):
    check_accessible(page, path)


def test_laureate_page_in_english_has_no_accessibility_violation(page, demo, live_server):
    in_english(page, live_server)
    # The demo's supports are closed: none is "in progress" any more, whatever the kind.
    page.goto("/laureats/?saison=saison-2&parcours=pre_acceleration")
    assert page.locator("#result-count").inner_text() == "2 laureates"
    assert violations_of(page) == []


def test_keyboard_filters_the_list_and_keeps_the_choice(page, demo):
    page.goto("/laureats/")
    assert page.locator("#result-count").inner_text() == "13 lauréats"
    tab_to(page, "id_q", limit=60, focused=FOCUSED_ID)
    page.keyboard.type("cartes")
    tab_to(page, "id_saison", limit=60, focused=FOCUSED_ID)
    page.keyboard.press("ArrowDown")  # "Saison 2 — Communs numériques", newest first
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_parcours"
    for _ in range(2):  # full support, pre-acceleration: the tracks in French order
        page.keyboard.press("ArrowDown")
    tab_to(page, "", limit=2, focused=FOCUSED_ID)  # past "accompagnement": the button has no id
    assert page.evaluate("document.activeElement.innerText.trim()") == "Filtrer"
    page.keyboard.press("Enter")
    page.wait_for_url("**/laureats/?q=cartes&saison=saison-2**")
    assert "parcours=pre_acceleration" in page.url
    assert page.locator("#result-count").inner_text() == "1 lauréat"
    assert page.locator(".fr-card__title").all_inner_texts() == ["uMap"]
    assert page.locator("#id_saison").input_value() == "saison-2"
    assert page.locator("#id_q").input_value() == "cartes"
    # The shared address gives the same result to someone else.
    other = page.context.new_page()
    other.goto(page.url)
    assert other.locator(".fr-card__title").all_inner_texts() == ["uMap"]
    other.close()


# Each select's inner width and the width of its longest option, in the select's font.
SELECT_WIDTHS = """async () => {
    await document.fonts.ready;
    const canvas = document.createElement("canvas").getContext("2d");
    return [...document.querySelectorAll("select")].map((select) => {
        const style = getComputedStyle(select);
        canvas.font = style.font;
        const inner = select.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight);
        const texts = [...select.options].map((option) => canvas.measureText(option.text));
        const widest = Math.max(...texts.map((text) => text.width));
        return [select.id, Math.ceil(widest) <= Math.floor(inner)];
    });
}"""


@pytest.mark.parametrize("width", [390, 768, 1024, 1280])
def test_filter_selects_show_their_longest_choice_uncut(page, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/laureats/")
    assert page.evaluate(SELECT_WIDTHS) == [
        ["id_saison", True],
        ["id_domaine", True],
        ["id_parcours", True],
        ["id_accompagnement", True],
    ]


def test_open_data_page_fits_a_phone_screen(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/donnees-ouvertes/")
    widths = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    assert page.evaluate(widths) == [390, 390]
    # Names and types stay whole: the table scrolls inside its own container instead.
    cells = page.locator(".open-data-columns td:nth-child(-n+2)")
    assert cells.count() > 10
    # A range over a cell's text has one box per line it is laid out on.
    broken = cells.evaluate_all(
        "cells => cells.filter(c => { const r = document.createRange(); r.selectNodeContents(c);"
        " const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));"
        " return tops.size !== 1 || c.scrollWidth > c.clientWidth; }).map(c => c.textContent)"
    )
    assert broken == []
    container = ".open-data-columns .fr-table__container"
    overflow = f"getComputedStyle(document.querySelector('{container}')).overflowX"
    assert page.evaluate(overflow) == "auto"
