"""Feedback in a real browser: a manager writes it on the committee's outcomes page (the
feedback opened with the keyboard), closes the session, and the applicant's status page
shows it once the decision e-mail is released, passing axe-core."""

import pytest
from django.urls import reverse

from accelerator.tests.browser import violations_of
from seasons import outbox
from seasons.models import OutboundEmail, SubmissionStatus
from seasons.selection import committee, feedback
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.award_helpers import decision_templates
from seasons.tests.committee_helpers import make_session
from seasons.tests.factories import SubmissionFactory
from seasons.tests.test_review import member_of
from seasons.tests.test_review_browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # An earlier transactional test may have emptied the decision e-mails' templates.
    pytest.mark.usefixtures(decision_templates.__name__),
]
S = SubmissionStatus


def url(name, pk):
    return reverse(f"admin:seasons_committeesession_{name}", args=[pk])


def test_feedback_written_at_the_meeting_reaches_the_status_page_after_the_release(
    page, live_server, login_staff
):
    session = make_session(scores=(3, 5))
    committee.assemble_docket(session)
    sign_in(page, live_server, login_staff, member_of(PROGRAM_MANAGER, "responsable"))
    page.goto(live_server.url + url("outcomes", session.pk))
    best, declined = session.items.order_by("position")
    page.select_option(f"#id_item{best.pk}-decision", S.SELECTED)
    page.check(f"#id_item{best.pk}-by_consensus")
    page.select_option(f"#id_item{declined.pk}-decision", S.REJECTED)
    page.check(f"#id_item{declined.pk}-by_consensus")
    # The feedback is folded under each item: opened from the keyboard.
    summary = page.locator(f"#item-{declined.position} details summary")
    summary.focus()
    page.keyboard.press("Enter")
    impact = feedback.field_key(session.call.criteria.get(title="Impact"))
    page.fill(f"#id_item{declined.pk}-feedback-{impact}", "Trop local pour l’instant.")
    page.fill(f"#id_item{declined.pk}-feedback-general", "Revenez l’an prochain.")
    assert violations_of(page) == []
    page.click("#outcomes input[type=submit]")
    assert "Les décisions sont notées." in page.locator("ul.messagelist").inner_text()
    page.goto(live_server.url + url("close", session.pk))
    page.click("input[name=confirm]")
    assert "Séance close : 2 candidatures" in page.locator("ul.messagelist").inner_text()

    applicant = declined.submission
    status_url = live_server.url + reverse("applications:status", args=[applicant.access_key])
    page.context.clear_cookies()
    page.goto(status_url)
    # The decision e-mail is still a draft: nothing of the feedback shows yet.
    assert page.locator("#decision-feedback").count() == 0
    outbox.release_emails(OutboundEmail.objects.filter(submission=applicant))
    page.goto(status_url)
    block = page.locator("#decision-feedback")
    assert block.locator("h2").inner_text() == "Nos remarques sur votre candidature"
    assert block.locator("dt").all_inner_texts() == ["Impact", "Remarque générale"]
    assert block.locator("dd").all_inner_texts() == [
        "Trop local pour l’instant.",
        "Revenez l’an prochain.",
    ]
    assert violations_of(page) == []


def test_the_feedback_and_decision_pages_pass_axe_core_and_work_from_the_keyboard(
    page, live_server, login_staff
):
    declined = SubmissionFactory(status=S.REJECTED)
    in_review = SubmissionFactory(status=S.IN_REVIEW)
    sign_in(page, live_server, login_staff, member_of(PROGRAM_MANAGER, "responsable"))
    decide = reverse("admin:seasons_submission_decide", args=[in_review.pk, S.REJECTED])
    page.goto(live_server.url + decide)
    assert page.locator("#feedback h2").inner_text() == "Retour au candidat"
    assert violations_of(page) == []
    page.goto(live_server.url + reverse("admin:seasons_submission_feedback", args=[declined.pk]))
    assert violations_of(page) == []
    page.locator("#id_general").focus()
    page.keyboard.type("Merci pour votre candidature.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert "Le retour est enregistré." in page.locator("ul.messagelist").inner_text()
    # Back on the application's page (whose inlines axe-core checks elsewhere).
    assert page.locator("#feedback dd").all_inner_texts() == ["Merci pour votre candidature."]
