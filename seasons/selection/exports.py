"""Applications as rows for a spreadsheet: the answers, the referents, the reviews' figures.

The rows are built from the queryset they are given, so an export shows exactly what its
reader may see (a reviewer's export holds only the applications assigned to them, and no
scores of others), and only what was sent: never a draft. Choice answers are written in
the words of the form, never as the codes stored.

Every text typed by an applicant is data, never a formula: a cell that a spreadsheet
program would run (starting with = + - @, a tab or a carriage return) gets a leading
single quote, as OWASP advises against CSV injection, in both formats; XLSX cells holding
text are written as text (data type "s"), never as formulas.

Ready for a jury meeting: scores rounded to two decimals (French decimal commas in the
CSV, numbers shown with two decimals in the XLSX), real dates in the XLSX, a frozen
header row with filters, and, for staff who see every score, the average of each
criterion, the reviewers' comments and their declared conflicts of interest.
"""

import csv
import datetime
import io
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment

from ..applying.forms import SECTIONS, ApplicationForm
from ..models import Criterion, Review, Submission
from . import calibration, reviewing
from .export_answers import ANSWER, AnswerLayout, answer_cell, answer_layout, joins

ANSWER_FIELDS = [name for _anchor, _title, _intro, names in SECTIONS for name in names]
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text a spreadsheet program shows as typed, never evaluates; other values as is."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


CENTS = Decimal("0.01")
SCORE_FORMAT = "0.00"
DATE_FORMAT = "dd/mm/yyyy hh:mm"
CRITERION = "criterion:"
NORMALISED = "normalised_score"


def rounded(value):
    """A score to two decimals, half up as people round (3.675 → 3.68)."""
    return None if value is None else Decimal(value).quantize(CENTS, rounding=ROUND_HALF_UP)


def criterion_titles(queryset):
    """The titles of the rubrics of the calls in `queryset`, in rubric order, once each
    (calls of one season share their rubric's titles; another call's extra ones follow)."""
    criteria = Criterion.objects.filter(call__in=queryset.values("call")).order_by("position", "pk")
    return list(dict.fromkeys(criteria.values_list("title", flat=True)))


def columns(with_scores, criteria=(), layout=None):
    """[(name, header)] of the export, in the order of the form (`layout`: the answer
    columns of the calls' own forms, `export_answers`)."""
    layout = layout or AnswerLayout()
    form_fields = ApplicationForm.base_fields
    model_field = Submission._meta.get_field
    head = [
        (name, capfirst(model_field(name).verbose_name))
        for name in ["reference", "call", "status", "submitted_at"]
    ]
    answers = referents = []
    if layout.season_two:
        answers = [
            (name, form_fields[name].label or model_field(name).verbose_name)
            for name in ANSWER_FIELDS
        ]
        referents = [(f"referent{n}", _("Referent %(position)d") % {"position": n}) for n in (1, 2)]
    answers = answers + layout.columns
    figures = [("reviews", _("Reviews done / assigned"))]
    if with_scores:
        figures.append(("weighted_score", _("Weighted score")))
        figures.append((NORMALISED, _("Normalised score")))
        figures += [
            (CRITERION + title, _("Average: %(criterion)s") % {"criterion": title})
            for title in criteria
        ]
        figures += [
            ("comments", _("Reviewers’ comments")),
            ("conflicts", _("Conflicts of interest")),
        ]
    return head + answers + referents + figures


def reviewer_name(review):
    return review.reviewer.get_full_name() or review.reviewer.get_username()


def criterion_averages(submission):
    """{criterion title: average score} over the submitted reviews (a reviewer with a
    conflict has no scores), from the prefetched reviews."""
    values = defaultdict(list)
    for review in submission.reviews.all():
        if review.is_submitted:
            for score in review.scores.all():
                values[score.criterion.title].append(score.value)
    return {title: rounded(Decimal(sum(v)) / len(v)) for title, v in values.items()}


def review_texts(submission, name):
    """The submitted reviews' comments, or every declared conflict, one line each."""
    if name == "comments":
        lines = [
            f"{reviewer_name(r)} : {r.comment.strip()}"
            for r in submission.reviews.all()
            if r.is_submitted and r.comment.strip()
        ]
    else:
        lines = [
            f"{reviewer_name(r)} : {r.conflict_details.strip()}".rstrip(" :")
            for r in submission.reviews.all()
            if r.conflict_of_interest
        ]
    return "\n".join(lines)


def cell(submission, name, layout):
    if name.startswith(ANSWER):
        return answer_cell(submission, name, layout)
    if layout.asks(submission) and (name in ANSWER_FIELDS or name.startswith("referent")):
        return ""  # a season-2 column, for an application to a call with its own form
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
        return reviewing.progress_label(submission)
    if name == "weighted_score":
        return rounded(submission.weighted_score) if submission.weighted_score is not None else ""
    if name == NORMALISED:
        score = calibration.rounded(submission.normalised_score)
        return "" if score is None else score
    if name.startswith(CRITERION):
        return criterion_averages(submission).get(name.removeprefix(CRITERION), "")
    if name in ("comments", "conflicts"):
        return review_texts(submission, name)
    if Submission._meta.get_field(name).choices:
        # The words the applicant chose ("association"), not the code stored.
        return getattr(submission, f"get_{name}_display")()
    value = getattr(submission, name)
    if name == "submitted_at" and value:
        # A real date for the XLSX, on the program's clock (spreadsheets know no zones).
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def is_score(name):
    return name in ("weighted_score", NORMALISED) or name.startswith(CRITERION)


def export_columns(queryset, with_scores, layout):
    return columns(with_scores, criterion_titles(queryset) if with_scores else [], layout)


def rows(queryset, with_scores, cols=None, layout=None):
    """The header, then one row per sent application (a draft is nobody's application
    yet: its author may never send it); values keep their type (Decimal, datetime) for
    each format to write them its own way."""
    queryset = queryset.sent()
    layout = layout or answer_layout(queryset)
    cols = cols or export_columns(queryset, with_scores, layout)
    yield [str(label) for _name, label in cols]
    prefetched = ["referents", *(["attachments"] if layout.questions else [])]
    if with_scores:
        reviews = Review.objects.select_related("reviewer").order_by("assigned_at", "pk")
        prefetched += [
            Prefetch("reviews", queryset=reviews),
            "reviews__scores__criterion",
        ]
    # Each reviewer's scale is read from the whole call, not only the rows exported: one
    # more query, whatever the number of rows.
    normalised = reviewing.normalised_scores(queryset) if with_scores else {}
    for submission in queryset.select_related("call").prefetch_related(*prefetched):
        submission.normalised_score = normalised.get(submission.pk)
        yield [neutralised(cell(submission, name, layout)) for name, _label in cols]


def csv_text(value):
    """How a French spreadsheet reads a value: decimal commas, dates as day/month/year."""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value


def as_csv(queryset, with_scores):
    buffer = io.StringIO()
    # A BOM so that spreadsheet programs read UTF-8; ";" as they expect in French.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    for row in rows(queryset, with_scores):
        writer.writerow([csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def xml_text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def add_joins_sheet(workbook, layout):
    """How the calls' questions were joined into the answer columns (`export_answers`)."""
    sheet = workbook.create_sheet(str(_("Columns")))
    sheet.append(
        [
            _(
                "One column per question key: calls that ask a question under the same key "
                "share its column, headed by the first call's wording; a question a call "
                "does not ask is empty for its applications."
            )
        ]
    )
    sheet.append([])
    for row in joins(layout):
        sheet.append([xml_text(neutralised(value)) for value in row])
        for written in sheet[sheet.max_row]:
            written.data_type = "s"
    sheet.freeze_panes = "A4"


def explain_normalised(sheet, column):
    """The normalised score's header cell (`column`, from 1) carries what it means, as a
    note."""
    sheet.cell(row=1, column=column).comment = Comment(
        str(calibration.NORMALISED_EXPLAINED), str(_("Calibration of the reviewers"))
    )


def as_xlsx(queryset, with_scores):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(capfirst(Submission._meta.verbose_name_plural))[:31]
    layout = answer_layout(queryset.sent())
    cols = export_columns(queryset, with_scores, layout)
    scores = {index for index, (name, _label) in enumerate(cols) if is_score(name)}
    for row in rows(queryset, with_scores, cols, layout):
        # XML cannot hold most control characters (openpyxl refuses them): a form answer
        # may, so they are left out of the XLSX rather than make the export fail.
        sheet.append([xml_text(value) for value in row])
        for index, written in enumerate(sheet[sheet.max_row]):
            if isinstance(written.value, str):
                written.data_type = "s"
            elif isinstance(written.value, datetime.datetime):
                written.number_format = DATE_FORMAT
            elif index in scores:
                written.number_format = SCORE_FORMAT
    names = [name for name, _label in cols]
    if NORMALISED in names:
        explain_normalised(sheet, names.index(NORMALISED) + 1)
    # The header stays in view and filters every column, as a jury's sheet needs.
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    if layout.calls:
        add_joins_sheet(workbook, layout)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
