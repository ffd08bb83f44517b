"""The data migration that moves every answer into `Submission.answers` (issue 15),
on the demo's applications: every answer of every application compared before and after,
both ways (run it on PostgreSQL too: DATABASE_URL=postgres://…)."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from accelerator.tests.demo_snapshot import demo_data
from seasons.applying.forms import SECTIONS
from seasons.applying.stored_answers import (
    ANSWER_COLUMNS,
    REFERENT_FIELDS,
    column_value,
    from_columns,
    json_value,
    to_columns,
    typed_values,
)
from seasons.models import Referent, Submission, SubmissionStatus
from seasons.tests.application_helpers import send_complete_application
from seasons.tests.factories import ReferentFactory, SubmissionFactory
from seasons.tests.own_form_helpers import stored_complete_answers

pytestmark = pytest.mark.django_db

migration = importlib.import_module("seasons.migrations.0022_move_answers_to_json")


def historical_apps():
    return MigrationLoader(connection).project_state(("seasons", "0022_move_answers_to_json")).apps


def every_answer():
    """{submission id: (column values, referents' values)}, read from the columns."""
    submissions = Submission.objects.prefetch_related("referents").order_by("pk")
    return {
        s.pk: (
            {name: getattr(s, name) for name in ANSWER_COLUMNS},
            [{name: getattr(r, name) for name in REFERENT_FIELDS} for r in s.referents.all()],
        )
        for s in submissions
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    demo_data(today=dt.date(2025, 3, 10))


def test_every_demo_answer_moves_into_answers_and_back(demo):
    before = every_answer()
    loaded = dict(Submission.objects.values_list("pk", "answers"))
    changed_at = dict(Submission.objects.values_list("pk", "updated_at"))
    assert len(before) == 36
    Submission.objects.update(answers={})

    migration.move_answers(historical_apps(), None)

    moved = Submission.objects.in_bulk()
    assert {pk: s.answers for pk, s in moved.items()} == loaded  # as the demo loads them
    for pk, (columns, referents) in before.items():
        answers = moved[pk].answers
        for name, value in columns.items():
            field = Submission._meta.get_field(name)
            assert column_value(field, answers.get(name)) == value, (pk, name)
        assert [
            {name: entry.get(name, "") for name in REFERENT_FIELDS}
            for entry in answers.get("referents", [])
        ] == referents
    # The demo answers every question of the season-2 form but one (no demo applicant has
    # a paid activity): every type is tried.
    assert {key for s in moved.values() for key in s.answers} == {
        *ANSWER_COLUMNS,
        "referents",
    } - {"paid_activity_details"}

    Submission.objects.update(
        **{name: column_value(Submission._meta.get_field(name), None) for name in ANSWER_COLUMNS}
    )
    Referent.objects.all().delete()
    migration.move_answers_back(historical_apps(), None)

    assert every_answer() == before
    assert dict(Submission.objects.values_list("pk", "updated_at")) == changed_at


def test_stored_values_of_each_kind():
    submission = Submission(
        contact_email="a@example.org",
        budget_last_year=0,
        impact_baseline=Decimal("12.50"),
        has_paid_activity=False,
        has_related_structures=None,
        availability_confirmed=True,
        news_opt_in=False,
    )
    answers = from_columns(submission, [{"first_name": "Camille", "phone": ""}, {"role": ""}])
    assert answers == {
        "contact_email": "a@example.org",
        "budget_last_year": "0",
        "impact_baseline": "12.50",
        "has_paid_activity": False,
        "availability_confirmed": True,
        "referents": [{"first_name": "Camille"}],
    }
    back = Submission()
    assert to_columns(back, answers) == [
        {"first_name": "Camille", "last_name": "", "email": "", "phone": "", "role": ""}
    ]
    assert (back.budget_last_year, back.impact_baseline) == (0, Decimal("12.50"))
    assert (back.has_paid_activity, back.has_related_structures) == (False, None)
    assert (back.news_opt_in, back.organisation_name) == (False, "")
    assert json_value(dt.date(2025, 3, 10)) == "2025-03-10"
    assert json_value(("a", 2)) == ["a", "2"]


def test_typed_values_keep_only_what_the_columns_accept():
    answers = {
        "contact_email": ["not", "a", "string"],
        "organisation_name": "O" * 250,
        "organisation_type": "company",
    }
    assert typed_values(answers, {"association"}) == {
        "contact_email": "",
        "organisation_name": "O" * 200,
        "project_name": "",
        "organisation_type": "",
    }


def test_the_migration_keeps_a_draft_without_answers_empty():
    draft = SubmissionFactory(
        status=SubmissionStatus.DRAFT,
        reference="",
        submitted_at=None,
        contact_email="",
        organisation_name="",
        organisation_type="",
        description="",
    )
    sent = SubmissionFactory()
    ReferentFactory(submission=sent, position=1)
    ReferentFactory(submission=sent, position=2, first_name="Lou", phone="0102030405")
    migration.move_answers(historical_apps(), None)
    draft.refresh_from_db()
    sent.refresh_from_db()
    assert draft.answers == {}
    assert sent.answers["referents"] == [
        {
            "first_name": "Alex",
            "last_name": "Martin",
            "email": "alex.martin@example.org",
            "role": "Président",
        },
        {
            "first_name": "Lou",
            "last_name": "Martin",
            "email": "alex.martin@example.org",
            "phone": "0102030405",
            "role": "Président",
        },
    ]


def test_the_season_two_form_keeps_answers_in_step_with_the_columns(client, post):
    send_complete_application(client, post)
    submission = Submission.objects.get()
    assert submission.answers == stored_complete_answers()


def test_the_stored_columns_are_the_season_two_form_s_answers():
    assert [name for _a, _t, _i, names in SECTIONS for name in names] == ANSWER_COLUMNS
