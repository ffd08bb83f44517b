"""The one way a call's form is made from another: a copy of another call's form (any
season) or of the default template (the AIC season-2 form).

`copy_form(call, source=None)` replaces the call's form by the copy, in one transaction,
after checking the copy with `validation.definition_errors`; it is refused while the
call has sent applications (their answers are stored under the current questions).
Every row is saved one by one so that simple-history records its creation.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import CallForm
from . import default_form, lock
from .validation import definition_errors


class CopyRefused(Exception):
    """The copy cannot be made; the message says why, for staff."""


def copy_form(call, source=None):
    """Give `call` a copy of `source` (a CallForm), or of the default template when
    `source` is None. Returns the new CallForm; raises CopyRefused."""
    if lock.is_locked(call):
        raise CopyRefused(
            _(
                "Applications were already sent to “%(call)s”: its form cannot be replaced, "
                "only corrected question by question."
            )
            % {"call": call}
        )
    if source is not None and source.call_id == call.pk:
        raise CopyRefused(_("A form cannot be copied onto itself."))
    if source is None:
        form, sections = default_form.default_definition(call)
    else:
        form, sections = definition_of(source, call)
    questions = [q for _s, built in sections for top, subs in built for q in [top, *subs]]
    by_key = {q.key: q for q in questions}
    for question in questions:
        question.condition_question = by_key.get(question.condition_key)
    problems = definition_errors(questions)
    if problems:
        question, _field, message = problems[0]
        raise CopyRefused(
            _("The form to copy cannot work (%(key)s: %(message)s).")
            % {"key": question.key, "message": message}
        )
    with transaction.atomic():
        CallForm.objects.filter(call=call).delete()
        save_definition(form, sections)
    return form


def definition_of(source, call):
    """An unsaved copy of `source`'s definition for `call`, in the shape of
    `default_form.default_definition`."""
    form = clone(source, call=call)
    questions = list(
        source.questions.select_related("condition_question").order_by("group_id", "position")
    )
    sections = []
    for section in source.sections.order_by("position"):
        new_section = clone(section, form=form)
        built = []
        for top in [q for q in questions if q.section_id == section.pk and not q.group_id]:
            new_top = clone_question(top, form, new_section, None)
            subs = [
                clone_question(q, form, new_section, new_top)
                for q in questions
                if q.group_id == top.pk
            ]
            built.append((new_top, subs))
        sections.append((new_section, built))
    return form, sections


def clone(obj, **relations):
    """A new, unsaved row with `obj`'s values, pointing to `relations` instead."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key and not field.is_relation
    }
    new = type(obj)(**values)
    for name, value in relations.items():
        setattr(new, name, value)
    return new


def clone_question(question, form, section, group):
    new = clone(question, form=form, section=section, group=group)
    new.condition_key = question.condition_question.key if question.condition_question else None
    return new


def save_definition(form, sections):
    """Saves the unsaved definition: form, sections, groups before their questions, and
    the conditions once the questions they name exist."""
    form.save()
    for section, built in sections:
        section.form = form
        section.save()
        for top, subs in built:
            save_question(top, form, section, None)
            for sub in subs:
                save_question(sub, form, section, top)
    # A condition names a question saved earlier or later: set once all have their id.
    for _section, built in sections:
        for top, subs in built:
            for question in [top, *subs]:
                if question.condition_target is not None:
                    question.condition_question = question.condition_target
                    question.save(update_fields=["condition_question"])


def save_question(question, form, section, group):
    question.condition_target = question.condition_question
    question.form, question.section, question.group = form, section, group
    question.condition_question = None
    question.save()
