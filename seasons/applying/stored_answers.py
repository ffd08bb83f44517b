"""How an application's answers are stored: `Submission.answers`, {question key: value}.

A value is JSON: a text, an e-mail, an address, a phone number or a choice as a string; a
number as the string of its decimal ("120000", "12.50", never a float); a date as
"YYYY-MM-DD"; several choices as a list of values; a yes/no as true or false; a ticked
box as true; a repeatable group as a list of {sub-question key: value}, one per entry.
An unanswered question has no key (an unticked box is unanswered). Files are not in it:
they stay `Attachment` rows whose `kind` is the file question's key.

The season-2 answers were columns of `Submission` and rows of `Referent`; their keys are
those columns' names, so `from_columns` and `to_columns` move them both ways (the data
migration and the season-2 form, which keeps the columns in step, call them). Pure
functions on attributes: the migration passes its historical models.
See docs/decisions.md, "How answers are stored".
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

# The season-2 form's answers that were columns, in the order of its sections. Written
# out rather than read from `forms.SECTIONS`: the data migration must keep meaning what
# it meant when it ran, whatever the form becomes.
# fmt: off
ANSWER_COLUMNS = [
    "contact_email", "organisation_name", "project_name", "organisation_type",
    "commons_nature", "description", "resource_pooling", "commons_rationale", "website",
    "budget_last_year", "budget_year_before", "main_funders", "has_paid_activity",
    "paid_activity_details", "has_related_structures", "related_structures_details",
    "contributors_count", "availability_confirmed", "problem", "main_impact",
    "impact_indicator", "impact_indicator_unit", "impact_baseline", "impact_target",
    "impact_strategy", "state_collaboration_goals", "other_actors", "goal_1", "goal_2",
    "goal_3", "heard_about", "news_opt_in",
]
# fmt: on
REFERENTS_KEY = "referents"
REFERENT_FIELDS = ["first_name", "last_name", "email", "phone", "role"]
# The answers the program itself reads, kept as typed, indexed columns whatever the form
# (links and e-mails, the admin search, laureate creation, eligibility and exports).
TYPED_COLUMNS = ["contact_email", "organisation_name", "project_name", "organisation_type"]


def json_value(value):
    """A cleaned answer as stored, or None when it is no answer."""
    if value is None or value == "" or value == [] or value == ():
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def is_box(field):
    """A non-null boolean column is a box to tick: False means not ticked, no answer."""
    return field.get_internal_type() == "BooleanField" and not field.null


def from_columns(submission, referents):
    """{key: value} of a submission's season-2 columns and of `referents`, a list of
    {field: value} in their order."""
    answers = {}
    for name in ANSWER_COLUMNS:
        field = submission._meta.get_field(name)
        value = getattr(submission, name)
        if value is False and is_box(field):
            continue
        if value is not None and field.get_internal_type() == "DecimalField":
            # As the column stores it ("438.00"), whatever an unsaved row was given.
            value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
        stored = json_value(value)
        if stored is not None:
            answers[name] = stored
    entries = []
    for referent in referents:
        entry = {name: json_value(referent.get(name)) for name in REFERENT_FIELDS}
        entry = {name: value for name, value in entry.items() if value is not None}
        if entry:
            entries.append(entry)
    if entries:
        answers[REFERENTS_KEY] = entries
    return answers


def column_value(field, stored):
    """The column's value of a stored answer (None: the column's empty value)."""
    kind = field.get_internal_type()
    if stored is None:
        if kind == "BooleanField":
            return None if field.null else False
        return None if field.null else ""
    if kind in ("PositiveIntegerField", "IntegerField"):
        return int(stored)
    if kind == "DecimalField":
        return Decimal(stored)
    return stored


def to_columns(submission, answers):
    """Set the season-2 columns from `answers`; returns the referents' values, a list of
    {field: value} in their order (the caller writes the rows)."""
    for name in ANSWER_COLUMNS:
        field = submission._meta.get_field(name)
        setattr(submission, name, column_value(field, answers.get(name)))
    return [
        {name: entry.get(name, "") for name in REFERENT_FIELDS}
        for entry in answers.get(REFERENTS_KEY, [])
    ]


def typed_values(answers, organisation_types):
    """The typed columns' values read from `answers` (`organisation_types`: the values the
    column accepts; another form's answer of that key leaves it empty)."""
    values = {name: answers.get(name, "") for name in TYPED_COLUMNS}
    for name in ("organisation_name", "project_name"):
        values[name] = str(values[name])[:200]
    if not isinstance(values["contact_email"], str) or len(values["contact_email"]) > 254:
        values["contact_email"] = ""
    if values["organisation_type"] not in organisation_types:
        values["organisation_type"] = ""
    return values


def answer(submission, key):
    """The answer the program reads under a season-2 column's name (the laureate's
    creation): from `answers`, where a call's own form stores it, else the column; a
    value of another type than the column's reads as empty."""
    field = submission._meta.get_field(key)
    if key not in submission.answers:
        return getattr(submission, key)
    try:
        value = column_value(field, submission.answers[key])
    except (InvalidOperation, ValueError, TypeError):
        return column_value(field, None)
    texts = ("CharField", "TextField", "EmailField", "URLField")
    if field.get_internal_type() in texts and not isinstance(value, str):
        return ""
    return value


def referents_of(submission):
    """[{field: value}] of the referents: their rows, else the answers of the group of
    the same key (a call's own form)."""
    rows = [
        {name: getattr(r, name) for name in REFERENT_FIELDS} for r in submission.referents.all()
    ]
    if rows:
        return rows
    entries = submission.answers.get(REFERENTS_KEY)
    entries = entries if isinstance(entries, list) else []
    return [
        {name: str(entry.get(name, "")) for name in REFERENT_FIELDS}
        for entry in entries
        if isinstance(entry, dict)
    ]
