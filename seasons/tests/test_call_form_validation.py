"""A form definition that cannot work is refused, each problem with its message."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from seasons.call_forms.validation import definition_errors, lock_errors
from seasons.models import Question, QuestionType

from .call_form_helpers import YES_NO_CHOICES, new_form, question

pytestmark = pytest.mark.django_db
T = QuestionType
EARLIER_ONLY = "Une question ne peut dépendre que d’une question précédente."


def messages(questions):
    return [(q.key, field, str(message)) for q, field, message in definition_errors(questions)]


def test_a_sound_form_has_no_error():
    form = new_form(sections=2)
    kind = question(form, "type", T.ONE_CHOICE, choices=YES_NO_CHOICES)
    paid = question(form, "paid", T.YES_NO)
    details = question(
        form,
        "details",
        T.LONG_TEXT,
        max_length=300,
        condition_question=paid,
        condition_values=["True"],
    )
    statutes = question(
        form,
        "statutes",
        T.FILE,
        section=2,
        file_kinds=["documents"],
        max_file_megabytes=10,
        condition_question=kind,
        condition_values=["association"],
    )
    assert messages([kind, paid, details, statutes]) == []


def test_a_condition_on_a_later_question_is_refused():
    form = new_form(sections=2)
    details = question(form, "details", T.SHORT_TEXT)
    paid = question(form, "paid", T.YES_NO, section=2)
    details.condition_question, details.condition_values = paid, ["True"]
    assert messages([details, paid]) == [("details", "condition_question", EARLIER_ONLY)]


def test_a_condition_on_itself_is_refused():
    form = new_form()
    paid = question(form, "paid", T.YES_NO)
    paid.condition_question, paid.condition_values = paid, ["True"]
    assert messages([paid]) == [("paid", "condition_question", EARLIER_ONLY)]


def test_moving_a_question_before_its_condition_is_refused_with_the_positions_typed():
    form = new_form()
    paid = question(form, "paid", T.YES_NO)
    details = question(form, "details", condition_question=paid, condition_values=["True"])
    details.position, paid.position = 1, 2  # what the admin's order fields now say
    assert messages([paid, details]) == [("details", "condition_question", EARLIER_ONLY)]


def test_a_condition_across_a_groups_scope_is_refused():
    form = new_form()
    referents = question(form, "referents", T.GROUP, min_count=1, max_count=2)
    role = question(form, "role", T.YES_NO, group=referents, position=1)
    after = question(form, "after", condition_question=role, condition_values=["True"])
    assert messages([referents, role, after]) == [
        ("after", "condition_question",
         "Une question ne peut dépendre que d’une question de son propre groupe (ou, hors "
         "d’un groupe, d’une question hors de tout groupe).")
    ]  # fmt: skip


def test_a_condition_needs_values_among_the_answers():
    form = new_form()
    paid = question(form, "paid", T.YES_NO)
    empty = question(form, "a", condition_question=paid, condition_values=[])
    unknown = question(form, "b", condition_question=paid, condition_values=["maybe"])
    free = question(form, "c")
    on_text = question(form, "d", condition_question=free, condition_values=["x"])
    assert messages([paid, empty, unknown, free, on_text]) == [
        ("a", "condition_values", "Indiquez quelles réponses font apparaître cette question."),
        ("b", "condition_values", "« maybe » n’est pas une des réponses de « paid »."),
        ("d", "condition_question",
         "Une condition lit une question à choix, oui/non ou une case à cocher."),
    ]  # fmt: skip


def test_a_choice_question_without_choices_is_refused():
    form = new_form()
    one = question(form, "one", T.ONE_CHOICE, choices=[])
    several = question(form, "several", T.SEVERAL_CHOICES, choices=[{"value": "a"}, {"value": "a"}])
    assert messages([one, several]) == [
        ("one", "choices", "Donnez les choix de cette question, un par ligne."),
        ("several", "choices", "Deux choix ont le même code."),
    ]


def test_limits_of_zero_or_upside_down_are_refused():
    form = new_form()
    text = question(form, "text", T.LONG_TEXT, save=False, position=1, max_length=0)
    no_limit = question(form, "no-limit", T.LONG_TEXT, save=False, position=2)
    number = question(
        form, "n", T.NUMBER, save=False, position=3, min_value=Decimal(10), max_value=Decimal(1)
    )
    group = question(form, "g", T.GROUP, save=False, position=4, min_count=3, max_count=2)
    empty_group = question(form, "g0", T.GROUP, save=False, position=5, max_count=0)
    assert messages([text, no_limit, number, group, empty_group]) == [
        ("text", "max_length", "Une limite doit valoir 1 ou plus."),
        ("text", "max_length", "Un texte long a besoin de sa limite de caractères."),
        ("no-limit", "max_length", "Un texte long a besoin de sa limite de caractères."),
        ("n", "max_value", "Le maximum est inférieur au minimum."),
        ("g", "min_count", "Le nombre minimum d’entrées dépasse le maximum."),
        ("g0", "max_count",
         "Un groupe répétable a besoin de son nombre maximum d’entrées (1 ou plus)."),
    ]  # fmt: skip


def test_a_file_question_needs_an_accepted_kind_and_a_size_within_the_programs():
    form = new_form()
    none = question(form, "none", T.FILE, file_kinds=[])
    big = question(form, "big", T.FILE, file_kinds=["images"], max_file_megabytes=50)
    assert messages([none, big]) == [
        ("none", "file_kinds", "Choisissez au moins un type de fichier accepté."),
        ("big", "max_file_megabytes", "Un fichier peut peser de 1 à 10 Mo."),
    ]


def test_duplicate_keys_are_refused_whatever_their_case():
    form = new_form()
    first = question(form, "budget")
    second = question(form, "budget-2", save=False, position=2)
    second.key = "Budget"
    assert messages([first, second]) == [
        ("Budget", "key", "Une autre question de ce formulaire a la clé « budget »."),
    ]


def test_eligibility_needs_a_question_with_answers_and_the_eligible_ones():
    form = new_form()
    text = question(form, "text", is_eligibility=True)
    kind = question(form, "kind", T.ONE_CHOICE, choices=YES_NO_CHOICES, is_eligibility=True)
    wrong = question(
        form,
        "wrong",
        T.ONE_CHOICE,
        choices=YES_NO_CHOICES,
        is_eligibility=True,
        eligible_values=["x"],
    )
    assert messages([text, kind, wrong]) == [
        ("text", "is_eligibility",
         "Seule une question à choix, oui/non ou une case à cocher peut en décider."),
        ("kind", "eligible_values", "Indiquez quelles réponses sont éligibles."),
        ("wrong", "eligible_values", "« x » n’est pas une des réponses de « wrong »."),
    ]  # fmt: skip


def test_only_a_group_holds_questions_and_groups_do_not_nest():
    form = new_form()
    plain = question(form, "plain")
    inside = question(form, "inside", group=plain, position=1, save=False)
    group = question(form, "group", T.GROUP, max_count=2)
    nested = question(form, "nested", T.GROUP, group=group, position=1, save=False, max_count=1)
    assert messages([plain, inside, group, nested]) == [
        ("inside", "group", "Seul un groupe répétable peut contenir des questions."),
        ("nested", "group", "Un groupe répétable ne peut pas être dans un autre."),
    ]


def test_a_file_question_inside_a_group_is_refused():
    form = new_form()
    group = question(form, "referents", T.GROUP, max_count=2)
    cv = question(form, "cv", T.FILE, group=group, position=1, file_kinds=["documents"], save=False)
    assert messages([group, cv]) == [
        ("cv", "group",
         "Un fichier ne peut pas être demandé dans un groupe répétable : "
         "demandez-le une seule fois.")
    ]  # fmt: skip


def test_sent_applications_freeze_key_and_type_but_not_wording():
    form = new_form()
    original = question(form, "budget", T.NUMBER)
    edited = Question.objects.get(pk=original.pk)
    edited.label_fr = "Budget corrigé"
    assert lock_errors(edited, original) == []
    edited.key, edited.type = "budget-total", T.SHORT_TEXT
    assert [(f, str(m)) for _q, f, m in lock_errors(edited, original)] == [
        ("key", "Des candidatures ont été envoyées : la clé d’une question ne change plus."),
        ("type", "Des candidatures ont été envoyées : le type d’une question ne change plus."),
    ]


@pytest.mark.parametrize(
    "values, constraint",
    [
        ({"max_length": 0}, "question_max_length_positive"),
        ({"max_file_megabytes": 0}, "question_max_file_size_positive"),
        ({"min_count": 3, "max_count": 2}, "question_min_count_not_above_max"),
        ({"min_value": 5, "max_value": 1}, "question_min_value_not_above_max"),
        ({"position": 0}, "question_order_positive"),
        ({"type": "essay"}, "question_type_valid"),
        ({"key": "first"}, "question_key_unique|seasons_question.form_id, seasons_question.key"),
        (
            {"position": 1},
            "question_order_unique_in_section|seasons_question.section_id, "
            "seasons_question.position",
        ),
    ],
)
def test_the_database_refuses_what_the_checks_refuse(values, constraint):
    form = new_form()
    question(form, "first")
    fields = {"key": "second", "position": 2, **values}
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        question(form, **fields)


def test_two_questions_with_one_order_number_in_a_section_are_refused():
    form = new_form(sections=2)
    first = question(form, "first")
    second = question(form, "second", position=2)
    elsewhere = question(form, "elsewhere", section=2, position=1)
    second.position = 1
    assert messages([first, second, elsewhere]) == [
        ("second", "position", "Une autre question a ce numéro d’ordre ici.")
    ]
