"""The answer columns of an export: one per question of the exported calls' forms.

How several calls are joined: a question is a column by its key, once, whatever the
number of calls that ask it. Calls that share a question key (every call copied from the
same template) share its column, headed by the label of the first call that asks it; a
key only one call asks is a column left empty for the others' applications. When some
exported call has a form of its own, a call still on the season-2 form is read as the
default template (`call_forms.default_form`, whose keys are the season-2 answers' names
and whose answers `Submission.answers` holds too), so its answers join the same columns:
no column is repeated. An export of season-2 calls only keeps the season-2 columns
(`exports.columns`). The XLSX says, on a sheet of its own, each column's question in
each call (`joins`). A repeatable group is one column (its entries separated by " ; "),
a file question a column with the file's name. Two queries, whatever the number of
calls and questions.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..applying import stored_answers
from ..applying.own_form import display
from ..call_forms.default_form import default_definition
from ..models import Call, Question, QuestionType

T = QuestionType
ANSWER = "answer:"


@dataclass
class AnswerLayout:
    columns: list = field(default_factory=list)  # [(ANSWER + key, label)]
    questions: dict = field(default_factory=dict)  # call id: {key: question}
    subs: dict = field(default_factory=dict)  # (call id, group key): [sub-questions]
    season_two: bool = True  # whether the season-2 columns are written
    calls: dict = field(default_factory=dict)  # call id: (title, whether on the template)

    def asks(self, submission):
        return submission.call_id in self.questions


def template_questions():
    """([top questions], {group key: [sub-questions]}) of the default template, unsaved:
    how a call on the season-2 form is read beside calls with forms of their own."""
    _form, sections = default_definition(Call())
    top, subs = [], {}
    for _section, questions in sections:
        for question, sub_questions in questions:
            top.append(question)
            if sub_questions:
                subs[question.key] = sub_questions
    return top, subs


def answer_layout(queryset):
    questions = Question.objects.filter(form__call__in=queryset.values("call")).select_related(
        "form", "section"
    )
    questions = list(questions.order_by("form__call", "section__position", "position"))
    exported = queryset.order_by().values_list("call_id", "call__title").distinct()
    titles = dict(exported)
    layout = AnswerLayout()
    if not questions:
        layout.season_two = bool(titles)
        return layout
    groups = {q.pk: q.key for q in questions if q.type == T.GROUP}
    per_call = {}
    for question in questions:
        call_id = question.form.call_id
        if question.group_id:
            layout.subs.setdefault((call_id, groups[question.group_id]), []).append(question)
        else:
            per_call.setdefault(call_id, []).append(question)
    on_template = set(titles) - set(per_call)
    if on_template:
        top, subs = template_questions()
        for call_id in on_template:
            per_call[call_id] = top
            layout.subs.update({(call_id, key): s for key, s in subs.items()})
    labels = {}
    for call_id in sorted(per_call):
        for question in per_call[call_id]:
            layout.questions.setdefault(call_id, {})[question.key] = question
            labels.setdefault(question.key, question.label)
        layout.calls[call_id] = (titles.get(call_id, ""), call_id in on_template)
    layout.columns = [(ANSWER + key, label) for key, label in labels.items()]
    layout.season_two = False
    return layout


def joins(layout):
    """The rows of the sheet that says how the calls were joined: a header (column, key,
    then each call), then per column the question each call asks under its key."""
    calls = sorted(layout.calls.items())
    header = [_("Column"), _("Question key")] + [
        _("%(call)s (season-2 form)") % {"call": title} if on_template else title
        for _call_id, (title, on_template) in calls
    ]
    rows = [header]
    for name, label in layout.columns:
        key = name.removeprefix(ANSWER)
        asked = [layout.questions[call_id].get(key) for call_id, _call in calls]
        rows.append([str(label), key] + [str(q.label) if q else _("(not asked)") for q in asked])
    return rows


def answers_of(submission, layout):
    """The application's answers by key; for a call on the season-2 form, read from its
    columns and referents, which that form keeps as the truth (`stored_answers`)."""
    if not layout.calls.get(submission.call_id, ("", False))[1]:
        return submission.answers
    if not hasattr(submission, "_season_two_answers"):
        referents = [
            {name: getattr(r, name) for name in stored_answers.REFERENT_FIELDS}
            for r in submission.referents.all()
        ]
        submission._season_two_answers = stored_answers.from_columns(submission, referents)
    return submission._season_two_answers


def answer_cell(submission, name, layout):
    """The cell of an answer column for one application ("" when its call does not ask)."""
    key = name.removeprefix(ANSWER)
    question = layout.questions.get(submission.call_id, {}).get(key)
    if question is None:
        return ""
    if question.type == T.FILE:
        stored = next((a for a in submission.attachments.all() if a.kind == key), None)
        return stored.original_name if stored else ""
    value = answers_of(submission, layout).get(key)
    if value is None:
        return ""
    if question.type == T.GROUP:
        subs = layout.subs.get((submission.call_id, question.key), [])
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
