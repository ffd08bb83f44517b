"""Support logged by kind, against the hours the season's plan foresees."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from laureates import support
from laureates.models import PlannedHours, SupportKind, SupportLog
from laureates.tests.factories import (
    FollowUpPlanFactory,
    LaureateFactory,
    MilestoneFactory,
    StaffUserFactory,
    SupportLogFactory,
)

pytestmark = pytest.mark.django_db


def test_hours_by_kind_against_the_season_plan():
    plan = FollowUpPlanFactory()
    PlannedHours.objects.create(plan=plan, kind=SupportKind.TECHNICAL, hours=Decimal("40"))
    PlannedHours.objects.create(plan=plan, kind=SupportKind.METHODOLOGICAL, hours=Decimal("20"))
    umap = LaureateFactory(season=plan.season)
    SupportLogFactory(laureate=umap, kind=SupportKind.TECHNICAL, hours=Decimal("7"))
    SupportLogFactory(laureate=umap, kind=SupportKind.TECHNICAL, hours=Decimal("3.5"))
    SupportLogFactory(laureate=umap, kind=SupportKind.FINANCIAL, hours=Decimal("2"))
    SupportLogFactory(kind=SupportKind.TECHNICAL, hours=Decimal("100"))  # another laureate
    assert [(k.kind, k.given, k.planned, k.percent) for k in support.hours_of(umap)] == [
        ("methodological", Decimal("0"), Decimal("20.0"), 0),
        ("technical", Decimal("10.5"), Decimal("40.0"), 26),
        ("administrative", Decimal("0"), Decimal("0"), 0),
        ("financial", Decimal("2.0"), Decimal("0"), 0),
    ]


def test_a_support_entry_names_someone_and_a_step_of_its_own_laureate():
    umap, pyronear = LaureateFactory(), LaureateFactory()
    entry = SupportLog(
        laureate=umap, given_on=dt.date(2023, 10, 2), kind=SupportKind.TECHNICAL,
        hours=Decimal("1.2"), milestone=MilestoneFactory(laureate=pyronear),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert error.value.message_dict == {
        "expert": ["Indiquez le membre de l’équipe ou l’expert extérieur qui l’a apporté."],
        "hours": ["Saisissez des heures par pas de 0,5 (une journée compte pour 7 heures)."],
        "milestone": ["Cette étape appartient à un autre lauréat."],
    }
    entry.staff_member = StaffUserFactory()
    entry.hours = Decimal("7")
    entry.milestone = MilestoneFactory(laureate=umap)
    entry.full_clean()


@pytest.mark.parametrize(
    "fields",
    [{"expert": ""}, {"hours": Decimal("0")}, {"hours": Decimal("500.5")}, {"kind": "other"}],
)
def test_database_refuses_an_inconsistent_support_entry(fields):
    values = {"laureate": LaureateFactory(), "given_on": dt.date(2023, 10, 2),
              "kind": SupportKind.TECHNICAL, "hours": Decimal("7"), "expert": "A. Expert",
              **fields}  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportLog.objects.create(**values)


def test_support_and_tranches_never_reach_public_pages_or_open_data(client):
    from django.urls import reverse

    from laureates.tests.factories import TrancheFactory

    laureate = LaureateFactory(name="uMap", slug="umap", season__published=True)
    SupportLogFactory(laureate=laureate, expert="Zorglub Expert", note="Note Zorglub",
                      hours=Decimal("123.5"))  # fmt: skip
    TrancheFactory(laureate=laureate, amount=Decimal("98765.43"),
                   committee_reference="Comité Zorglub")  # fmt: skip
    pages = [
        reverse("laureates:laureate_detail", args=["umap"]),
        reverse("laureates:laureate_list"),
        reverse("open_data:laureates_csv"),
        reverse("open_data:laureates_json"),
        reverse("open_data:laureates_feed"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (b"".join(response) if response.streaming else response.content).decode()
        assert "uMap" in body, url  # the laureate is there…
        for secret in ["Zorglub", "98765", "98\xa0765", "123,5", "123.5"]:
            assert secret not in body, (url, secret)  # …and nothing of its support
