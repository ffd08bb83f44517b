"""Applications as rows for a spreadsheet: the answers, the referents, the reviews' figures.

The rows are built from the queryset they are given, so an export shows exactly what its
reader may see (a reviewer's export holds only the applications assigned to them, and no
scores of others).

Every text typed by an applicant is data, never a formula: a cell that a spreadsheet
program would run (starting with = + - @, a tab or a carriage return) gets a leading
single quote, as OWASP advises against CSV injection, in both formats; XLSX cells holding
text are written as text (data type "s"), never as formulas.
"""

import csv
import io

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..applying.forms import SECTIONS, ApplicationForm
from ..models import Submission

ANSWER_FIELDS = [name for _anchor, _title, _intro, names in SECTIONS for name in names]
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text a spreadsheet program shows as typed, never evaluates; other values as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def columns(with_scores):
    """[(name, header)] of the export, in the order of the form."""
    form_fields = ApplicationForm.base_fields
    model_field = Submission._meta.get_field
    head = [
        (name, capfirst(model_field(name).verbose_name))
        for name in ["reference", "call", "status", "submitted_at"]
    ]
    answers = [
        (name, form_fields[name].label or model_field(name).verbose_name) for name in ANSWER_FIELDS
    ]
    referents = [(f"referent{n}", _("Referent %(position)d") % {"position": n}) for n in (1, 2)]
    figures = [("reviews", _("Reviews done / assigned"))]
    if with_scores:
        figures.append(("weighted_score", _("Weighted score")))
    return head + answers + referents + figures


def cell(submission, name):
    if name.startswith("referent"):
        position = int(name[-1])
        referent = next((r for r in submission.referents.all() if r.position == position), None)
        if referent is None:
            return ""
        name = f"{referent.first_name} {referent.last_name}"
        return f"{name} <{referent.email}> {referent.phone}".strip()
    if name == "call":
        return submission.call.title
    if name == "status":
        return submission.get_status_display()
    if name == "reviews":
        return f"{submission.reviews_done}/{submission.reviews_assigned}"
    value = getattr(submission, name)
    if name == "submitted_at" and value:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "quantize"):
        return float(value)
    return value


def rows(queryset, with_scores):
    cols = columns(with_scores)
    yield [str(label) for _name, label in cols]
    for submission in queryset.select_related("call").prefetch_related("referents"):
        yield [neutralised(cell(submission, name)) for name, _label in cols]


def as_csv(queryset, with_scores):
    buffer = io.StringIO()
    # A BOM so that spreadsheet programs read UTF-8; ";" as they expect in French.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    for row in rows(queryset, with_scores):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def xml_text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def as_xlsx(queryset, with_scores):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(capfirst(Submission._meta.verbose_name_plural))[:31]
    for row in rows(queryset, with_scores):
        # XML cannot hold most control characters (openpyxl refuses them): a form answer
        # may, so they are left out of the XLSX rather than make the export fail.
        sheet.append([xml_text(value) for value in row])
        for written in sheet[sheet.max_row]:
            if isinstance(written.value, str):
                written.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
