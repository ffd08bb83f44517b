"""The reviewers' side in a real browser: assignment digests, a conflict of interest
offered to another reviewer, the progress and calibration pages (axe-core on each)."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from accelerator.tests.browser import violations_of
from seasons.models import EmailKind, OutboundEmail, Review, ReviewState
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import PARIS, CallFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots to look at after a run (not kept in the repository).
SCREENSHOTS = Path(tempfile.gettempdir()) / "review-screenshots"


def person(group, username, first_name):
    user = member_of(group, username)
    User.objects.filter(pk=user.pk).update(
        email=f"{username}@example.org", first_name=first_name, last_name="Test"
    )
    return User.objects.get(pk=user.pk)


def sign_in(page, live_server, login_staff, user):
    """Past both factors (`login_staff`), in a browser that forgets whoever came before."""
    session = login_staff(Client(), user).cookies["sessionid"].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"reviews-{name}.png", full_page=True)


def run_action(page, action, label):
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name=label).click()


def declare_conflict(page, url):
    """On a review's admin page, declare a conflict of interest and submit it."""
    page.goto(url)
    page.locator("#id_conflict_of_interest").select_option("True")
    page.locator("#id_conflict_details").fill("Je suis trésorière de l’association.")
    page.locator("#id_submit_review").check()
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()


def test_assign_declare_a_conflict_reassign_and_calibrate(page, live_server, login_staff):
    call = CallFactory(
        title="Communs 2023", review_deadline=dt.datetime(2023, 10, 1, 18, tzinfo=PARIS)
    )
    applications = [
        SubmissionFactory(call=call, organisation_name=name)
        for name in ["Grainothèque", "Repair café", "Tiers-lieu"]
    ]
    manager = person(PROGRAM_MANAGER, "responsable", "Rose")
    anne, bruno, chloe = (person(REVIEWER, n, n.capitalize()) for n in ["anne", "bruno", "chloe"])

    # The manager assigns the three applications to Anne and Bruno: one e-mail each.
    sign_in(page, live_server, login_staff, manager)
    page.goto("/admin/seasons/submission/")
    run_action(page, "assign_reviewers", "Envoyer")
    page.get_by_label("Anne Test", exact=True).check()
    page.get_by_label("Bruno Test", exact=True).check()
    expect(page.locator("div.breadcrumbs")).to_have_text(
        "Accueil › Saisons, appels et candidatures › Candidatures › Attribuer des évaluateurs"
    )
    assert violations_of(page) == []
    shot(page, "1-assign")
    page.get_by_role("button", name="Attribuer").click()
    expect(page.locator(".messagelist")).to_contain_text("6 attribution(s) faite(s).")
    digests = OutboundEmail.objects.filter(kind=EmailKind.REVIEW_ASSIGNMENT)
    assert sorted(digests.values_list("to", "subject")) == [
        ("anne@example.org", "3 candidatures vous sont attribuées pour évaluation"),
        ("bruno@example.org", "3 candidatures vous sont attribuées pour évaluation"),
    ]

    # Anne declares a conflict of interest on the first.
    sign_in(page, live_server, login_staff, anne)
    review = Review.objects.get(reviewer=anne, submission=applications[0])
    declare_conflict(page, f"/admin/seasons/review/{review.pk}/change/")
    assert Review.objects.get(pk=review.pk).state == ReviewState.CONFLICT
    page.goto(f"/admin/seasons/call/{call.pk}/reviews/")
    expect(page.locator("#review-progress tbody tr")).to_have_count(1)
    assert violations_of(page) == []
    shot(page, "2-reviewer-progress")

    # The manager sees the conflict as such, and offers the application to Chloé.
    sign_in(page, live_server, login_staff, manager)
    page.goto("/admin/seasons/review/?state=conflict")
    expect(page.locator("td.field-state")).to_have_text(["conflit d’intérêts"])
    run_action(page, "offer_to_another_reviewer", "Envoyer")
    expect(page.locator(".messagelist")).to_contain_text("proposée à Chloe Test.")
    assert digests.filter(to="chloe@example.org").count() == 1

    # Reviews are saved; the progress and calibration pages say where things stand.
    for reviewer, values in [(anne, [2, 4]), (bruno, [5, 3, 4]), (chloe, [4])]:
        own = Review.objects.filter(reviewer=reviewer).exclude(conflict_of_interest=True)
        for review, value in zip(own.order_by("submission__reference"), values, strict=True):
            score_all(review, value)
    page.goto(f"/admin/seasons/call/{call.pk}/reviews/")
    expect(page.locator("#review-progress tfoot")).to_contain_text("Total")
    assert violations_of(page) == []
    shot(page, "3-progress")
    page.goto(f"/admin/seasons/call/{call.pk}/summary/")
    page.get_by_role("link", name="Calibrage des évaluateurs").click()
    expect(page.get_by_role("heading", name="Calibrage de Communs 2023")).to_be_visible()
    expect(page.locator("#calibration-reviewers tbody tr")).to_have_count(3)
    expect(page.locator("#calibration-applications tbody tr")).to_have_count(3)
    assert violations_of(page) == []
    shot(page, "4-calibration")
