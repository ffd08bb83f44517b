"""The breadcrumbs of the staff pages added for the selection (the cockpit, a call's
reviews and calibration, a decision taken from an application's page): their links stand
out from the text around them by more than colour (axe-core's `link-in-text-block`), and
the decision's breadcrumb names the app as Django's own pages do."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accelerator.tests.browser import outcome_of, violations_of
from seasons.models import SubmissionStatus
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.factories import CallFactory, ReviewFactory, SubmissionFactory
from seasons.tests.test_review import member_of, score_all
from seasons.tests.test_review_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = SubmissionStatus
LINK_RULE = "link-in-text-block"


def underlined(page):
    """Whether every link of the breadcrumbs is underlined, as the reader sees them."""
    return page.locator("div.breadcrumbs a").evaluate_all(
        "links => links.length > 0 && links.every("
        "a => getComputedStyle(a).textDecorationLine.includes('underline'))"
    )


def breadcrumbs(page):
    crumbs = page.locator("div.breadcrumbs")
    return [" ".join(part.split()) for part in crumbs.inner_text().split("›")]


@pytest.fixture
def call_under_review():
    call = CallFactory(
        title="AIC",
        opens_at=timezone.now() - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(days=10),
        review_deadline=timezone.now() - dt.timedelta(days=1),
    )
    reviewers = [member_of(REVIEWER, name) for name in ["anne", "bruno"]]
    for name in ["Grainothèque", "Repair café"]:
        submission = SubmissionFactory(call=call, status=S.IN_REVIEW, organisation_name=name)
        done, _open = (ReviewFactory(submission=submission, reviewer=r) for r in reviewers)
        score_all(done, 4 if name == "Grainothèque" else 2)
    return call, reviewers


def test_a_managers_selection_pages_have_breadcrumbs_axe_core_accepts(
    page, live_server, login_staff, call_under_review
):
    call, _reviewers = call_under_review
    sign_in(page, live_server, login_staff, member_of(PROGRAM_MANAGER, "responsable"))
    submission = call.submissions.get(organisation_name="Grainothèque")
    shortlisted = SubmissionFactory(call=call, status=S.SHORTLISTED, organisation_name="Tiers-lieu")
    pages = {
        reverse("admin:index"): None,
        reverse("admin:seasons_call_reviews", args=[call.pk]): [
            "Accueil", "Appels à projets", "AIC", "Avancement des évaluations",
        ],
        reverse("admin:seasons_call_calibration", args=[call.pk]): [
            "Accueil", "Appels à projets", "AIC", "Calibrage des évaluateurs",
        ],
        reverse("admin:seasons_submission_decide", args=[submission.pk, S.SHORTLISTED]): [
            "Accueil", "Saisons, appels et candidatures", "Candidatures", str(submission),
            "Présélectionner",
        ],
        reverse("admin:seasons_submission_decide", args=[shortlisted.pk, S.WAITLISTED]): [
            "Accueil", "Saisons, appels et candidatures", "Candidatures", str(shortlisted),
            "Mettre en liste d’attente",
        ],
    }  # fmt: skip
    for path, expected in pages.items():
        page.goto(path)
        if expected is None:  # the cockpit, as Django's home, has no breadcrumbs
            assert page.locator("div.breadcrumbs").count() == 0
        else:
            assert breadcrumbs(page) == expected
            assert underlined(page), path
        assert outcome_of(page, LINK_RULE) in {"passes", "inapplicable"}, path
        assert violations_of(page) == [], path


def test_a_reviewers_progress_page_has_breadcrumbs_axe_core_accepts(
    page, live_server, login_staff, call_under_review
):
    call, (anne, _bruno) = call_under_review
    sign_in(page, live_server, login_staff, anne)
    for path in [reverse("admin:index"), reverse("admin:seasons_call_reviews", args=[call.pk])]:
        page.goto(path)
        assert outcome_of(page, LINK_RULE) in {"passes", "inapplicable"}, path
        assert violations_of(page) == [], path
    assert underlined(page)
    assert breadcrumbs(page) == ["Accueil", "Mes évaluations", "Avancement des évaluations"]
