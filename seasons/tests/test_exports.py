"""Exports ready for a jury meeting: the files are opened as a spreadsheet would."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accelerator.tests.staff import login_staff
from seasons.models import Criterion, SubmissionStatus
from seasons.selection import reviewing
from seasons.selection.roles import PROGRAM_MANAGER, REVIEWER
from seasons.tests.application_helpers import (
    apply_url,
    complete_files,
    start,
)
from seasons.tests.factories import CallFactory, ReviewFactory, StaffUserFactory, SubmissionFactory
from seasons.tests.own_form_helpers import call_with_form, own_form_answers, with_team_size

pytestmark = pytest.mark.django_db

S = SubmissionStatus


def staff(client, username, role):
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    login_staff(client, user)
    return user


def export(client, file_format):
    response = client.get(reverse("admin:seasons_submission_export", args=[file_format]))
    assert response.status_code == 200
    return response.content


def review(submission, reviewer, *, scores=None, comment="", conflict=False, details="", submit):
    assigned = ReviewFactory(submission=submission, reviewer=reviewer)
    by_pk = {c.title: c.pk for c in submission.call.criteria.all()}
    reviewing.save_review(
        assigned,
        conflict_of_interest=conflict,
        conflict_details=details,
        scores={by_pk[title]: value for title, value in (scores or {}).items()},
        comment=comment,
        submit=submit,
    )


@pytest.fixture
def reviewed():
    """One application of a call scored on two criteria (Impact weighs twice): two
    submitted reviews, a declared conflict and a review still in progress."""
    call = CallFactory(title="Appel aux communs")
    call.criteria.all().delete()
    Criterion.objects.create(call=call, position=1, title="Impact", weight=Decimal("2"))
    Criterion.objects.create(call=call, position=2, title="Gouvernance", weight=Decimal("1"))
    submission = SubmissionFactory(call=call, status=S.IN_REVIEW, organisation_name="Les Communs")
    ana = StaffUserFactory(username="ana", first_name="Ana", last_name="Lima")
    bruno = StaffUserFactory(username="bruno")
    carla = StaffUserFactory(username="carla")
    dora = StaffUserFactory(username="dora")
    review(submission, ana, scores={"Impact": 4, "Gouvernance": 3}, comment="Solide", submit=True)
    review(
        submission, bruno, scores={"Impact": 3, "Gouvernance": 5},
        comment="=Équipe fragile", submit=True,
    )  # fmt: skip
    review(submission, carla, conflict=True, details="Ancienne salariée", submit=True)
    review(submission, dora, scores={"Impact": 0}, comment="Brouillon", submit=False)
    return submission


JURY_HEADER = [
    "Évaluations faites / attribuées",
    "Note pondérée",
    "Note normalisée",
    "Moyenne : Impact",
    "Moyenne : Gouvernance",
    "Commentaires des évaluateurs",
    "Conflits d’intérêts",
]


def test_csv_export_has_french_decimal_commas_averages_comments_and_conflicts(client, reviewed):
    staff(client, "responsable", PROGRAM_MANAGER)
    content = export(client, "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    header, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert header[-7:] == JURY_HEADER
    assert row[-7:] == [
        # The conflict is apart from the reviews that count: 2 done of 3.
        "2/3 · 1 conflit d’intérêts",
        # (4×2 + 3 + 3×2 + 5) / 6 = 3.666…; the conflict and the draft count for nothing.
        "3,67",
        # Each reviewer has a single review here: no scale to measure, no normalised score.
        "",
        "3,50",
        "4,00",
        "Ana Lima : Solide\nbruno : =Équipe fragile",
        "carla : Ancienne salariée",
    ]
    cells = dict(zip(header, row, strict=True))
    assert cells["Déposée le"] == "01/05/2023 10:00"
    assert cells["Appel"] == "Appel aux communs"


def test_xlsx_export_has_real_dates_rounded_scores_a_frozen_header_and_filters(client, reviewed):
    staff(client, "responsable", PROGRAM_MANAGER)
    sheet = load_workbook(io.BytesIO(export(client, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    assert header[-7:] == JURY_HEADER
    assert sheet.freeze_panes == "A2"
    last = sheet.cell(2, len(header)).coordinate
    assert sheet.auto_filter.ref == sheet.dimensions == f"A1:{last}"
    row = {name: sheet.cell(2, index + 1) for index, name in enumerate(header)}
    date = row["Déposée le"]
    assert (date.value, date.number_format) == (dt.datetime(2023, 5, 1, 10, 0), "dd/mm/yyyy hh:mm")
    scores = [row[name] for name in JURY_HEADER[1:5]]
    assert [(c.value, c.data_type, c.number_format) for c in scores] == [
        (3.67, "n", "0.00"),
        (None, "inlineStr", "General"),  # left empty, as a missing weighted score
        (3.5, "n", "0.00"),
        (4, "n", "0.00"),
    ]
    assert row["Commentaires des évaluateurs"].value == "Ana Lima : Solide\nbruno : =Équipe fragile"
    assert row["Conflits d’intérêts"].value == "carla : Ancienne salariée"


def test_xlsx_export_of_an_application_without_reviews_leaves_its_scores_empty(client):
    SubmissionFactory(status=S.SUBMITTED)
    staff(client, "responsable", PROGRAM_MANAGER)
    sheet = load_workbook(io.BytesIO(export(client, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    # The factory's call has the default rubric: its five criteria are columns.
    assert [name for name in header if name.startswith("Moyenne : ")] == [
        "Moyenne : Intérêt général et ressource commune",
        "Moyenne : Impact",
        "Moyenne : Maturité et structuration",
        "Moyenne : Porteur juridique",
        "Moyenne : Gouvernance partagée",
    ]
    assert [row[name] for name in header[-10:]] == ["0/0"] + [None] * 9


def test_a_reviewers_export_has_no_scores_comments_or_conflicts_of_others(client, reviewed):
    reviewer = staff(client, "evaluatrice", REVIEWER)
    ReviewFactory(submission=reviewed, reviewer=reviewer)
    header, row = list(
        csv.reader(io.StringIO(export(client, "csv").decode("utf-8-sig")), delimiter=";")
    )
    assert header[-1] == "Évaluations faites / attribuées"
    assert not {"Note pondérée", "Commentaires des évaluateurs", "Conflits d’intérêts"} & set(
        header
    )
    assert "Solide" not in row and row[-1] == "2/4 · 1 conflit d’intérêts"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_costs_the_same_queries_with_one_application_and_with_many(
    client, reviewed, file_format
):
    staff(client, "responsable", PROGRAM_MANAGER)

    def count():
        with CaptureQueriesContext(connection) as queries:
            export(client, file_format)
        return len(queries)

    # 3 for the session, user and OTP device, 2 for the rights (the changelist's filters'
    # choices and total kept: accelerator.admin_filters, admin_counts), then the calls'
    # questions, whether a call has no form of its own, the criteria's titles, the calls'
    # reviews for the normalised scores, the rows, their referents, reviews (with
    # reviewers), scores and their criteria
    count()  # the filters' choices and the total, read once and kept
    first = count()
    for n, submission in enumerate(SubmissionFactory.create_batch(4, call=reviewed.call)):
        review(submission, StaffUserFactory(username=f"jure{n}"), comment="Bien", submit=False)
    count()  # the total, counted again once: applications were added
    assert (first, count()) == (14, 14)


def test_an_export_has_a_column_per_question_of_the_calls_forms(client, post):
    """Two calls with their own forms, one of them with an extra question: their shared
    questions share a column, the extra one is empty for the other call's application."""
    first = call_with_form(title="Premier appel")
    second = with_team_size(call_with_form(title="Second appel"))
    for call, extra in [(first, {}), (second, {"team_size": "7"})]:
        answers = own_form_answers(organisation_name=f"Asso du {call.title}", **extra)
        post(apply_url(call), start(client, call), "send", answers, complete_files())
    staff(client, "responsable", PROGRAM_MANAGER)
    lines = list(csv.reader(io.StringIO(export(client, "csv").decode("utf-8-sig")), delimiter=";"))
    header = lines[0]
    assert header[:6] == [
        "Référence", "Appel", "Statut", "Déposée le",
        "Votre adresse électronique", "Nom de la structure",
    ]  # fmt: skip
    assert header.count("Nom de la structure") == 1
    assert "Référent 1" not in header  # the season-2 columns: no call here lacks a form
    assert header[header.index("Taille de l’équipe") + 1] == "Évaluations faites / attribuées"
    by_call = {row[1]: dict(zip(header, row, strict=True)) for row in lines[1:]}
    assert by_call["Premier appel"]["Nom de la structure"] == "Asso du Premier appel"
    assert by_call["Second appel"]["Taille de l’équipe"] == "7"
    assert by_call["Premier appel"]["Taille de l’équipe"] == ""
    assert by_call["Second appel"]["Référents"] == (
        "Camille, Durand, camille.durand@asso-exemple.org, 01 23 45 67 89, Présidente"
    )
    assert by_call["Second appel"]["Type de structure"] == "association"
    assert (
        by_call["Second appel"]["La structure a-t-elle une activité économique rémunérée ?"]
        == "non"
    )
    assert by_call["Second appel"]["Statuts"] == "statuts.pdf"
    assert by_call["Second appel"]["Valeur de départ"] == "12,00"


def sent_and_draft():
    """A sent application and a draft of the same call, with choice answers."""
    call = CallFactory(title="Appel aux communs")
    SubmissionFactory(
        call=call, reference="AIC-2023-0007", organisation_name="Les Communs",
        project_name="Cartes libres", organisation_type="public_administration",
        commons_nature="non_digital", heard_about="word_of_mouth",
    )  # fmt: skip
    SubmissionFactory(
        call=call, status=S.DRAFT, reference="", submitted_at=None,
        organisation_name="Brouillon en cours", organisation_type="company",
    )  # fmt: skip


CHOICE_COLUMNS = ["Référence", "Statut", "Nom de la structure", "Type de structure"]
NATURE, HEARD_ABOUT = "Nature du projet", "Comment avez-vous connu l’appel ?"


def test_a_csv_export_holds_only_sent_applications_with_choices_in_words(client):
    sent_and_draft()
    staff(client, "responsable", PROGRAM_MANAGER)
    header, *lines = list(
        csv.reader(io.StringIO(export(client, "csv").decode("utf-8-sig")), delimiter=";")
    )
    rows = [dict(zip(header, line, strict=True)) for line in lines]
    assert [[row[name] for name in CHOICE_COLUMNS] for row in rows] == [
        ["AIC-2023-0007", "déposée", "Les Communs", "administration publique"],
    ]
    assert [rows[0][name] for name in (NATURE, HEARD_ABOUT)] == [
        "commun dont la dimension numérique n’est pas centrale",
        "le bouche-à-oreille",
    ]


def test_an_xlsx_export_holds_only_sent_applications_with_choices_in_words(client):
    sent_and_draft()
    staff(client, "responsable", PROGRAM_MANAGER)
    sheet = load_workbook(io.BytesIO(export(client, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    lines = sheet.iter_rows(min_row=2, values_only=True)
    rows = [dict(zip(header, line, strict=True)) for line in lines]
    assert [[row[name] for name in CHOICE_COLUMNS] for row in rows] == [
        ["AIC-2023-0007", "déposée", "Les Communs", "administration publique"],
    ]


@pytest.fixture
def calibrated():
    """Four applications of a one-criterion call: Ana scores 5, 2, 2 (mean 3, spread √2),
    Bruno 4 and 1 (mean 2.5, spread 1.5), Carla once (no scale to measure)."""
    call = CallFactory(title="Appel calibré")
    call.criteria.all().delete()
    Criterion.objects.create(call=call, position=1, title="Impact", weight=Decimal("1"))
    first, second, third, fourth = (
        SubmissionFactory(call=call, status=S.IN_REVIEW, reference=f"AIC-2024-000{n}")
        for n in range(1, 5)
    )
    ana, bruno, carla = (StaffUserFactory(username=name) for name in ("ana", "bruno", "carla"))
    for submission, reviewer, value in [
        (first, ana, 5), (second, ana, 2), (third, ana, 2),
        (second, bruno, 4), (third, bruno, 1),
        (fourth, carla, 3),
    ]:  # fmt: skip
        review(submission, reviewer, scores={"Impact": value}, submit=True)
    third.status = S.SHORTLISTED
    third.save()
    return call


def normalised_column(client, query=""):
    response = client.get(reverse("admin:seasons_submission_export", args=["csv"]) + query)
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    index = header.index("Note normalisée")
    assert header[index - 1] == "Note pondérée"
    return {row[0]: (row[index - 1], row[index]) for row in rows}


def test_the_export_gives_the_normalised_score_beside_the_weighted_one(client, calibrated):
    staff(client, "responsable", PROGRAM_MANAGER)
    # First: Ana's z = 2/√2 = 1.414…; second: (−1/√2 + 1) / 2 = 0.146…; third:
    # (−1/√2 − 1) / 2 = −0.853…; fourth: Carla's single review has no scale.
    assert normalised_column(client) == {
        "AIC-2024-0001": ("5,00", "1,41"),
        "AIC-2024-0002": ("3,00", "0,15"),
        "AIC-2024-0003": ("1,50", "-0,85"),
        "AIC-2024-0004": ("3,00", ""),
    }
    # Filtered, the scales are still read from the whole call, as the calibration page does.
    assert normalised_column(client, "?status__exact=shortlisted") == {
        "AIC-2024-0003": ("1,50", "-0,85")
    }
    sheet = load_workbook(io.BytesIO(export(client, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    column = header.index("Note normalisée") + 1
    cells = [sheet.cell(row, column) for row in range(2, 6)]
    assert sorted((c.value, c.number_format) for c in cells if c.value is not None) == [
        (-0.85, "0.00"),
        (0.15, "0.00"),
        (1.41, "0.00"),
    ]
    assert sheet.cell(1, column).comment.text.startswith("Certains évaluateurs notent")
