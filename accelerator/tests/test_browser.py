"""The public pages in a real browser: no accessibility violation, usable by keyboard."""

import pytest
from playwright.sync_api import expect

from .browser import check_accessible, in_english, tab_to, violations_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/saisons/",
    "/saisons/saison-2/",
    "/saisons/saison-2/appels/appel-de-demonstration/",
    "/saisons/saison-2/appels/communs-numeriques-2e-releve/",
    "/laureats/",
    "/laureats/umap/",
    "/laureats/infoclimat/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/page-qui-n-existe-pas/",
]
CACHED_PAGES = PUBLIC_PAGES[:8]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violation(page, demo, path):
    check_accessible(page, path)


def test_english_pages_have_no_accessibility_violation(page, demo, live_server):
    in_english(page, live_server)
    for path in ["/", "/laureats/umap/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en"
        assert violations_of(page) == []


def test_keyboard_skip_link_leads_to_the_content(page, demo):
    page.goto("/laureats/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")
    # The list opens with its filters: the search field is the first thing reached.
    assert page.evaluate("document.activeElement.id") == "id_q"


def test_keyboard_opens_a_laureate_from_the_list(page, demo):
    page.goto("/laureats/")
    tab_to(page, "uMap")
    page.keyboard.press("Enter")
    page.wait_for_url("**/laureats/umap/")
    assert page.locator("h1").inner_text() == "uMap"


def test_keyboard_switches_the_language_and_back(page, demo):
    page.goto("/saisons/")
    tab_to(page, "English")
    page.keyboard.press("Enter")
    # Locator assertions, not wait_for_function: the policy forbids the eval it relies on.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.locator("h1").inner_text() == "Seasons and calls"
    assert page.url.endswith("/saisons/")
    tab_to(page, "Français")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.locator("h1").inner_text() == "Saisons et appels"


def test_without_javascript_a_phone_reaches_every_page_and_language(browser, live_server, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/")
    # The design system's menu needs JavaScript to open on small screens…
    assert not page.locator("#main-navigation").is_visible()
    # …so the footer carries the same links and the language switch.
    footer = page.locator("#footer")
    footer.get_by_role("link", name="Lauréats").click()
    page.wait_for_url("**/laureats/")
    page.get_by_role("link", name="uMap").click()
    page.wait_for_url("**/laureats/umap/")
    footer.get_by_role("link", name="English").click()
    page.wait_for_url("**/laureats/umap/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "uMap"
    assert footer.get_by_role("link", name="Laureates").is_visible()
    context.close()


# Recorded from the first script of each page, before the page's own scripts run.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_reports_no_content_security_policy_violation(page, demo, path):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(path)
    # The second visit gets the page stored by the first (accelerator.page_cache); flat
    # pages and the 404 are rendered each time.
    response = page.goto(path)
    assert response.headers.get("x-page-cache") == ("hit" if path in CACHED_PAGES else None)
    assert "nonce" not in response.headers["content-security-policy"]
    # The design system's script ran (it marks the page), so it was not blocked.
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []


STAFF_PAGES = [
    "/admin/",
    "/admin/seasons/submission/",
    "/admin/seasons/call/add/",
    "/admin/laureates/laureate/",
    "/admin/laureates/laureate/add/",
    "/admin/flatpages/flatpage/",
]


def test_staff_area_reports_no_content_security_policy_violation(
    page, demo, live_server, client, login_staff
):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="demo")
    session_id = login_staff(client, staff).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server.url}])
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    for path in ["/admin/login/", *STAFF_PAGES]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if path != "/admin/login/":
            assert page.locator("#user-tools").count() == 1, path  # logged in, not redirected
        assert page.evaluate("window.cspViolations") == [], path
    assert [text for text in console if "Content Security Policy" in text] == []


def test_lockout_page_has_no_accessibility_violation(page, demo):
    for _ in range(5):
        page.goto("/admin/login/")
        page.fill("#id_username", "demo")
        page.fill("#id_password", "not the password")
        page.locator("input[type=submit]").first.click()
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Trop de connexions échouées"
    assert violations_of(page) == []


def test_database_unavailable_page_has_no_accessibility_violation(page, demo):
    from accelerator.unavailable import database_unavailable_response

    page.goto("/")  # so that the page's stylesheet loads from the live server
    page.set_content(database_unavailable_response().content.decode())
    assert page.locator("h1").inner_text() == "Service temporairement indisponible"
    assert violations_of(page) == []
