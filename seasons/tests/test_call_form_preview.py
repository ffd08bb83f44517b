"""The staff's preview renders a call's form as applicants see it and checks answers as a
sending would, saving nothing; hidden conditional questions are ignored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from seasons.call_forms.copying import copy_form
from seasons.call_forms.rendering import DefinedForm, Definition
from seasons.models import CallForm, Question, QuestionType

from .call_form_helpers import YES_NO_CHOICES, new_form, question
from .factories import CallFactory
from .test_call_form_admin import ROLE_ANSWERS, staff

pytestmark = pytest.mark.django_db
T = QuestionType


def preview_url(form):
    return reverse("admin:seasons_callform_preview", args=[form.pk])


def conditional_form():
    form = new_form()
    form.ineligible_message_fr = "Seules les associations peuvent candidater."
    form.save()
    kind = question(
        form,
        "kind",
        T.ONE_CHOICE,
        required=True,
        choices=YES_NO_CHOICES,
        is_eligibility=True,
        eligible_values=["association"],
    )
    paid = question(form, "paid", T.YES_NO, required=True)
    question(
        form,
        "details",
        T.LONG_TEXT,
        max_length=20,
        required=True,
        condition_question=paid,
        condition_values=["True"],
    )
    return form, kind


def checked(form, data):
    built = DefinedForm(Definition.of(form), MultiValueDict({k: [v] for k, v in data.items()}))
    built.is_valid()
    return {name: [str(m) for m in messages] for name, messages in built.errors.items()}


def test_a_hidden_conditional_question_is_ignored_whatever_was_posted():
    form, _kind = conditional_form()
    assert checked(form, {"kind": "association", "paid": "False", "details": "x" * 50}) == {}


def test_a_shown_conditional_question_is_needed_and_limited():
    form, _kind = conditional_form()
    assert checked(form, {"kind": "association", "paid": "True"}) == {
        "details": ["Ce champ est obligatoire."]
    }
    assert checked(form, {"kind": "association", "paid": "True", "details": "x" * 21}) == {
        "details": [
            "Assurez-vous que cette valeur comporte au plus 20 caractères (actuellement 21)."
        ]
    }


def test_a_no_is_an_answer_and_an_ineligible_answer_says_the_calls_words():
    form, _kind = conditional_form()
    assert checked(form, {"kind": "company", "paid": "False"}) == {
        "kind": ["Seules les associations peuvent candidater."]
    }


def test_a_repeatable_group_needs_its_first_entries_and_any_started_one():
    form = new_form()
    group = question(form, "referents", T.GROUP, min_count=1, max_count=2, label_fr="Référent")
    for n, key in enumerate(["name", "email"], start=1):
        question(form, key, T.SHORT_TEXT, group=group, position=n, required=True)
    assert checked(form, {}) == {
        "referents-1-name": ["Ce champ est obligatoire."],
        "referents-1-email": ["Ce champ est obligatoire."],
    }
    assert checked(
        form, {"referents-1-name": "A", "referents-1-email": "a", "referents-2-email": "b"}
    ) == {"referents-2-name": ["Ce champ est obligatoire."]}


def test_the_preview_shows_the_season_2_form_as_applicants_see_it(client):
    form = copy_form(CallFactory(title="Appel aperçu"))
    staff(client, "superuser")
    html = client.get(preview_url(form)).content.decode()
    assert "<h1>Candidater</h1>" in html
    assert '<p class="fr-text--lead">Appel aperçu</p>' in html
    assert html.count('<section class="fr-mb-6w"') == 5
    assert (
        'data-counter="800"' in html
        and 'aria-describedby="id_description-messages id_description-counter"' in html
    )
    assert 'data-shown-when="has_paid_activity" data-shown-values="True"' in html
    assert (
        'data-shown-when="organisation_type" '
        'data-shown-values="association,association_and_administration"' in html
    )
    assert html.count('id="referents-') == 2  # the two referents' legends
    assert 'src="/static/js/conditional-questions.js"' in html
    assert "<script>" not in html


def test_a_preview_post_shows_errors_beside_fields_and_saves_nothing(client):
    form, _kind = conditional_form()
    staff(client, "superuser")
    before = list(Question.objects.values())
    html = client.post(preview_url(form), {"kind": "company", "paid": "True"}).content.decode()
    assert "2 réponses demandent votre attention" in html
    assert (
        '<a href="#id_kind">Question kind : Seules les associations peuvent candidater.</a>' in html
    )
    assert 'id="id_details-messages" aria-live="polite">' in html
    assert 'aria-invalid="true"' in html
    assert list(Question.objects.values()) == before
    assert CallForm.objects.count() == 1


def many_questions(count):
    form = new_form(sections=3)
    kind = question(form, "kind", T.ONE_CHOICE, choices=YES_NO_CHOICES)
    for n in range(2, count + 1):
        types = [T.SHORT_TEXT, T.LONG_TEXT, T.NUMBER, T.SEVERAL_CHOICES, T.FILE]
        kind_of = types[n % len(types)]
        extra = {
            T.LONG_TEXT: {
                "max_length": 500,
                "condition_question": kind,
                "condition_values": ["company"],
            },
            T.SEVERAL_CHOICES: {"choices": YES_NO_CHOICES},
            T.FILE: {"file_kinds": ["documents"]},
        }.get(kind_of, {})
        question(form, f"q{n}", kind_of, section=1 + n % 3, **extra)
    return form


def test_the_preview_costs_the_same_queries_with_3_and_60_questions(client):
    staff(client, "superuser")
    small, large = many_questions(3), many_questions(60)
    client.get(preview_url(small))  # sessions and permissions warmed alike
    counts = []
    for form in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(preview_url(form)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


PREVIEW_ANSWERS = {
    "superuser": 200,
    "Responsable de programme": 200,
    "Observateur": 200,
    "Évaluateur": 404,  # as for a form that does not exist
}


@pytest.mark.parametrize("role", list(ROLE_ANSWERS))
def test_each_role_meets_the_preview_as_its_rights_say(client, role):
    form, _kind = conditional_form()
    staff(client, role)
    assert client.get(preview_url(form)).status_code == PREVIEW_ANSWERS[role]
    missing = reverse("admin:seasons_callform_preview", args=[999_999])
    assert client.get(missing).status_code == 404


def test_anonymous_visitors_meet_the_login_instead_of_the_preview(client):
    form, _kind = conditional_form()
    response = client.get(preview_url(form))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")


def test_the_preview_shows_the_eligibility_step_before_the_form(client):
    form, _kind = conditional_form()
    staff(client, "superuser")
    html = client.get(preview_url(form)).content.decode()
    assert "<h2>Première étape : qui peut candidater</h2>" in html
    assert html.index('id="eligibility-step"') < html.index("data-defined-form")
    assert 'data-eligibility-field="eligibility-kind" data-eligible-values="association"' in html
    assert 'name="eligibility-kind"' in html and 'name="kind"' in html
    assert "<p>Seules les associations peuvent candidater.</p>" in html
    assert 'src="/static/js/eligibility-step.js"' in html


def test_a_preview_of_the_step_says_where_the_answers_lead_and_saves_nothing(client):
    form, _kind = conditional_form()
    staff(client, "superuser")
    refused = client.post(preview_url(form), {"step": "eligibility", "eligibility-kind": "company"})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "data-ineligible-alert data-focus-on-load>" in html
    assert "Vérifier à nouveau mes réponses" in html
    assert "réponses demandent votre attention" not in html  # the form itself was not checked
    passed = client.post(
        preview_url(form), {"step": "eligibility", "eligibility-kind": "association"}
    )
    html = passed.content.decode()
    assert "Ces réponses mènent au formulaire (rien n’a été enregistré)." in html
    assert "data-ineligible-alert hidden>" in html
    assert CallForm.objects.count() == 1


def test_a_form_without_eligibility_questions_has_no_step_in_its_preview(client):
    form = new_form()
    question(form, "nom", T.SHORT_TEXT)
    staff(client, "superuser")
    html = client.get(preview_url(form)).content.decode()
    assert 'id="eligibility-step"' not in html and "data-eligibility-step" not in html
