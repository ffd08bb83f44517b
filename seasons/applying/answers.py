"""An application's answers as (section, [(question, answer)]), for pages and e-mails."""

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import own_form
from .forms import SECTIONS, ApplicationForm
from .uploads import file_size


def display(submission, name, field):
    value = getattr(submission, name)
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = getattr(field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if hasattr(value, "quantize") and value == value.to_integral_value():
        value = int(value)  # "438", not "438,00"
    if isinstance(value, int | float) or hasattr(value, "quantize"):
        return number_format(value, force_grouping=True)
    return str(value)


READ = object()


def summarize(submission, definition=READ):
    """Every answered question, grouped by section; unanswered ones are left out. A
    call's own form is read from `answers` (`own_form.summary`). `definition`: the call's
    form when the caller has read it already (None: the call has none, the season-2
    form)."""
    if definition is READ:
        definition = own_form.definition_of(submission.call)
    if definition is not None:
        return own_form.summary(submission, definition)
    form = ApplicationForm(instance=submission, call=submission.call, complete=True)
    sections = []
    for anchor, title, _intro, names in SECTIONS:
        rows = [
            (form.fields[name].label, display(submission, name, form.fields[name]))
            for name in names
        ]
        if anchor == "referents":
            rows = referent_rows(submission) + rows
        if anchor == "pieces-jointes":
            rows = [
                (
                    capfirst(attachment.get_kind_display()),
                    f"{attachment.original_name} ({file_size(attachment.size)})",
                )
                for attachment in submission.attachments.all()
            ]
        rows = [(label, value) for label, value in rows if value]
        if rows:
            sections.append((title, rows))
    return sections


def referent_rows(submission):
    rows = []
    for referent in submission.referents.all():
        details = ", ".join(
            part for part in [referent.role, referent.email, referent.phone] if part
        )
        label = _("Referent %(position)d") % {"position": referent.position}
        rows.append((label, f"{referent.first_name} {referent.last_name} — {details}"))
    return rows
