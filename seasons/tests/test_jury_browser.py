"""An outside juror in a real browser (issue 17): a manager invites them from the
session's page; the invitation's link signs them in; they read an application, download
its file, score it with the keyboard alone, and declare a conflict of interest on the
next one. axe-core finds nothing on any juror page."""

import pytest

from accelerator.tests.browser import FOCUSED_ID, press_enter_on, tab_to, violations_of
from seasons.models import EmailKind, OutboundEmail, Review, ReviewState
from seasons.selection import committee
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.committee_helpers import make_session
from seasons.tests.factories import AttachmentFactory
from seasons.tests.jury_helpers import LINK
from seasons.tests.mail_helpers import delivered_body
from seasons.tests.test_review import member_of
from seasons.tests.test_review_browser import sign_in as staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def session():
    session = make_session(scores=(3, 5))
    committee.assemble_docket(session)
    return session


def invite_from_the_admin(page, live_server, login_staff, session):
    staff_sign_in(page, live_server, login_staff, member_of(PROGRAM_MANAGER, "responsable"))
    page.goto(f"/admin/seasons/committeesession/{session.pk}/change/")
    page.get_by_role("link", name="Jurés extérieurs").click()
    assert violations_of(page) == []
    page.fill("#id_full_name", "Hélène Martin")
    page.fill("#id_email", "helene.martin@example.org")
    page.get_by_role("button", name="Inviter et envoyer un lien de connexion").click()
    assert "Invitation de helene.martin@example.org" in page.locator("ul.messagelist").inner_text()
    assert "<td>0/2</td>" in page.content()
    email = OutboundEmail.objects.get(kind=EmailKind.JUROR_INVITATION)
    return LINK.search(delivered_body(email)).group(0)  # what the juror's mailbox shows


def test_a_juror_invited_by_staff_reads_downloads_scores_and_declares_a_conflict(
    page, browser, live_server, login_staff, session, tmp_path
):
    first, second = session.items.order_by("position").select_related("submission")
    AttachmentFactory(submission=first.submission)
    link = invite_from_the_admin(page, live_server, login_staff, session)

    juror = browser.new_context(locale="fr-FR", base_url=live_server.url).new_page()
    juror.goto("/jury/connexion/")
    assert violations_of(juror) == []
    juror.goto(link)
    assert violations_of(juror) == []
    tab_to(juror, "sign-in", limit=60, focused=FOCUSED_ID)
    juror.keyboard.press("Enter")
    juror.wait_for_url("**/jury/")
    assert "0 sur 2" in juror.locator("#sessions").inner_text()
    assert violations_of(juror) == []
    juror.get_by_role("link", name="Jury").click()
    assert violations_of(juror) == []
    assert juror.locator("#docket").inner_text().lower().count("à noter") == 2
    juror.get_by_role("link", name="Projet 5").click()
    assert juror.locator("h1").inner_text() == "Projet 5"
    assert violations_of(juror) == []

    with juror.expect_download() as download:
        juror.locator("#files a").click()
    saved = tmp_path / "statuts.pdf"
    download.value.save_as(saved)
    assert (download.value.suggested_filename, saved.read_bytes()) == (
        "statuts.pdf", b"%PDF-1.4\n",
    )  # fmt: skip

    # The keyboard alone: no conflict, 4 on each criterion, a comment, submit.
    tab_to(juror, "id_conflict_0", limit=80, focused=FOCUSED_ID)
    juror.keyboard.press("Space")
    criteria = list(session.call.criteria.order_by("position"))
    for criterion in criteria:
        tab_to(juror, f"id_score_{criterion.pk}_0", limit=10, focused=FOCUSED_ID)
        for _ in range(4):
            juror.keyboard.press("ArrowRight")
        assert juror.evaluate(FOCUSED_ID) == f"id_score_{criterion.pk}_4"
    tab_to(juror, "id_comment", limit=10, focused=FOCUSED_ID)
    juror.keyboard.type("Un commun solide.")
    press_enter_on(juror, "submit", limit=10)
    assert "Votre évaluation est envoyée." in juror.locator("main").inner_text()
    assert violations_of(juror) == []
    review = Review.objects.get(submission=first.submission, reviewer__email__contains="helene")
    assert (review.state, review.comment) == (ReviewState.DONE, "Un commun solide.")
    assert sorted(score.value for score in review.scores.all()) == [4] * len(criteria)

    # The next application: a conflict of interest.
    juror.locator("#next").click()
    assert juror.locator("h1").inner_text() == "Projet 3"
    juror.click("label[for=id_conflict_1]")  # the design system's radio is its label
    juror.fill("#id_conflict_details", "Je suis bénévole dans cette association.")
    with juror.expect_navigation():
        juror.click("#submit")
    assert "vous ne notez pas cette candidature" in juror.locator("#review").inner_text()
    assert violations_of(juror) == []
    conflict = Review.objects.get(submission=second.submission, reviewer=review.reviewer)
    assert conflict.state == ReviewState.CONFLICT

    juror.get_by_role("link", name="Mes séances").click()
    assert "1 sur 2 · 1 conflit d’intérêts" in juror.locator("#sessions").inner_text()
    juror.click("#sign-out")
    juror.wait_for_url("**/jury/connexion/")
    assert "Vous êtes déconnecté de l’espace des jurés." in juror.locator("main").inner_text()
