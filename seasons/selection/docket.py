"""A committee session's docket as staff send it before the meeting, and its minutes'
figures: each item with its application's scores, reviews, comments and conflicts, read
from the reviews as they stand (never copied), in a fixed number of queries.

The XLSX follows the applications' export (`exports`): a frozen header with filters,
scores shown with two decimals, texts written as text and never as formulas. The PDFs
are in `docket_pdf`.
"""

import io
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accelerator.people import person_labels

from ..models import DocketItem, Review, Submission, SubmissionStatus
from . import calibration, exports, reviewing


@dataclass
class DocketRow:
    item: DocketItem
    submission: Submission  # with its review figures and reviews prefetched
    comments: str
    conflicts: str
    normalised_score: float | None = None  # from the whole call's reviews (`calibration`)

    @property
    def score(self):
        return exports.rounded(self.submission.weighted_score)

    @property
    def normalised(self):
        return calibration.rounded(self.normalised_score)

    @property
    def reviews(self):
        return reviewing.progress_label(self.submission)

    @property
    def decision(self):
        return str(SubmissionStatus(self.item.decision).label) if self.item.decision else ""

    @property
    def not_voting(self):
        return ", ".join(sorted(person_labels(self.item.not_voting.all()).values()))


def docket_items(session):
    """The session's items in their order, the members not voting prefetched: two queries."""
    return list(session.items.select_related("submission").prefetch_related("not_voting"))


def docket_rows(session):
    """[DocketRow] in the docket's order: five queries, whatever the number of items."""
    items = docket_items(session)
    normalised = reviewing.normalised_scores(Submission.objects.filter(call=session.call_id))
    reviews = Review.objects.select_related("reviewer").order_by("assigned_at", "pk")
    submissions = {
        submission.pk: submission
        for submission in reviewing.with_review_figures(
            Submission.objects.filter(pk__in=[item.submission_id for item in items])
        ).prefetch_related(Prefetch("reviews", queryset=reviews))
    }
    rows = []
    for item in items:
        submission = submissions[item.submission_id]
        rows.append(
            DocketRow(
                item=item,
                submission=submission,
                comments=exports.review_texts(submission, "comments"),
                conflicts=exports.review_texts(submission, "conflicts"),
                normalised_score=normalised.get(submission.pk),
            )
        )
    return rows


def columns(with_outcomes):
    head = [
        _("Order"),
        _("Reference"),
        _("Application"),
        _("Status on the docket"),
        _("Weighted score"),
        _("Normalised score"),
        _("Reviews done / assigned"),
        _("Reviewers’ comments"),
        _("Conflicts of interest"),
    ]
    if with_outcomes:
        head += [_("Decision"), _("Votes"), _("Not voting"), _("Reasons")]
    return head


def values(row, with_outcomes):
    submission = row.submission
    line = [
        row.item.position,
        submission.reference,
        submission.display_name,
        str(capfirst(SubmissionStatus(row.item.from_status).label)),
        row.score,
        row.normalised,
        row.reviews,
        row.comments,
        row.conflicts,
    ]
    if with_outcomes:
        line += [row.decision, row.item.vote_label, row.not_voting, row.item.reasons]
    return line


SCORE_COLUMNS = (4, 5)
NORMALISED_COLUMN = 6  # counted from 1, as spreadsheets do


def as_xlsx(session):
    """The docket, and the outcomes once the meeting recorded some."""
    rows = docket_rows(session)
    with_outcomes = any(row.item.has_outcome for row in rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(capfirst(_("docket")))[:31]
    sheet.append([str(label) for label in columns(with_outcomes)])
    for row in rows:
        sheet.append([exports.xml_text(exports.neutralised(v)) for v in values(row, with_outcomes)])
        for index, written in enumerate(sheet[sheet.max_row]):
            if isinstance(written.value, str):
                written.data_type = "s"
            elif index in SCORE_COLUMNS:
                written.number_format = exports.SCORE_FORMAT
    exports.explain_normalised(sheet, NORMALISED_COLUMN)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
