"""A call's own form under generated definitions and generated input (Hypothesis, issue
15): whatever the form staff built (every question type, conditions, eligibility,
groups, files) and whatever is posted to it, the server never answers 500, and a refusal
says why, next to the field and in the summary."""

import pytest
from django.core.cache import cache
from django.utils.html import escape
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from seasons.call_forms.rendering import DefinedForm, Definition
from seasons.call_forms.validation import definition_errors
from seasons.models import CallForm, FileKind, FormSection, Question, Submission, SubmissionStatus
from seasons.models import QuestionType as T
from seasons.models.call_form import VALUED_TYPES
from seasons.models.submission import new_access_key

from .application_helpers import apply_url, open_call
from .fuzzing import EXAMPLES, hostile_text, rolled_back
from .test_fuzzing_form import REFUSED_BODY, stamps_for, uploaded_file

pytestmark = pytest.mark.django_db

SIMPLE = [T.SHORT_TEXT, T.LONG_TEXT, T.NUMBER, T.EMAIL, T.URL, T.PHONE, T.DATE, T.CHECKBOX]
TYPES = [*SIMPLE, T.ONE_CHOICE, T.SEVERAL_CHOICES, T.YES_NO, T.FILE, T.GROUP]
GOOD = {
    T.SHORT_TEXT: "Un texte",
    T.LONG_TEXT: "Un long texte",
    T.NUMBER: "12",
    T.EMAIL: "a@example.org",
    T.URL: "https://example.org",
    T.PHONE: "01 02 03 04 05",
    T.DATE: "2025-03-10",
    T.CHECKBOX: "on",
    T.YES_NO: "True",
}
# A quarter of the shared number: each example also builds its form.
FORM_EXAMPLES = EXAMPLES // 4


@st.composite
def question_spec(draw, key, earlier, in_group=False):
    kind = draw(st.sampled_from([*SIMPLE, T.ONE_CHOICE, T.YES_NO] if in_group else TYPES))
    spec = {"key": key, "type": kind, "required": draw(st.booleans())}
    if kind in (T.ONE_CHOICE, T.SEVERAL_CHOICES):
        values = draw(st.lists(st.sampled_from("abcd"), min_size=1, max_size=3, unique=True))
        spec["choices"] = [{"value": v, "label_fr": f"choix {v}"} for v in values]
        spec["choice_widget"] = draw(st.sampled_from(["radio", "select"]))
        if kind == T.ONE_CHOICE and not in_group and draw(st.integers(0, 3)) == 0:
            spec["is_eligibility"] = True
            spec["eligible_values"] = values[:1]
    elif kind == T.LONG_TEXT:
        spec["max_length"] = draw(st.integers(1, 3000))
    elif kind == T.SHORT_TEXT:
        spec["max_length"] = draw(st.one_of(st.none(), st.integers(1, 300)))
    elif kind == T.NUMBER:
        spec["decimal_places"] = draw(st.integers(0, 2))
        spec["min_value"] = draw(st.one_of(st.none(), st.integers(-100, 0)))
        spec["max_value"] = draw(st.one_of(st.none(), st.integers(1, 10**9)))
    elif kind == T.FILE:
        spec["file_kinds"] = draw(
            st.lists(st.sampled_from(FileKind.values), min_size=1, unique=True)
        )
        spec["max_file_megabytes"] = draw(st.integers(1, 10))
    elif kind == T.GROUP:
        spec["max_count"] = draw(st.integers(1, 3))
        spec["min_count"] = draw(st.integers(0, spec["max_count"]))
        spec["subs"] = [
            draw(question_spec(f"{key}s{n}", [], in_group=True))
            for n in range(draw(st.integers(1, 2)))
        ]
    valued = [s for s in earlier if s["type"] in VALUED_TYPES]
    if valued and draw(st.booleans()):
        target = draw(st.sampled_from(valued))
        options = [c["value"] for c in target.get("choices", [])] or ["True"]
        spec["condition"] = (
            target["key"],
            draw(st.lists(st.sampled_from(options), min_size=1, unique=True)),
        )
    return spec


@st.composite
def form_specs(draw):
    specs = []
    for n in range(draw(st.integers(1, 7))):
        specs.append(draw(question_spec(f"q{n}", specs)))
    return specs


def build(call, specs):
    """The call's form from `specs`, or None when the admin would refuse it."""
    form = CallForm.objects.create(call=call, ineligible_message_fr="Pas pour vous.")
    section = FormSection.objects.create(form=form, position=1, key="partie", title_fr="Partie")
    made = {}

    def make(spec, position, group=None):
        values = {k: v for k, v in spec.items() if k not in ("subs", "condition")}
        condition_key, condition_values = spec.get("condition") or (None, [])
        question = Question(
            form=form, section=section, group=group, position=position, label_fr=spec["key"],
            condition_question=made.get(condition_key), condition_values=condition_values,
            **values,
        )  # fmt: skip
        made[spec["key"]] = question
        return question

    questions = []
    for position, spec in enumerate(specs, start=1):
        top = make(spec, position)
        questions.append(top)
        if definition_errors(questions):
            return None
        top.save()
        for n, sub in enumerate(spec.get("subs", []), start=1):
            questions.append(make(sub, n, top))
            if definition_errors(questions):
                return None
            questions[-1].save()
    return Definition.of(form)


def answer_for(question):
    good = GOOD.get(question.type)
    if question.type in (T.ONE_CHOICE, T.SEVERAL_CHOICES):
        good = question.choices[0]["value"]
    return st.one_of(st.just(good) if good else st.nothing(), hostile_text)


@st.composite
def posts(draw, definition):
    form = DefinedForm(definition)
    fields, files = {}, {}
    for name, (question, _prefix) in form.names.items():
        if question.type == T.FILE:
            if draw(st.booleans()):
                files[name] = draw(uploaded_file)
        elif draw(st.integers(0, 4)):
            value = draw(
                st.one_of(answer_for(question), st.lists(answer_for(question), max_size=3))
            )
            fields[name] = value
    fields["action"] = draw(st.sampled_from(["draft", "send", "send", "save"]))
    return fields, files


def check(response, key):
    assert response.status_code < 500
    if response.status_code == 302:
        submission = Submission.objects.get(access_key=key)
        assert submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED)
        return "saved"
    assert response.status_code == 400, response.status_code
    context = response.context
    if context is None or "refusal" not in context:
        assert REFUSED_BODY in response.content.decode()
        return "body refused"
    html = response.content.decode()
    assert context["refusal"] or context["errors"], "a refusal that says nothing"
    for anchor, label, message in context["errors"]:
        assert f'<a href="#{anchor}">{escape(label)} : {escape(message)}</a>' in html
    return "form 400"


def outcomes_of_generated_forms(call, specs, example, usable=lambda definition: True):
    """Run `example(definition, data)` (it returns its outcome) on FORM_EXAMPLES forms of
    `call` drawn from `specs`, each in a savepoint undone afterwards, the cache cleared;
    the forms the admin would refuse, or not `usable`, are not counted. {outcome: count}."""
    outcomes = {}

    @settings(max_examples=FORM_EXAMPLES)
    @given(st.data())
    def one_example(data):
        cache.clear()
        with rolled_back():
            definition = build(call, data.draw(specs))
            assume(definition is not None and usable(definition))
            outcome = example(definition, data)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    one_example()
    assert sum(outcomes.values()) >= FORM_EXAMPLES
    return outcomes


def test_any_generated_form_answers_any_post_without_error(
    client, django_capture_on_commit_callbacks
):
    call = open_call(season__year=2023)

    def example(definition, data):
        fields, files = data.draw(posts(definition))
        key = new_access_key()
        fields["stamp"] = stamps_for(key, new_access_key())["own"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(apply_url(call), {**fields, **files})
        return check(response, key)

    outcomes = outcomes_of_generated_forms(call, form_specs(), example)
    assert {"saved", "form 400"} <= set(outcomes), outcomes
