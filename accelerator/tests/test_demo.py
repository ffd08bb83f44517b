"""The demonstration loader: what `load_demo` prints and refuses, the seasons and calls it
loads, and that loading again changes nothing (what the demo holds: test_demo_content.py)."""

import datetime as dt
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accelerator.tests.demo_snapshot import demo_data
from laureates.models import Domain, Laureate, Milestone
from seasons.models import Call, CallState, Referent, Season, Submission

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2025, 3, 10)
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
    # the committee: 5 jurors, 2 sessions, 6 items of the first jury's docket; 5 more for
    # its declined application: its docket item and 4 feedback texts.
    assert lines[:2] == [
        "Données de démonstration : 2 saisons, 5 appels, 13 lauréats, 62 jalons, "
        "36 candidatures (créations : 402, modifications : 0).",
        ACCOUNT_LINE,
    ]
    assert re.fullmatch(
        r"Espace lauréat de uMap \(Yann Modèle\) : "
        r"http://127\.0\.0\.1:8000/espace-laureat/connexion/[A-Za-z0-9_-]{43}/ "
        r"— lien valable 20 minutes, une fois ; relancez load_demo pour un autre\.",
        lines[2],
    )
    assert re.fullmatch(
        r"Juré de démonstration \(Hélène Martin\) : "
        r"http://127\.0\.0\.1:8000/jury/connexion/[A-Za-z0-9_-]{43}/ "
        r"— lien valable 20 minutes, une fois ; relancez load_demo pour un autre\.",
        lines[3],
    )
    assert len(lines) == 4


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
