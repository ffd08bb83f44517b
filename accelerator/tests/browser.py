"""What the browser tests share: axe-core's findings and moving the focus with Tab."""

from axe_playwright_python.sync_playwright import Axe

FOCUSED_TEXT = "document.activeElement.innerText.trim()"
FOCUSED_ID = "document.activeElement.id"


def violations_of(page):
    """axe-core's violations, as one readable line each (rule, impact, first elements)."""
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


def outcome_of(page, rule):
    """What axe-core concludes on one rule: "violations", "incomplete" (could not tell,
    for a person to check), "passes" or "inapplicable" (nothing on the page it applies to)."""
    found = Axe().run(page).response
    outcomes = ["violations", "incomplete", "passes", "inapplicable"]
    return next(key for key in outcomes if any(r["id"] == rule for r in found[key]))
