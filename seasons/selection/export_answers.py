"""The answer columns of an export: one per question of the exported calls' forms.

How several calls are joined: a question is a column by its key, so the calls that share
a question key (every call copied from the same template) share its column, headed by
the label of the first call that asks it; a key only one call asks is a column left
empty for the others' applications. Calls without a form of their own keep the season-2
columns, read from `Submission`'s columns. A repeatable group is one column (its entries
separated by " ; "), a file question a column with the file's name. Two queries,
whatever the number of calls and questions.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..applying.own_form import display
from ..models import Question, QuestionType

T = QuestionType
ANSWER = "answer:"


@dataclass
class AnswerLayout:
    columns: list = field(default_factory=list)  # [(ANSWER + key, label)]
    questions: dict = field(default_factory=dict)  # call id: {key: question}
    subs: dict = field(default_factory=dict)  # group id: [sub-questions]
    season_two: bool = True  # whether an exported call has no form of its own

    def asks(self, submission):
        return submission.call_id in self.questions


def answer_layout(queryset):
    questions = Question.objects.filter(form__call__in=queryset.values("call")).select_related(
        "form", "section"
    )
    layout = AnswerLayout()
    labels = {}
    for question in questions.order_by("form__call", "section__position", "position"):
        if question.group_id:
            layout.subs.setdefault(question.group_id, []).append(question)
            continue
        layout.questions.setdefault(question.form.call_id, {})[question.key] = question
        labels.setdefault(question.key, question.label)
    layout.columns = [(ANSWER + key, label) for key, label in labels.items()]
    layout.season_two = queryset.exclude(call__in=list(layout.questions)).exists()
    return layout


def answer_cell(submission, name, layout):
    """The cell of an answer column for one application ("" when its call does not ask)."""
    key = name.removeprefix(ANSWER)
    question = layout.questions.get(submission.call_id, {}).get(key)
    if question is None:
        return ""
    if question.type == T.FILE:
        stored = next((a for a in submission.attachments.all() if a.kind == key), None)
        return stored.original_name if stored else ""
    value = submission.answers.get(key)
    if value is None:
        return ""
    if question.type == T.GROUP:
        subs = layout.subs.get(question.pk, [])
        return " ; ".join(
            ", ".join(display(sub, entry[sub.key]) for sub in subs if sub.key in entry)
            for entry in value
        )
    if question.type == T.NUMBER:
        try:
            return Decimal(value)  # a number in the XLSX, a decimal comma in the CSV
        except InvalidOperation:
            return str(value)
    if question.type == T.YES_NO:
        return _("yes") if value else _("no")
    return display(question, value)
