"""A committee session in a real browser: every page passes axe-core, and a manager
records the outcomes and closes the session with the keyboard and the mouse."""

import pytest
from django.urls import reverse

from accelerator.tests.browser import violations_of
from seasons.models import SessionStatus, SubmissionStatus
from seasons.selection import committee
from seasons.selection.roles import OBSERVER, PROGRAM_MANAGER
from seasons.tests.committee_helpers import make_session
from seasons.tests.test_review import member_of
from seasons.tests.test_review_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = SubmissionStatus


def url(name, pk):
    return reverse(f"admin:seasons_committeesession_{name}", args=[pk])


@pytest.fixture
def session():
    session = make_session(scores=(3, 5))
    committee.assemble_docket(session)
    return session


def test_a_manager_records_the_outcomes_and_closes_the_session(
    page, live_server, login_staff, session
):
    sign_in(page, live_server, login_staff, member_of(PROGRAM_MANAGER, "responsable"))
    for name in ["change", "docket", "outcomes", "close"]:
        page.goto(live_server.url + url(name, session.pk))
        assert violations_of(page) == [], name
    page.goto(live_server.url + url("outcomes", session.pk))
    first, second = session.items.order_by("position")
    page.select_option(f"#id_item{first.pk}-decision", S.SELECTED)
    page.fill(f"#id_item{first.pk}-votes_for", "3")
    page.fill(f"#id_item{first.pk}-votes_against", "0")
    page.fill(f"#id_item{first.pk}-abstentions", "0")
    page.select_option(f"#id_item{second.pk}-decision", S.REJECTED)
    page.check(f"#id_item{second.pk}-by_consensus")
    page.fill(f"#id_item{second.pk}-reasons", "Maturité insuffisante")
    page.click("#outcomes input[type=submit]")
    assert "Les décisions sont notées." in page.locator("ul.messagelist").inner_text()
    page.goto(live_server.url + url("close", session.pk))
    page.click("input[name=confirm]")
    assert "Séance close : 2 candidatures" in page.locator("ul.messagelist").inner_text()
    assert violations_of(page) == []
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED


def test_an_observers_session_page_passes_axe_core(page, live_server, login_staff, session):
    sign_in(page, live_server, login_staff, member_of(OBSERVER, "observateur"))
    page.goto(live_server.url + url("change", session.pk))
    assert page.locator("text=Ordre du jour (PDF)").count() == 1
    assert violations_of(page) == []
