"""The eligibility step under generated forms and generated input (Hypothesis, issue 15):
whatever eligibility rules staff wrote and whatever is posted, the step never answers
500; it leads to the form (which then opens with the answers), says the call's message,
or says beside the question what is missing."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st

from seasons.models import QuestionType as T

from .application_helpers import apply_url, open_call
from .fuzzing import hostile_text
from .test_fuzzing_own_form import form_specs, outcomes_of_generated_forms

pytestmark = pytest.mark.django_db


@st.composite
def eligibility_spec(draw, key):
    kind = draw(st.sampled_from([T.ONE_CHOICE, T.SEVERAL_CHOICES, T.YES_NO, T.CHECKBOX]))
    spec = {"key": key, "type": kind, "required": draw(st.booleans()), "is_eligibility": True}
    if kind in (T.ONE_CHOICE, T.SEVERAL_CHOICES):
        values = draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=4, unique=True))
        spec["choices"] = [{"value": v, "label_fr": f"choix {v}"} for v in values]
        spec["choice_widget"] = draw(st.sampled_from(["radio", "select"]))
        spec["eligible_values"] = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
    elif kind == T.YES_NO:
        spec["eligible_values"] = draw(st.sampled_from([["True"], ["False"], ["True", "False"]]))
    else:
        spec["eligible_values"] = ["True"]
    return spec


@st.composite
def specs_with_rules(draw):
    specs = draw(form_specs())
    rules = [draw(eligibility_spec(f"e{n}")) for n in range(draw(st.integers(1, 3)))]
    return [*rules, *specs]


def answer(question):
    known = [value for value, _label in question.choice_pairs()] + ["on"]
    return st.one_of(st.sampled_from(known), hostile_text)


@st.composite
def step_posts(draw, questions):
    fields = {}
    for question in questions:
        if draw(st.integers(0, 4)):
            fields[question.key] = draw(st.one_of(answer(question), st.lists(answer(question))))
    if draw(st.booleans()):
        fields[draw(st.text(max_size=10))] = draw(hostile_text)
    return fields


def check(client, call, response):
    assert response.status_code < 500
    html = response.content.decode()
    if response.status_code == 302:
        assert response["Location"].startswith(apply_url(call) + "?")
        form = client.get(response["Location"])  # the carried answers open the form
        assert form.status_code == 200 and 'name="stamp"' in form.content.decode()
        return "to the form"
    if response.status_code == 200:
        assert response.context["ineligible"] is True
        assert "Pas pour vous." in html and "data-focus-on-load>" in html
        return "not eligible"
    assert response.status_code == 400, response.status_code
    assert response.context["errors"], "a refusal that says nothing"
    for anchor, label, message in response.context["errors"]:
        assert f'<a href="#{anchor}">{escape(label)} : {escape(message)}</a>' in html
    return "to correct"


def test_the_step_answers_any_rules_and_any_post_without_error(client):
    call = open_call(season__year=2023)
    url = reverse("seasons:eligibility", args=[call.season.slug, call.slug])

    def example(definition, data):
        fields = data.draw(step_posts(definition.eligibility_questions()))
        return check(client, call, client.post(url, fields))

    outcomes = outcomes_of_generated_forms(
        call, specs_with_rules(), example, usable=lambda form: form.eligibility_questions()
    )
    assert set(outcomes) == {"to the form", "not eligible", "to correct"}, outcomes
