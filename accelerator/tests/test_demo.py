"""The demonstration data: what `load_demo` loads, and that loading again changes nothing."""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from accelerator.tests.demo_snapshot import demo_data
from laureates import followup
from laureates.models import (
    Domain,
    FollowUpPlan,
    ImpactIndicator,
    Laureate,
    Measurement,
    Milestone,
    SupportKind,
)
from laureates.reminders import send_followup_reminders
from seasons.models import Call, CallState, Referent, Review, Score, Season, Submission
from seasons.selection.reviewing import with_review_figures

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2025, 3, 10)
SEASON_2 = {"open-food-facts", "primtux", "umap", "pyronear"}
LAUREATE_NAMES = {
    "Infoclimat",
    "Ma Dada",
    "Open Data University",
    "Parlons Démocratie",
    "Permis de construire",
    "SNU augmenté",
    "Sport Inclusif",
    "Vikidia",
    "Vivons en Forme",
    "Open Food Facts",
    "PrimTux",
    "uMap",
    "Pyronear",
}
ACCOUNT_LINE = (
    "Compte de démonstration : http://127.0.0.1:8000/admin/ — identifiant demo, mot de passe demo"
)


def load(today=TODAY):
    out = StringIO()
    call_command("load_demo", today=today, stdout=out)
    return out.getvalue().splitlines()


# Every table the load writes, and the users'.
WRITTEN_TABLES = [
    "seasons.Season",
    "seasons.Call",
    "laureates.Domain",
    "laureates.Laureate",
    "laureates.Laureate_domains",
    "laureates.Milestone",
    "laureates.FollowUpPlan",
    "laureates.FollowUpPlanStep",
    "laureates.ImpactIndicator",
    "laureates.Measurement",
    "seasons.Submission",
    "seasons.Referent",
    "seasons.Review",
    "seasons.Score",
    "seasons.CommitteeSession",
    "seasons.DocketItem",
]


def snapshot():
    """Every row of every table the load writes, in a stable order."""
    tables = [*(apps.get_model(label) for label in WRITTEN_TABLES), get_user_model()]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in tables}


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def loaded(debug):
    """What `load_demo --today 2025-03-10` loads (once per session: demo_snapshot)."""
    demo_data(today=TODAY)


def test_load_demo_prints_counts_and_account(debug, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    lines = load()
    # 8 more rows than before the teams' space: 3 team members and 5 updates; 13 more for
    # the committee: 5 jurors, 2 sessions, 6 items of the first jury's docket.
    assert lines[:2] == [
        "Données de démonstration : 2 saisons, 5 appels, 13 lauréats, 62 jalons, "
        "36 candidatures (créations : 397, modifications : 0).",
        ACCOUNT_LINE,
    ]
    assert re.fullmatch(
        r"Espace lauréat de uMap \(Yann Modèle\) : "
        r"http://127\.0\.0\.1:8000/espace-laureat/connexion/[A-Za-z0-9_-]{43}/ "
        r"— lien valable 20 minutes, une fois ; relancez load_demo pour un autre\.",
        lines[2],
    )
    assert len(lines) == 3


def test_load_demo_seasons_and_laureates(loaded):
    assert list(Season.objects.order_by("number").values_list("slug", "year", "published")) == [
        ("saison-1", 2022, True),
        ("saison-2", 2023, True),
    ]
    assert Laureate.objects.published().count() == 13
    assert set(Laureate.objects.values_list("name", flat=True)) == LAUREATE_NAMES


def test_load_demo_calls_with_one_open_demo_call(loaded):
    assert Call.objects.count() == 5
    demo = Call.objects.get(is_demo=True)
    assert demo.slug == "appel-de-demonstration"
    assert demo.state_at(dt.datetime.combine(TODAY, dt.time(12), tzinfo=PARIS)) == CallState.OPEN


def test_demo_call_closes_at_noon_paris(loaded):
    demo = Call.objects.get(is_demo=True)
    assert demo.closes_at.astimezone(PARIS) == dt.datetime(2025, 5, 9, 12, tzinfo=PARIS)
    assert demo.opens_at.astimezone(PARIS) == dt.datetime(2025, 3, 3, 0, tzinfo=PARIS)


def test_demo_call_open_now_with_default_today(debug):
    call_command("load_demo", stdout=StringIO())
    assert Call.objects.filter(is_demo=True).open().count() == 1


def test_real_call_deadlines_are_paris_time(loaded):
    second = Call.objects.get(slug="communs-numeriques-2e-releve")
    assert second.closes_at.astimezone(PARIS) == dt.datetime(2023, 9, 8, 12, tzinfo=PARIS)
    ditp = Call.objects.get(slug="communs-ditp")
    assert ditp.closes_at.astimezone(PARIS) == dt.datetime(2023, 5, 29, 23, 59, tzinfo=PARIS)


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


def test_load_demo_rows_pass_model_validation(loaded):
    for model in [Season, Call, Domain, Laureate, Milestone, Submission, Referent]:
        for obj in model.objects.all():
            obj.full_clean()


def test_load_demo_twice_changes_nothing(loaded):
    before = snapshot()
    lines = load()
    assert snapshot() == before
    assert lines[0].endswith("(créations : 0, modifications : 0).")


def test_load_demo_later_only_moves_the_demo_call(loaded):
    before = snapshot()
    lines = load(TODAY + dt.timedelta(days=30))
    after = snapshot()
    assert {label: rows for label, rows in after.items() if label != "seasons.Call"} == {
        label: rows for label, rows in before.items() if label != "seasons.Call"
    }
    differences = {
        (old["slug"], key)
        for old, new in zip(before["seasons.Call"], after["seasons.Call"], strict=True)
        for key in old
        if old[key] != new[key]
    }
    assert differences == {
        ("appel-de-demonstration", "opens_at"),
        ("appel-de-demonstration", "closes_at"),
        ("appel-de-demonstration", "updated_at"),
    }
    assert lines[0].endswith("(créations : 0, modifications : 1).")


def test_load_demo_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refusal:
        call_command("load_demo", stdout=StringIO())
    assert str(refusal.value) == (
        "load_demo remplit la base avec des données de démonstration : "
        "il ne s'exécute qu'avec DEBUG activé."
    )
    assert Season.objects.count() == 0
    assert Submission.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_account_line_uses_port(debug, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    assert load()[1] == ACCOUNT_LINE.replace(":8000/", ":8123/")


def test_demo_account_can_log_in_as_staff(loaded, client):
    assert client.login(username="demo", password="demo") is True
    user = get_user_model().objects.get(username="demo")
    assert (user.is_staff, user.is_superuser, user.get_full_name()) == (True, True, "Camille Démo")


def test_demo_account_password_restored_when_changed(loaded):
    user = get_user_model().objects.get(username="demo")
    user.set_password("autre chose")
    user.save()
    lines = load()
    user.refresh_from_db()
    assert user.check_password("demo") is True
    assert lines[0].endswith("(créations : 0, modifications : 1).")


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


def test_demo_umap_six_month_review_accepted_and_the_second_tranche_tied_to_it(demo):
    from laureates.models import Report, Tranche

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
