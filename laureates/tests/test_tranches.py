"""Tranches: released only once their condition is met, paid after, cancelled with a
reason; the invariants hold in the database too."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accelerator.tests.concurrency import at_once
from laureates import tranches
from laureates.models import MilestoneStatus, Tranche, TrancheCondition
from laureates.tests.factories import MilestoneFactory, StaffUserFactory, TrancheFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2023, 10, 16)


def step_tranche(step_status=MilestoneStatus.PLANNED):
    step = MilestoneFactory(
        title="Revue à 6 mois",
        status=step_status,
        completed_on=DAY if step_status == MilestoneStatus.DONE else None,
        laureate__name="uMap",
    )
    return TrancheFactory(
        laureate=step.laureate, number=2, amount=Decimal("60000"),
        condition=TrancheCondition.STEP_DONE, milestone=step,
    )  # fmt: skip


def test_release_refused_while_its_step_is_not_done():
    tranche = step_tranche()
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.release(tranche, on=DAY)
    assert str(refusal.value) == (
        "Tranche 2 de uMap ne peut pas être débloquée : son étape « Revue à 6 mois » "
        "n’est pas faite."
    )
    tranche.refresh_from_db()
    assert (tranche.status, tranche.released_on) == ("planned", None)


def test_release_of_a_tranche_whose_step_is_done_records_date_user_and_history():
    tranche = step_tranche(MilestoneStatus.DONE)
    manager = StaffUserFactory(username="gestionnaire")
    tranches.release(tranche, by=manager, on=DAY)
    tranche.refresh_from_db()
    assert (tranche.status, tranche.released_on, tranche.paid_on) == ("released", DAY, None)
    latest = tranche.history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "released", manager, "débloquée",
    )  # fmt: skip


def test_committee_tranche_is_released_once_the_decision_is_recorded():
    tranche = TrancheFactory(laureate__name="Pyronear", number=1)
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.release(tranche, on=DAY)
    assert str(refusal.value) == (
        "Tranche 1 de Pyronear ne peut pas être débloquée : aucune décision de comité "
        "n’est enregistrée."
    )
    tranche.committee_decided_on = dt.date(2023, 10, 5)
    tranche.committee_reference = "Comité d'engagement du 5 octobre 2023"
    tranche.save()
    tranches.release(tranche, on=DAY)
    assert Tranche.objects.get().status == "released"


def test_release_twice_is_refused_with_the_current_state():
    tranche = step_tranche(MilestoneStatus.DONE)
    tranches.release(tranche, on=DAY)
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.release(tranche, on=DAY)
    assert (
        str(refusal.value)
        == "Tranche 2 de uMap ne peut pas être débloquée : elle est « débloquée »."
    )


def test_mark_paid_only_after_release_and_never_before_its_date():
    tranche = step_tranche(MilestoneStatus.DONE)
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.mark_paid(tranche, on=DAY)
    assert str(refusal.value) == (
        "Tranche 2 de uMap ne peut pas être marquée payée : elle est « prévue », pas débloquée."
    )
    tranches.release(tranche, on=DAY)
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.mark_paid(tranche, on=DAY - dt.timedelta(days=1))
    assert str(refusal.value) == (
        "Tranche 2 de uMap ne peut pas être payée avant son déblocage (2023-10-16)."
    )
    tranches.mark_paid(tranche, on=dt.date(2023, 11, 2))
    tranche.refresh_from_db()
    assert (tranche.status, tranche.released_on, tranche.paid_on) == (
        "paid", DAY, dt.date(2023, 11, 2),
    )  # fmt: skip
    assert [h.status for h in tranche.history.order_by("history_date")] == [
        "planned", "released", "paid",
    ]  # fmt: skip


def test_cancel_needs_a_reason_and_never_undoes_a_payment():
    tranche = TrancheFactory(laureate__name="uMap", number=2)
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.cancel(tranche, reason="  ", on=DAY)
    assert str(refusal.value) == "Tranche 2 de uMap : dites pourquoi elle est annulée."
    tranches.cancel(tranche, reason="Non versée avant la fin", on=DAY)
    tranche.refresh_from_db()
    assert (tranche.status, tranche.cancelled_on, tranche.status_reason) == (
        "cancelled", DAY, "Non versée avant la fin",
    )  # fmt: skip
    paid = Tranche.objects.create(
        laureate=tranche.laureate, number=1, amount=Decimal("80000"),
        condition=TrancheCondition.COMMITTEE_DECISION, committee_decided_on=DAY,
        status="paid", released_on=DAY, paid_on=DAY,
    )  # fmt: skip
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.cancel(paid, reason="Erreur", on=DAY)
    assert str(refusal.value) == "Tranche 1 de uMap ne peut pas être annulée : elle est « payée »."


def test_ready_to_release_lists_planned_tranches_whose_condition_is_met():
    waiting = step_tranche()
    ready = TrancheFactory(laureate=waiting.laureate, number=1, committee_decided_on=DAY)
    TrancheFactory(laureate=waiting.laureate, number=3)  # no decision yet
    released = TrancheFactory(laureate=waiting.laureate, number=4, committee_decided_on=DAY)
    tranches.release(released, on=DAY)
    assert list(Tranche.objects.ready_to_release()) == [ready]


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"amount": Decimal("0")}, "tranche_amount_positive"),
        ({"status": "paid", "released_on": DAY}, "tranche_paid_iff_payment_date"),
        ({"status": "paid", "paid_on": DAY}, "tranche_released_has_release_date"),
        ({"status": "released"}, "tranche_released_has_release_date"),
        ({"status": "paid", "released_on": DAY, "paid_on": DAY - dt.timedelta(days=1)},
         "tranche_paid_after_release"),
        ({"released_on": DAY}, "tranche_planned_not_released"),
        ({"condition": TrancheCondition.STEP_DONE}, "tranche_step_only_for_step_condition"),
        ({"status": "cancelled"}, "tranche_cancelled_iff_cancellation_date"),
        ({"status": "unknown"}, "tranche_status_valid"),
    ],
)  # fmt: skip
def test_database_refuses_an_inconsistent_tranche(fields, constraint):
    laureate = TrancheFactory(number=1).laureate
    values = {"laureate": laureate, "number": 2, "amount": Decimal("60000"),
              "condition": TrancheCondition.COMMITTEE_DECISION, **fields}  # fmt: skip
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Tranche.objects.create(**values)
    assert constraint in str(error.value) or "CHECK constraint failed" in str(error.value)


def test_database_refuses_two_tranches_of_the_same_order():
    tranche = TrancheFactory(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrancheFactory(laureate=tranche.laureate, number=1)


@pytest.mark.django_db(transaction=True)
def test_two_staff_releasing_at_once_leave_one_release_and_one_clear_refusal():
    tranche = step_tranche(MilestoneStatus.DONE)

    def release(mine):
        tranches.release(mine, on=DAY)
        return "released"

    copies = [Tranche.objects.get(pk=tranche.pk) for _ in range(2)]  # read before either acts
    outcomes = at_once(release, copies, refused=tranches.TrancheRefused)
    assert sorted(map(str, outcomes)) == [
        "Tranche 2 de uMap ne peut pas être débloquée : elle est « débloquée ».",
        "released",
    ]
    assert tranche.history.filter(status="released").count() == 1


def test_a_laureate_deleted_takes_its_tranches_but_a_tranche_keeps_its_step():
    from django.db.models import RestrictedError

    tranche = step_tranche(MilestoneStatus.DONE)
    with pytest.raises(RestrictedError):
        tranche.milestone.delete()
    tranche.laureate.delete()
    assert Tranche.objects.count() == 0
