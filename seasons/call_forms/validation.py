"""Whether a form definition can work: the one place the admin and the copy both ask.

`definition_errors(questions)` reads the questions of one form as they are about to be
saved (in memory, with the positions and sections just typed) and returns every problem
as (question, field name, message), so that the admin shows each message beside its
field. `lock_errors` adds what a form whose call has sent applications may no longer do.
"""

from django.utils.translation import gettext as _

from ..applying import uploads
from ..models import FileKind, QuestionType
from ..models.call_form import CHOICE_TYPES, VALUED_TYPES

MAX_FILE_MEGABYTES = uploads.MAX_FILE_SIZE // uploads.MEGABYTE


def definition_errors(questions):
    """[(question, field, message)] for the questions of one form."""
    questions = list(questions)
    current = {q.pk: q for q in questions if q.pk}

    def resolve(other):
        """The in-memory version of a question another one points to."""
        return current.get(other.pk, other) if other is not None else None

    errors = []
    seen_keys, seen_places = {}, set()
    for question in questions:
        group = resolve(question.group)
        place = (identity(question.section), identity(group), question.position)
        if place in seen_places:
            errors.append((question, "position", _("Another question has this order number here.")))
        seen_places.add(place)
        key = (question.key or "").lower()
        if key in seen_keys:
            errors.append(
                (question, "key", _("Another question of this form has the key “%s”.") % key)
            )
        seen_keys.setdefault(key, question)
        for field, message in own_errors(question, group):
            errors.append((question, field, message))
        for field, message in condition_errors(question, resolve):
            errors.append((question, field, message))
    return errors


def identity(row):
    """Saved rows are the same when their ids are; unsaved ones (a copy) by object."""
    if row is None:
        return None
    return row.pk or id(row)


def own_errors(question, group):
    """What is wrong with one question on its own (limits, choices, kinds, group)."""
    kind = question.type
    yield from limit_errors(question)
    if kind == QuestionType.LONG_TEXT and not question.max_length:
        yield "max_length", _("A long text needs its character limit.")
    if kind in CHOICE_TYPES:
        values = [choice.get("value", "") for choice in question.choices]
        if not values:
            yield "choices", _("Give the choices of this question, one a line.")
        elif len(set(values)) != len(values):
            yield "choices", _("Two choices have the same code.")
    if kind == QuestionType.FILE:
        if not question.file_kinds:
            yield "file_kinds", _("Choose at least one accepted kind of file.")
        elif not set(question.file_kinds) <= set(FileKind.values):
            yield "file_kinds", _("Choose among the kinds of file listed.")
    if kind == QuestionType.GROUP:
        yield from group_errors(question)
    if group is not None:
        if group.type != QuestionType.GROUP:
            yield "group", _("Only a repeatable group can hold questions.")
        elif kind == QuestionType.GROUP:
            yield "group", _("A repeatable group cannot be inside another one.")
        elif kind == QuestionType.FILE:
            # Files are stored by their key in Attachment.kind (60 characters), with no
            # room for the group's name and the entry's number.
            yield "group", _("A file cannot be asked inside a repeatable group: ask it once.")
        elif group.section_id != question.section_id:
            yield "section", _("A question of a group is in the group’s section.")
    if question.is_eligibility:
        yield from eligibility_errors(question, group)


def limit_errors(question):
    """The limits every type may carry, as the database's checks want them."""
    if question.position is not None and question.position < 1:
        yield "position", _("An order number is 1 or more.")
    if question.max_length is not None and question.max_length < 1:
        yield "max_length", _("A limit must be 1 or more.")
    bounds = (question.min_value, question.max_value)
    if None not in bounds and bounds[0] > bounds[1]:
        yield "max_value", _("The maximum is below the minimum.")
    if (question.decimal_places or 0) > 2:
        yield "decimal_places", _("At most 2 decimal places.")
    size = question.max_file_megabytes
    if size is not None and not 1 <= size <= MAX_FILE_MEGABYTES:
        yield (
            "max_file_megabytes",
            _("A file may weigh from 1 to %(max)s MB.") % {"max": MAX_FILE_MEGABYTES},
        )
    if question.max_count is not None and question.max_count < 1:
        yield "max_count", _("A repeatable group needs its maximum number of entries (1 or more).")
    elif None not in (question.min_count, question.max_count) and (
        question.min_count > question.max_count
    ):
        yield "min_count", _("The minimum number of entries is above the maximum.")


def group_errors(question):
    if question.max_count is None:
        yield "max_count", _("A repeatable group needs its maximum number of entries (1 or more).")


def eligibility_errors(question, group):
    if question.type not in VALUED_TYPES:
        yield "is_eligibility", _("Only a question with choices, yes/no or a box can decide it.")
        return
    if group is not None or question.condition_question is not None:
        yield "is_eligibility", _("An eligibility question is asked of everyone, once.")
    if not question.eligible_values:
        yield "eligible_values", _("Say which answers are eligible.")
    else:
        yield from unknown_values(question, question.eligible_values, "eligible_values")


def unknown_values(question, values, field):
    known = {value for value, _label in question.choice_pairs()}
    for value in values:
        if value not in known:
            yield (
                field,
                _("“%(value)s” is not one of the answers of “%(key)s”.")
                % {
                    "value": value,
                    "key": question.key,
                },
            )


def order_of(question, group):
    """Where a question comes in the form: section, then its (group's) place."""
    top = group or question
    return (top.section.position, top.position, question.position if group else 0)


def condition_errors(question, resolve):
    condition = resolve(question.condition_question)
    if condition is None:
        if question.condition_values:
            yield "condition_question", _("Choose the question these values are answers of.")
        return
    group, condition_group = resolve(question.group), resolve(condition.group)
    same_scope = (group is None and condition_group is None) or (
        group is not None and condition_group is not None and group.pk == condition_group.pk
    )
    if not same_scope:
        yield (
            "condition_question",
            _(
                "A question can depend only on a question of its own group (or, outside a "
                "group, on a question outside any group)."
            ),
        )
    elif order_of(condition, condition_group) >= order_of(question, group):
        yield "condition_question", _("A question can depend only on an earlier question.")
    if condition.type not in VALUED_TYPES:
        yield (
            "condition_question",
            _("A condition reads a question with choices, yes/no or a box to tick."),
        )
    elif not question.condition_values:
        yield "condition_values", _("Say which answers show this question.")
    else:
        yield from unknown_values(condition, question.condition_values, "condition_values")


def lock_errors(question, original):
    """Changes refused once the call has sent applications: their answers are stored
    under the key and read by the type."""
    if original is None:
        return []
    errors = []
    if question.key != original.key:
        errors.append((question, "key", _("Applications were sent: the key of a question stays.")))
    if question.type != original.type:
        errors.append(
            (question, "type", _("Applications were sent: the type of a question stays."))
        )
    return errors


def deletion_refused_message():
    return _(
        "Applications were sent to this call: a question cannot be removed (its answers "
        "would lose their meaning). Correct its wording instead."
    )
