"""A call's own form costs the same number of queries with 3 questions and with 60: the
form page and a sending (issue 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seasons.models import CallForm, FormSection, Question, QuestionType, Submission

from .application_helpers import apply_url, open_call, start

pytestmark = pytest.mark.django_db


def call_with_questions(count):
    """An open call whose form has `count` questions over three sections: an e-mail, a
    yes/no, a long text shown on "yes", then short texts."""
    call = open_call()
    form = CallForm.objects.create(call=call)
    sections = [
        FormSection.objects.create(form=form, position=n, key=f"partie-{n}", title_fr=f"Partie {n}")
        for n in (1, 2, 3)
    ]
    first = sections[0]
    Question.objects.create(
        form=form, section=first, position=1, key="contact_email", type=QuestionType.EMAIL,
        label_fr="Adresse", required=True,
    )  # fmt: skip
    yes_no = Question.objects.create(
        form=form, section=first, position=2, key="paid", type=QuestionType.YES_NO,
        label_fr="Activité payante ?",
    )  # fmt: skip
    Question.objects.create(
        form=form, section=first, position=3, key="details", type=QuestionType.LONG_TEXT,
        label_fr="Détails", max_length=500, condition_question=yes_no, condition_values=["True"],
    )  # fmt: skip
    for n in range(4, count + 1):
        Question.objects.create(
            form=form, section=sections[n % 3], position=n, key=f"q{n}",
            type=QuestionType.SHORT_TEXT, label_fr=f"Question {n}", max_length=100,
        )  # fmt: skip
    return call


def answers(count):
    values = {"contact_email": "a@example.org", "paid": "True", "details": "Des cours."}
    return {**values, **{f"q{n}": f"Réponse {n}" for n in range(4, count + 1)}}


def queries_of(action):
    with CaptureQueriesContext(connection) as queries:
        response = action()
    return response, len(queries)


@pytest.mark.parametrize("count", [3, 60])
def test_the_form_page_costs_the_same_queries_whatever_the_number_of_questions(client, count):
    call = call_with_questions(count)
    response, queries = queries_of(lambda: client.get(apply_url(call)))
    assert response.status_code == 200
    assert response.content.decode().count(' name="q') == count - 3
    # The call (with its season), the form, its sections, its questions.
    assert queries == 4


@pytest.mark.parametrize("count", [3, 60])
def test_a_sending_costs_the_same_queries_whatever_the_number_of_questions(client, post, count):
    call = call_with_questions(count)
    stamp = start(client, call)
    response, queries = queries_of(lambda: post(apply_url(call), stamp, "send", answers(count)))
    submission = Submission.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert submission.answers == {**answers(count), "paid": True}
    # The call; the draft made by the stamp, if any; the form, its sections, its questions
    # (read once: the confirmation's summary reuses them); the application inserted with
    # its answers and its history row (4, with a savepoint); the reference counter, first
    # of the year here: taken, missing, created from the highest reference given (4, with
    # a savepoint), taken; the status's transition row, the status written with its
    # history row; the e-mail queued; then sent after the commit (5). See the list in
    # docs/performance.md ("One sending, query by query").
    assert queries == 26
