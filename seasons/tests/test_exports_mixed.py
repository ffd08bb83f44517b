"""Exports of calls with different forms: joined by question key (issue 15)."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from seasons.selection.roles import PROGRAM_MANAGER
from seasons.tests.application_helpers import (
    apply_url,
    complete_files,
    open_call,
    send_complete_application,
    start,
)
from seasons.tests.factories import CallFactory, SubmissionFactory
from seasons.tests.own_form_helpers import call_with_form, own_form_answers, with_team_size
from seasons.tests.test_exports import export, staff

pytestmark = pytest.mark.django_db


def mixed_export(client, post, file_format):
    """A call on the season-2 form and a call with its own form (the template and one
    extra question), each with an application sent through its form."""
    old = open_call(title="Appel saison 2")
    send_complete_application(client, post, old)
    own = with_team_size(call_with_form(title="Appel à formulaire"))
    answers = own_form_answers(organisation_name="Asso à formulaire", team_size="7")
    post(apply_url(own), start(client, own), "send", answers, complete_files())
    staff(client, "responsable", PROGRAM_MANAGER)
    return export(client, file_format)


MIXED_ANSWERS_HEADER = [
    "Votre adresse électronique", "Nom de la structure", "Nom du projet", "Type de structure",
    "Nature du projet", "Description courte",
    "Comment le projet met en commun une ressource d’intérêt collectif",
    "En quoi le projet est un commun", "Site web", "Budget de la dernière année (euros)",
    "Budget de l’année précédente (euros)", "Principaux financeurs des dernières années",
    "La structure a-t-elle une activité économique rémunérée ?",
    "Précisions sur l’activité rémunérée", "La structure est-elle liée à d’autres structures ?",
    "Précisions sur les structures liées", "Nombre approximatif de contributeurs", "Référents",
    "Les référents seront disponibles 2 à 3 jours par mois pendant l’accompagnement",
    "Problème traité", "Principal impact visé", "Indicateur d’impact", "Unité",
    "Valeur de départ", "Valeur cible", "Stratégie d’impact à six mois",
    "Objectifs d’un travail rapproché avec l’État", "Autres acteurs sur le même problème",
    "Premier objectif", "Deuxième objectif", "Troisième objectif", "Statuts",
    "Derniers comptes certifiés", "Présentation", "Logo",
    "Comment avez-vous connu l’appel ?", "Je souhaite recevoir les actualités du programme",
    "Taille de l’équipe",
]  # fmt: skip


def test_a_mixed_export_has_one_column_per_question_key(client, post):
    """The season-2 call's answers join the own form's columns by key: no header twice."""
    content = mixed_export(client, post, "csv")
    header, *lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert header[:4] == ["Référence", "Appel", "Statut", "Déposée le"]
    assert header[4:-10] == MIXED_ANSWERS_HEADER
    assert header[-10] == "Évaluations faites / attribuées"
    assert len(header) == len(set(header)) == 4 + 38 + 10
    by_call = {row[1]: dict(zip(header, row, strict=True)) for row in lines}
    old, own = by_call["Appel saison 2"], by_call["Appel à formulaire"]
    assert (old["Nom de la structure"], own["Nom de la structure"]) == (
        "Association Cartes Libres",
        "Asso à formulaire",
    )
    referent = "Camille, Durand, camille.durand@asso-exemple.org, 01 23 45 67 89, Présidente"
    for row in (old, own):
        assert row["Type de structure"] == "association"
        assert row["Référents"] == referent
        assert row["La structure a-t-elle une activité économique rémunérée ?"] == "non"
        assert row["Budget de la dernière année (euros)"] == "120000"
        assert row["Valeur de départ"] == "12,00"
        assert (row["Statuts"], row["Présentation"], row["Logo"]) == (
            "statuts.pdf",
            "presentation.odp",
            "",
        )
    assert (old["Taille de l’équipe"], own["Taille de l’équipe"]) == ("", "7")


def test_a_mixed_xlsx_says_on_a_sheet_how_the_calls_are_joined(client, post):
    workbook = load_workbook(io.BytesIO(mixed_export(client, post, "xlsx")))
    assert workbook.sheetnames == ["Candidatures", "Colonnes"]
    header = [c.value for c in workbook["Candidatures"][1]]
    assert header[4:-10] == MIXED_ANSWERS_HEADER
    joins = [[c.value for c in row] for row in workbook["Colonnes"].iter_rows()]
    assert joins[0][0] == (
        "Une colonne par clé de question : les appels qui posent une question sous la même "
        "clé partagent sa colonne, intitulée comme dans le premier appel ; une question "
        "qu’un appel ne pose pas reste vide pour ses candidatures."
    )
    assert joins[2] == [
        "Colonne",
        "Clé de la question",
        "Appel saison 2 (formulaire de la saison 2)",
        "Appel à formulaire",
    ]
    assert joins[3] == [
        "Votre adresse électronique",
        "contact_email",
        "Votre adresse électronique",
        "Votre adresse électronique",
    ]
    assert joins[-1] == ["Taille de l’équipe", "team_size", "(non posée)", "Taille de l’équipe"]
    assert [row[0] for row in joins[3:]] == MIXED_ANSWERS_HEADER


def test_an_export_of_season_2_calls_only_has_no_joins_sheet(client):
    SubmissionFactory(call=CallFactory(title="Appel aux communs"))
    staff(client, "responsable", PROGRAM_MANAGER)
    workbook = load_workbook(io.BytesIO(export(client, "xlsx")))
    assert workbook.sheetnames == ["Candidatures"]
    header = [c.value for c in workbook["Candidatures"][1]]
    assert header.count("Nom de la structure") == 1 and "Référent 1" in header


def test_the_list_says_how_exports_join_calls(client):
    staff(client, "responsable", PROGRAM_MANAGER)
    html = client.get(reverse("admin:seasons_submission_changelist")).content.decode()
    assert html.count('aria-describedby="export-help"') == 2
    assert '<p class="help" id="export-help">' in html
    assert "Les appels sont joints par clé de question" in html


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_mixed_export_costs_the_same_queries_with_one_application_and_with_many(
    client, file_format
):
    old = CallFactory(title="Appel saison 2")
    SubmissionFactory(call=old, organisation_name="Les Communs")
    own = call_with_form(title="Appel à formulaire")
    SubmissionFactory(call=own, answers={"organisation_name": "Asso", "team_size": "3"})
    staff(client, "responsable", PROGRAM_MANAGER)

    def count():
        with CaptureQueriesContext(connection) as queries:
            content = export(client, file_format)
        return len(queries), content

    count()  # the list's filters' choices, kept once read (accelerator.admin_filters)
    first, _content = count()
    SubmissionFactory.create_batch(3, call=old, organisation_name="Ancienne")
    SubmissionFactory.create_batch(3, call=own, answers={"organisation_name": "Nouvelle"})
    count()  # the list's total, kept again once counted (accelerator.admin_counts)
    again, content = count()
    # 5 for the session, rights and changelist (its filters' choices and total kept), then
    # the calls' questions, the exported calls, the criteria's titles, the rows, their
    # referents, files, reviews and scores, and the calls' reviews for the normalised score.
    assert (first, again) == (13, 13)
    if file_format == "csv":
        header, *lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        names = sorted(row[header.index("Nom de la structure")] for row in lines)
        assert names == ["Ancienne"] * 3 + ["Asso", "Les Communs"] + ["Nouvelle"] * 3
