"""The reports' state changes (`laureates.reports`): scheduling, drafts, sending, review,
the versions kept, the constraints and two staff accepting at once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accelerator.tests.concurrency import both_managers_try
from laureates import followup, reports, tranches
from laureates.models import Report, ReportComment, ReportStatus, ReportVersion, TrancheCondition
from laureates.tests.factories import (
    FollowUpPlanFactory,
    LaureateFactory,
    ReportFactory,
    ReportQuestionFactory,
    TeamMemberFactory,
    TrancheFactory,
)
from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.test_review import member_of

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2023, 11, 10, 9, 0, tzinfo=dt.UTC)


def six_month_report(name="uMap"):
    """A member of `name` and its 6-month review, whose plan asks two questions."""
    laureate = LaureateFactory(name=name)
    plan = FollowUpPlanFactory(season=laureate.season)
    ReportQuestionFactory(plan=plan, key="bilan", label_fr="Bilan des six mois")
    ReportQuestionFactory(plan=plan, key="usagers", label_fr="Nombre d’usagers", type="number")
    followup.apply_plan(laureate)
    return TeamMemberFactory(laureate=laureate, name="Camille"), laureate.reports.get()


def sent(member, report, answers=None):
    answers = answers or {"bilan": "Tout avance.", "usagers": "1200"}
    return reports.send(report, member, answers, reports.questions_of(report), now=NOW)


def test_applying_the_plan_schedules_the_reports_it_has_questions_for():
    member, _report = six_month_report()
    laureate = member.laureate
    ReportQuestionFactory(plan=laureate.season.followup_plan, report_kind="final", key="fin")
    assert reports.schedule_reports(laureate) == ["final"]
    assert reports.schedule_reports(laureate) == []
    assert list(laureate.reports.values_list("kind", "due_on", "status")) == [
        ("six_month", dt.date(2023, 11, 15), "draft"),
        ("final", dt.date(2024, 5, 14), "draft"),
    ]


def test_a_season_without_report_questions_schedules_no_report():
    laureate = LaureateFactory()
    FollowUpPlanFactory(season=laureate.season)
    followup.apply_plan(laureate)
    assert laureate.reports.count() == 0


def test_draft_then_send_keeps_a_version_with_the_questions_as_sent():
    member, report = six_month_report()
    reports.save_draft(report, member, {"bilan": "Début"})
    assert Report.objects.get().answers == {"bilan": "Début"}
    sent(member, report)
    version = ReportVersion.objects.get()
    assert (version.number, version.answers, version.sent_by, version.sent_at) == (
        1,
        {"bilan": "Tout avance.", "usagers": "1200"},
        member,
        NOW,
    )
    assert version.questions == [
        {"key": "bilan", "label": "Bilan des six mois", "type": "long_text"},
        {"key": "usagers", "label": "Nombre d’usagers", "type": "number"},
    ]
    assert (report.status, report.sent_at) == ("sent", NOW)
    with pytest.raises(ValueError):
        version.save()


def test_a_sent_report_cannot_be_changed_by_the_team():
    member, report = six_month_report()
    sent(member, report)
    with pytest.raises(reports.ReportRefused) as refusal:
        reports.save_draft(report, member, {"bilan": "Autre"})
    assert str(refusal.value) == (
        "Le rapport « revue à 6 mois » de uMap ne peut plus être modifié : "
        "il est envoyé, en attente d’examen."
    )


def test_a_report_without_questions_cannot_be_sent():
    report = ReportFactory(laureate__name="uMap")
    member = TeamMemberFactory(laureate=report.laureate)
    with pytest.raises(reports.ReportRefused) as refusal:
        reports.send(report, member, {}, [])
    assert str(refusal.value) == "Le programme n’a pas encore rédigé les questions de ce rapport."
    assert Report.objects.get().status == "draft"


def test_another_laureates_member_is_refused():
    _member, report = six_month_report()
    stranger = TeamMemberFactory(laureate=LaureateFactory(name="Pyronear"))
    with pytest.raises(reports.ReportRefused):
        reports.save_draft(report, stranger, {"bilan": "Intrus"})
    with pytest.raises(reports.ReportRefused):
        sent(stranger, report)
    assert Report.objects.get().answers == {}


def test_changes_requested_on_questions_then_sent_again_then_accepted():
    member, report = six_month_report()
    manager = member_of(PROGRAM_MANAGER, "responsable")
    sent(member, report)
    reports.request_changes(report, manager, {"bilan": " Précisez les usages. ", "usagers": ""})
    assert report.status == "changes_requested"
    comment = ReportComment.objects.get()
    assert (comment.version.number, comment.question_key, comment.text, comment.author) == (
        1,
        "bilan",
        "Précisez les usages.",
        manager,
    )
    with pytest.raises(ValueError):
        comment.save()
    sent(member, report, {"bilan": "Tout avance, 40 communes.", "usagers": "1200"})
    reports.accept(report, manager, now=NOW)
    stored = Report.objects.get()
    assert (stored.status, stored.accepted_at, stored.accepted_by) == ("accepted", NOW, manager)
    assert list(stored.versions.values_list("number", "answers__bilan")) == [
        (2, "Tout avance, 40 communes."),
        (1, "Tout avance."),
    ]
    assert [h.status for h in stored.history.order_by("history_id")] == [
        "draft",
        "sent",
        "changes_requested",
        "sent",
        "accepted",
    ]


def test_review_needs_a_sent_report_and_a_comment_on_its_questions():
    member, report = six_month_report()
    manager = member_of(PROGRAM_MANAGER, "responsable")
    with pytest.raises(reports.ReportRefused) as refusal:
        reports.accept(report, manager)
    assert str(refusal.value) == (
        "Le rapport « revue à 6 mois » de uMap ne peut pas être accepté : il est brouillon."
    )
    sent(member, report)
    with pytest.raises(reports.ReportRefused) as refusal:
        reports.request_changes(report, manager, {"bilan": "  "})
    assert str(refusal.value) == ("Dites sur au moins une question ce que l’équipe doit changer.")
    with pytest.raises(reports.ReportRefused) as refusal:
        reports.request_changes(report, manager, {"inconnue": "Quoi ?"})
    assert str(refusal.value) == ("Ces questions ne sont pas dans la version envoyée : inconnue.")
    assert Report.objects.get().status == "sent"


def test_constraints_hold_in_the_database():
    report = ReportFactory()
    for values in ({"status": "sent"}, {"status": "accepted"}, {"status": "nope"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Report.objects.filter(pk=report.pk).update(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(laureate=report.laureate)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportVersion.objects.create(report=report, number=0, sent_at=NOW)


def test_a_tranche_tied_to_a_report_is_released_once_it_is_accepted():
    member, report = six_month_report()
    tranche = TrancheFactory(
        laureate=member.laureate, number=2, condition=TrancheCondition.REPORT_ACCEPTED,
        report=report,
    )  # fmt: skip
    with pytest.raises(tranches.TrancheRefused) as refusal:
        tranches.release(tranche, on=dt.date(2023, 11, 20))
    assert str(refusal.value) == (
        "Tranche 2 de uMap ne peut pas être débloquée : son rapport « revue à 6 mois » "
        "n’est pas accepté."
    )
    sent(member, report)
    reports.accept(report, member_of(PROGRAM_MANAGER, "responsable"))
    assert list(member.laureate.tranches.ready_to_release()) == [tranche]
    tranches.release(tranche, on=dt.date(2023, 11, 20))
    assert member.laureate.tranches.get().status == "released"


def test_a_report_tranche_names_its_report_and_only_it_does():
    report = ReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrancheFactory(laureate=report.laureate, condition=TrancheCondition.REPORT_ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrancheFactory(laureate=report.laureate, report=report)


@pytest.mark.django_db(transaction=True)
def test_two_staff_accepting_at_once_leave_one_result():
    member, report = six_month_report()
    sent(member, report)

    assert both_managers_try(reports.accept, report, refused=reports.ReportRefused) == [
        "Le rapport « revue à 6 mois » de uMap ne peut pas être accepté : il est accepté.",
        "done",
    ]
    assert Report.history.filter(id=report.pk, status=ReportStatus.ACCEPTED).count() == 1


def test_answers_are_stored_as_text_and_read_back_in_words():
    cleaned = {
        "jour": dt.date(2024, 3, 1), "oui": True, "non": False, "entier": 12,
        "montant": Decimal("3.50"), "texte": "Bien", "vide": "", "absent": None,
    }  # fmt: skip
    assert reports.stored_answers(cleaned) == {
        "jour": "2024-03-01", "oui": "True", "non": "False", "entier": "12",
        "montant": "3.50", "texte": "Bien",
    }  # fmt: skip
    assert [
        reports.answer_text("yes_no", "True"),
        reports.answer_text("yes_no", "False"),
        reports.answer_text("long_text", ""),
        reports.answer_text("number", "12"),
    ] == ["Oui", "Non", "—", "12"]


def test_a_tranche_names_a_report_of_its_own_laureate():
    report = ReportFactory()
    other = LaureateFactory(name="Pyronear")
    cases = [
        (TrancheFactory.build(laureate=other, condition=TrancheCondition.REPORT_ACCEPTED),
         "Choisissez le rapport dont l’acceptation débloque cette tranche."),
        (TrancheFactory.build(laureate=report.laureate, report=report),
         "Seule une tranche débloquée par un rapport accepté désigne un rapport."),
        (TrancheFactory.build(laureate=other, condition=TrancheCondition.REPORT_ACCEPTED,
                              report=report),
         "Ce rapport appartient à un autre lauréat."),
    ]  # fmt: skip
    for tranche, message in cases:
        with pytest.raises(ValidationError) as error:
            tranche.full_clean()
        assert error.value.message_dict["report"] == [message]
