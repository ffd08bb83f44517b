"""What the demonstration holds: season 2's laureates and their year of follow-up, the
applications and reviews of the calls, as the data and the pages show them."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from accelerator.tests.demo_snapshot import demo_data
from accelerator.tests.test_demo import TODAY
from laureates import followup
from laureates.models import (
    FollowUpPlan,
    ImpactIndicator,
    Laureate,
    Measurement,
    Milestone,
    Report,
    SupportKind,
    Tranche,
)
from laureates.reminders import send_followup_reminders
from seasons.models import Call, Review, Score, Submission
from seasons.selection.reviewing import with_review_figures

pytestmark = pytest.mark.django_db

SEASON_2 = {"open-food-facts", "primtux", "umap", "pyronear"}


@pytest.fixture
def loaded(settings):
    """What `load_demo --today 2025-03-10` loads (once per session: demo_snapshot)."""
    settings.DEBUG = True
    demo_data(today=TODAY)


def test_season_2_laureates_come_from_selected_applications(loaded):
    laureates = Laureate.objects.filter(slug__in=SEASON_2).select_related("submission")
    assert {
        (laureate.slug, laureate.submission.reference, laureate.submission.status)
        for laureate in laureates
    } == {
        ("open-food-facts", "AIC-2023-0001", "selected"),
        ("primtux", "AIC-2023-0002", "selected"),
        ("umap", "AIC-2023-0003", "selected"),
        ("pyronear", "AIC-2023-0004", "selected"),
    }


def test_season_2_laureates_have_milestones_of_every_kind(loaded):
    for slug in SEASON_2:
        kinds = set(Milestone.objects.filter(laureate__slug=slug).values_list("kind", flat=True))
        assert kinds == set(SupportKind.values), slug


def test_pre_accelerated_laureates_second_payment_cancelled_at_closing(loaded):
    payments = Milestone.objects.filter(title="Subvention — 2e tranche").order_by("laureate__slug")
    assert [(m.laureate.slug, m.status, m.amount_paid) for m in payments] == [
        ("open-food-facts", "done", Decimal("60000")),
        ("primtux", "done", Decimal("60000")),
        ("pyronear", "cancelled", None),
        ("umap", "cancelled", None),
    ]
    assert payments[3].status_reason.startswith("Non versée avant la fin de l'accompagnement")


def test_done_milestones_have_completion_dates_and_full_payment(loaded):
    done = Milestone.objects.filter(status="done")
    assert done.count() == 59
    assert not done.filter(completed_on__isnull=True).exists()
    for milestone in done.filter(kind=SupportKind.FINANCIAL):
        assert milestone.amount_paid == milestone.amount_granted


def test_load_demo_applications_in_varied_statuses(loaded):
    assert Submission.objects.count() == 36
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == {
        "draft",
        "submitted",
        "in_review",
        "shortlisted",
        "selected",
        "waitlisted",
        "rejected",
        "withdrawn",
    }
    drafts = Submission.objects.filter(status="draft")
    assert drafts.count() == 3
    assert set(drafts.values_list("reference", "submitted_at")) == {("", None)}


def test_sent_applications_arrive_before_their_deadline(loaded):
    for submission in Submission.objects.sent().select_related("call"):
        assert submission.submitted_at < submission.call.closes_at, submission.reference
    demo = Submission.objects.filter(call__is_demo=True)
    assert set(demo.values_list("status", flat=True)) == {"draft", "submitted"}


def test_load_demo_season_2_plan_matches_the_laureates_milestones(loaded):
    plan = FollowUpPlan.objects.get(season__number=2)
    assert plan.steps.count() == 16
    assert plan.steps.filter(track="pre_acceleration").count() == 1
    # The demo's milestones carry the plan's titles: applying the plan adds nothing.
    for laureate in Laureate.objects.filter(slug__in=SEASON_2):
        assert followup.apply_plan(laureate) == [], laureate.slug
    assert Milestone.objects.count() == 62


def test_load_demo_umap_impact_indicators_with_real_first_figures(loaded):
    indicators = ImpactIndicator.objects.filter(laureate__slug="umap").order_by("position")
    assert [(i.name, i.unit, i.baseline, i.target) for i in indicators] == [
        ("Cartes créées avec uMap", "cartes", Decimal("950000"), Decimal("1200000")),
        ("Utilisateurs réguliers", "utilisateurs", Decimal("100000"), Decimal("120000")),
    ]
    first = [i.measurements.order_by("measured_on").first() for i in indicators]
    assert [(m.measured_on, m.value) for m in first] == [
        (dt.date(2023, 9, 1), Decimal("950000")),
        (dt.date(2023, 9, 1), Decimal("100000")),
    ]
    assert Measurement.objects.count() == 15


def test_demo_supports_are_closed_with_every_step_resolved(loaded):
    assert not Milestone.objects.open().exists()
    assert not Laureate.objects.filter(support_closed_on__isnull=True).exists()
    assert not Laureate.objects.exclude(support_closed_on=F("support_ends_on")).exists()
    assert Laureate.objects.to_close(dt.date(2026, 12, 4)).count() == 0
    not_counted = Milestone.objects.filter(status="cancelled").order_by("laureate__slug", "title")
    assert [(m.laureate.slug, m.title, bool(m.status_reason)) for m in not_counted] == [
        ("open-food-facts", "Appui à l'ouverture des données", True),
        ("pyronear", "Subvention — 2e tranche", True),
        ("umap", "Subvention — 2e tranche", True),
    ]
    summary = send_followup_reminders(dt.date(2024, 8, 26))
    assert (summary.emails, summary.milestones) == (0, 0)


def test_demo_umap_page_shows_its_closed_follow_up_and_impact_charts(client, demo):
    html = client.get("/laureats/umap/").content.decode()
    assert "11 étapes faites sur 11 ; 1 annulée." in html
    assert "Accompagnement terminé, clôturé le 31 août 2024." in html
    assert ">prévu</span>" not in html
    assert ">en cours</span>" not in html
    assert '<span class="fr-badge fr-badge--sm fr-badge--no-icon">annulé</span>' in html
    assert html.count("<polyline points=") == 2
    assert "Cartes créées avec uMap" in html
    assert "Utilisateurs réguliers" in html


def test_demo_board_as_of_mid_march_2024_shows_the_four_laureates_mid_year(admin_client, demo):
    response = admin_client.get("/admin/laureates/laureate/board/", {"as_of": "2024-03-15"})
    board = response.context["board"]
    season_2 = [row for row in board.rows if row.laureate.season.number == 2]
    assert [row.laureate.name for row in season_2] == [
        "Open Food Facts",
        "PrimTux",
        "Pyronear",
        "uMap",
    ]
    umap = next(row for row in season_2 if row.laureate.slug == "umap")
    # Statuses are today's (the supports are closed): the cancelled 2nd tranche counts
    # neither in the financial total nor in the amount granted.
    assert [(k.done, k.total) for k in umap.kinds] == [(6, 6), (4, 4), (4, 4), (1, 1)]
    assert (umap.overdue, umap.due_soon) == (0, 0)
    assert (umap.granted, umap.paid) == (Decimal("80000.00"), Decimal("80000.00"))


def test_load_demo_reviews_feed_the_scores_and_the_funnel(loaded):
    reviewed = Submission.objects.filter(reviews__isnull=False).distinct()
    assert sorted(set(reviewed.values_list("status", flat=True))) == [
        "in_review",
        "shortlisted",
        "waitlisted",
    ]
    in_review = Review.objects.filter(submission__status="in_review")
    applications = in_review.values("submission").distinct().count()
    # One reviewer done, the other not yet, on each; one of the latter declared a
    # conflict of interest and the application went to a third reviewer.
    assert Counter(review.state for review in in_review) == {
        "done": applications,
        "open": applications,
        "conflict": 1,
    }
    conflict = in_review.conflicts().get()
    assert (conflict.reviewer.username, conflict.replacement.reviewer.username) == (
        "evaluateur",
        "evaluatrice-relais",
    )
    deadlines = Call.objects.filter(review_deadline__isnull=False)
    assert sorted(deadlines.values_list("slug", flat=True)) == [
        "communs-ditp",
        "communs-numeriques-1re-releve",
        "communs-numeriques-2e-releve",
    ]
    assert Score.objects.filter(review__submitted_at__isnull=True).count() == 0
    scores = with_review_figures(Submission.objects.filter(status="shortlisted"))
    assert all(1 <= s.weighted_score <= 5 for s in scores)
    reviewer = get_user_model().objects.get(username="evaluatrice")
    assert list(reviewer.groups.values_list("name", flat=True)) == ["Évaluateur"]
    assert reviewer.check_password("demo")


def test_demo_tranches_and_support_of_umap_and_pyronear(admin_client, demo):
    from laureates.models import Tranche

    rows = Tranche.objects.order_by("laureate__name", "number").values_list(
        "laureate__slug", "number", "amount", "status", "released_on", "paid_on", "cancelled_on"
    )
    assert list(rows) == [
        ("pyronear", 1, Decimal("80000.00"), "paid", dt.date(2023, 9, 6), dt.date(2023, 10, 9),
         None),
        ("pyronear", 2, Decimal("60000.00"), "cancelled", None, None, dt.date(2024, 8, 31)),
        ("umap", 1, Decimal("80000.00"), "paid", dt.date(2023, 9, 10), dt.date(2023, 10, 8),
         None),
        ("umap", 2, Decimal("60000.00"), "cancelled", None, None, dt.date(2024, 8, 31)),
    ]  # fmt: skip
    board = admin_client.get("/admin/laureates/laureate/board/", {"as_of": "2024-03-15"}).context[
        "board"
    ]
    umap = next(row for row in board.rows if row.laureate.slug == "umap")
    assert (umap.granted, umap.released, umap.paid) == (Decimal("80000.00"),) * 3
    assert [(h.kind, h.given, h.planned) for h in umap.hours] == [
        ("methodological", Decimal("10.0"), Decimal("70.0")),
        ("technical", Decimal("14.0"), Decimal("105.0")),
        ("administrative", Decimal("3.5"), Decimal("35.0")),
        ("financial", Decimal("2.0"), Decimal("14.0")),
    ]
    assert board.ready_to_release == []


def test_load_demo_gives_every_call_the_season_2_form(loaded):
    forms = {
        call.slug: list(call.application_form.sections.values_list("key", flat=True))
        for call in Call.objects.select_related("application_form")
    }
    assert len(forms) == Call.objects.count() >= 3
    assert set(map(tuple, forms.values())) == {
        ("structure", "referents", "projet", "pieces-jointes", "autres")
    }
    assert {call.application_form.questions.count() for call in Call.objects.all()} == {42}


def test_demo_umap_six_month_review_accepted_and_the_second_tranche_tied_to_it(demo):
    reports = Report.objects.order_by("laureate__slug", "due_on").values_list(
        "laureate__slug", "kind", "due_on", "status"
    )
    assert list(reports) == [
        ("pyronear", "six_month", dt.date(2024, 3, 1), "draft"),
        ("pyronear", "final", dt.date(2024, 8, 31), "draft"),
        ("umap", "six_month", dt.date(2024, 3, 1), "accepted"),
        ("umap", "final", dt.date(2024, 8, 31), "draft"),
    ]
    review = Report.objects.get(laureate__slug="umap", kind="six_month")
    version = review.versions.get()
    assert (version.number, version.sent_by.name, len(version.questions)) == (1, "Yann Modèle", 4)
    second = Tranche.objects.get(laureate__slug="umap", number=2)
    assert (second.condition, second.report) == ("report_accepted", review)
    assert Tranche.objects.get(laureate__slug="pyronear", number=2).report is None


def test_every_demo_call_open_today_starts_with_its_eligibility_step(demo, client):
    """The demo's open calls run on their own forms (copies of the template), so an
    applicant meets the eligibility step first (issue 15)."""
    open_calls = list(Call.objects.open(timezone.now()).select_related("season"))
    assert [call.slug for call in open_calls] == ["appel-de-demonstration"]
    for call in open_calls:
        apply = f"/saisons/{call.season.slug}/appels/{call.slug}/candidater/"
        response = client.get(apply)
        assert (response.status_code, response["Location"]) == (302, apply + "eligibilite/")
        assert client.get(response["Location"]).status_code == 200
