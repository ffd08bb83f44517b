"""What the browser tests share: axe-core's findings, moving the focus with Tab and
pressing Enter on a button, a public page's checks, the English version."""

from axe_playwright_python.sync_playwright import Axe

FOCUSED_TEXT = "document.activeElement.innerText.trim()"
FOCUSED_ID = "document.activeElement.id"


def violations_of(page):
    """axe-core's violations, as one readable line each (rule, impact, first elements).

    A click on a link returns once the next page has started loading: axe-core must wait
    for it to be whole, or it judges a half-parsed document (seen in CI: no main landmark,
    no heading)."""
    page.wait_for_load_state("load")
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}" for v in found
    ]


def tab_to(page, wanted, limit=40, focused=FOCUSED_TEXT):
    """Press Tab until the focused element reads `wanted` (its text, or with
    `focused=FOCUSED_ID` its id); fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == wanted:
            return
    raise AssertionError(f"{wanted!r} cannot be reached with the Tab key")


def press_enter_on(page, wanted_id, limit=60):
    """Tab to the element of id `wanted_id`, press Enter and wait for the page it leads to
    (a form sent by keyboard alone)."""
    tab_to(page, wanted_id, limit=limit, focused=FOCUSED_ID)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def check_accessible(page, path):
    """Open `path`: one heading of level 1, and nothing axe-core objects to."""
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert violations_of(page) == []


def in_english(page, live_server):
    """Ask the site for its English pages from now on, as the language switch does."""
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def outcome_of(page, rule):
    """What axe-core concludes on one rule: "violations", "incomplete" (could not tell,
    for a person to check), "passes" or "inapplicable" (nothing on the page it applies to)."""
    found = Axe().run(page).response
    outcomes = ["violations", "incomplete", "passes", "inapplicable"]
    return next(key for key in outcomes if any(r["id"] == rule for r in found[key]))
