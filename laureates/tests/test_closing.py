"""Closing a laureate's support: every open step resolved, then no page says otherwise."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accelerator.tests.staff import login_staff
from laureates import closing, followup
from laureates.closing import Resolution
from laureates.models import Laureate, MilestoneStatus, SupportKind
from laureates.tests.factories import FollowUpPlanStepFactory, LaureateFactory, MilestoneFactory
from laureates.tests.listing import listed_names

pytestmark = pytest.mark.django_db

LIST = reverse("laureates:laureate_list")
CLOSED_ON = dt.date(2024, 9, 10)


@pytest.fixture
def umap():
    """Support from 15 May 2023 to 14 May 2024; two steps still open, one done."""
    laureate = LaureateFactory(name="uMap", slug="umap")
    MilestoneFactory(laureate=laureate, title="Diagnostic", status=MilestoneStatus.DONE,
                     completed_on=dt.date(2023, 6, 20))  # fmt: skip
    MilestoneFactory(laureate=laureate, title="2e tranche", kind=SupportKind.FINANCIAL,
                     due_on=dt.date(2024, 4, 1), status=MilestoneStatus.IN_PROGRESS)  # fmt: skip
    MilestoneFactory(laureate=laureate, title="Comité de fin", due_on=dt.date(2024, 5, 14))
    return laureate


def step(laureate, title):
    return laureate.milestones.get(title=title)


def test_close_support_refused_while_steps_are_open_or_without_reason(umap):
    payment = step(umap, "2e tranche")
    with pytest.raises(closing.ClosingRefused) as refusal:
        closing.close_support(
            umap, {payment.pk: Resolution(MilestoneStatus.CANCELLED, "  ")}, on=CLOSED_ON
        )
    assert refusal.value.problems == [
        "« 2e tranche » : indiquez le motif de l’état « annulé ».",
        "« Comité de fin » est encore ouverte : indiquez si elle est faite, annulée ou reportée.",
    ]
    umap.refresh_from_db()
    assert umap.support_closed_on is None
    assert sorted(umap.milestones.open().values_list("title", flat=True)) == [
        "2e tranche", "Comité de fin",
    ]  # fmt: skip


def test_close_support_resolves_each_open_step_and_dates_the_closing(umap):
    payment, committee = step(umap, "2e tranche"), step(umap, "Comité de fin")
    resolved = closing.close_support(
        umap,
        {
            payment.pk: Resolution(MilestoneStatus.CARRIED_OVER, "Versée par la saison 3."),
            committee.pk: Resolution(MilestoneStatus.DONE, "", dt.date(2024, 5, 30)),
        },
        on=CLOSED_ON,
    )
    assert [m.title for m in resolved] == ["2e tranche", "Comité de fin"]
    rows = umap.milestones.order_by("title").values_list(
        "title", "status", "completed_on", "status_reason"
    )
    assert list(rows) == [
        ("2e tranche", "carried_over", None, "Versée par la saison 3."),
        ("Comité de fin", "done", dt.date(2024, 5, 30), ""),
        ("Diagnostic", "done", dt.date(2023, 6, 20), ""),
    ]
    assert Laureate.objects.get(pk=umap.pk).support_closed_on == CLOSED_ON

    with pytest.raises(closing.ClosingRefused) as again:
        closing.close_support(umap, {}, on=CLOSED_ON)
    assert again.value.problems == ["L’accompagnement de « uMap » est déjà clôturé (2024-09-10)."]
    with pytest.raises(followup.StatusChangeRefused) as reopen:
        followup.change_status(step(umap, "2e tranche"), MilestoneStatus.PLANNED)
    assert str(reopen.value) == (
        "« 2e tranche » ne peut pas être rouverte : l’accompagnement de son lauréat est clôturé."
    )
    FollowUpPlanStepFactory(plan__season=umap.season, title="Nouvelle étape")
    assert followup.apply_plan(umap) == []


def test_public_page_and_filter_agree_before_and_after_closing(client, umap, monkeypatch):
    monkeypatch.setattr(followup, "today", lambda now=None: dt.date(2024, 12, 1))
    html = client.get(umap.get_absolute_url()).content.decode()
    assert "Période d’accompagnement écoulée ; clôture de l’accompagnement en cours." in html
    assert "1 étape faite sur 3." in html
    assert listed_names(client.get(LIST, {"accompagnement": "financial"})) == ["uMap"]

    payment, committee = step(umap, "2e tranche"), step(umap, "Comité de fin")
    closing.close_support(
        umap,
        {
            payment.pk: Resolution(MilestoneStatus.CANCELLED, "Non versée."),
            committee.pk: Resolution(MilestoneStatus.DONE, completed_on=dt.date(2024, 5, 14)),
        },
        on=CLOSED_ON,
    )
    html = client.get(umap.get_absolute_url()).content.decode()
    assert "Accompagnement terminé, clôturé le 10 septembre 2024." in html
    assert '<rect width="100" height="8" fill="#000091"></rect>' in html
    assert "2 étapes faites sur 2 ; 1 annulée." in html
    assert ">prévu</span>" not in html and ">en cours</span>" not in html
    assert "Non versée." not in html  # the reason is for staff
    assert list(client.get(LIST, {"accompagnement": "financial"}).context["page_obj"]) == []


def test_board_lists_supports_to_close_with_a_link_to_close_them(admin_client, umap):
    LaureateFactory(name="Encore en cours", support_ends_on=dt.date(2024, 12, 31))
    LaureateFactory(name="Déjà clôturé", support_closed_on=dt.date(2024, 5, 20))
    board = reverse("admin:laureates_laureate_board")
    response = admin_client.get(board, {"as_of": "2024-06-01"})
    assert [laureate.name for laureate in response.context["board"].to_close] == ["uMap"]
    close_url = reverse("admin:laureates_laureate_close", args=[umap.pk])
    assert (
        f'<a href="{close_url}">Clôturer l’accompagnement de uMap (terminé le 14 mai 2024)</a>'
        in (response.content.decode())
    )
    assert [lt.name for lt in Laureate.objects.to_close(dt.date(2024, 6, 1))] == ["uMap"]


def test_admin_close_page_refuses_then_closes(client, umap):
    staff = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-staff-1")
    login_staff(client, staff)
    url = reverse("admin:laureates_laureate_close", args=[umap.pk])
    payment, committee = step(umap, "2e tranche"), step(umap, "Comité de fin")
    page = client.get(url).content.decode()
    assert f'name="status_{payment.pk}"' in page and f'name="reason_{committee.pk}"' in page

    refused = client.post(url, {"closed_on": "2024-09-10", f"status_{payment.pk}": "cancelled"})
    html = refused.content.decode()
    assert "« 2e tranche » : indiquez le motif de l’état « annulé »." in html
    assert "« Comité de fin » est encore ouverte" in html
    assert Laureate.objects.get(pk=umap.pk).support_closed_on is None

    response = client.post(
        url,
        {
            "closed_on": "2024-09-10",
            f"status_{payment.pk}": "cancelled",
            f"reason_{payment.pk}": "Non versée.",
            f"status_{committee.pk}": "done",
            f"completed_on_{committee.pk}": "2024-05-14",
        },
    )
    assert response["Location"] == reverse("admin:laureates_laureate_change", args=[umap.pk])
    assert Laureate.objects.get(pk=umap.pk).support_closed_on == CLOSED_ON
    assert list(umap.milestones.open()) == []


def test_close_action_takes_one_laureate_to_its_close_page(admin_client, umap):
    other = LaureateFactory()
    changelist = reverse("admin:laureates_laureate_changelist")
    response = admin_client.post(
        changelist, {"action": "close_support", "_selected_action": [umap.pk]}
    )
    assert response["Location"] == reverse("admin:laureates_laureate_close", args=[umap.pk])
    both = admin_client.post(
        changelist, {"action": "close_support", "_selected_action": [umap.pk, other.pk]},
        follow=True,
    )  # fmt: skip
    assert "Sélectionnez un seul lauréat à la fois" in both.content.decode()


def public_text(client, laureate):
    html = client.get(laureate.get_absolute_url()).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_page_of_a_support_closed_before_its_start_tells_no_contradiction(client):
    laureate = LaureateFactory(
        support_starts_on=dt.date(2027, 1, 4),
        support_ends_on=dt.date(2028, 1, 3),
        support_closed_on=dt.date(2026, 12, 4),
    )
    MilestoneFactory(laureate=laureate, title="Diagnostic", due_on=dt.date(2027, 1, 4),
                     status=MilestoneStatus.DONE, completed_on=dt.date(2026, 11, 20))  # fmt: skip
    for n in range(13):
        MilestoneFactory(laureate=laureate, title=f"Atelier {n}", due_on=dt.date(2027, 2, 1),
                         status=MilestoneStatus.CANCELLED)  # fmt: skip
    MilestoneFactory(laureate=laureate, title="Bilan", due_on=dt.date(2027, 12, 1),
                     status=MilestoneStatus.CARRIED_OVER)  # fmt: skip
    text = public_text(client, laureate)
    assert (
        "Prévu à partir du 4 janvier 2027, clôturé le 4 décembre 2026 avant d’avoir commencé."
        in text
    )
    assert "3 janvier 2028" not in text
    assert "1 étape faite sur 1 ; 13 annulées ; 1 reportée après le programme." in text
    assert "1 faite sur 1 ; 13 annulées ; 1 reportée après le programme" in text
    assert "Diagnostic — faite le 20 novembre 2026" in text
    assert "/ 1" not in text


def test_page_of_a_support_closed_before_its_planned_end_ends_at_the_closing(client):
    laureate = LaureateFactory(
        support_starts_on=dt.date(2026, 1, 5),
        support_ends_on=dt.date(2027, 1, 4),
        support_closed_on=dt.date(2026, 12, 4),
    )
    text = public_text(client, laureate)
    assert "Du 5 janvier 2026 au 4 décembre 2026, clôturé avant la fin prévue." in text
    assert "4 janvier 2027" not in text
