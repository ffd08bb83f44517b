"""A committee session's docket and minutes as PDF files (fpdf2, pure Python).

The text is French, with accents, typographic apostrophes and « »: the PDF's standard
fonts cover Latin-1 only, so the DejaVu Sans TrueType fonts ship with the code
(`fonts/`, under their free licence) and are embedded, subset, in every file; nothing is
read from the machine's own fonts, so a fresh installation renders the same files
(docs/decisions.md).
"""

from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from fpdf import FPDF

from accelerator.people import person_labels

from ..models import SubmissionStatus
from . import calibration, committee, docket

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
LINE = 5.5


class Document(FPDF):
    """An A4 page with the fonts embedded and a numbered footer."""

    def __init__(self, title, compress=True):
        super().__init__(format="A4")
        self.set_compression(compress)
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(str(title))
        self.set_creator("Accélérateur d’initiatives citoyennes")
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.cell(0, 5, _("Page %(page)d") % {"page": self.page_no()}, align="C")

    def heading(self, text, size=16):
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, str(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, text, bold=False, size=10):
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, LINE, str(text), new_x="LMARGIN", new_y="NEXT")

    def field(self, label, text):
        """ "Label : value", the value on as many lines as it needs."""
        if text:
            self.paragraph(_("%(label)s: %(value)s") % {"label": label, "value": text})


def members_line(session):
    names = sorted(person_labels(session.members.all()).values())
    return ", ".join(names) or _("no member yet")


def session_header(pdf, session, title):
    pdf.heading(title)
    pdf.paragraph(session.call.title, bold=True)
    pdf.field(_("Date"), date_format(session.held_on, "DATE_FORMAT"))
    pdf.field(_("Members"), members_line(session))
    pdf.ln(3)


def item_heading(pdf, row):
    submission = row.submission
    pdf.ln(2)
    pdf.paragraph(
        f"{row.item.position}. {submission.reference} — {submission.display_name}", bold=True
    )


def docket_pdf(session, compress=True):
    """What members read before the meeting: each application with its scores, reviews,
    comments and conflicts, in the docket's order."""
    title = _("Docket — %(session)s") % {"session": session.title}
    pdf = Document(title, compress)
    session_header(pdf, session, title)
    rows = docket.docket_rows(session)
    if not rows:
        pdf.paragraph(_("The docket is empty."))
    else:
        pdf.paragraph(calibration.NORMALISED_EXPLAINED, size=8)
    for row in rows:
        item_heading(pdf, row)
        pdf.field(_("Status"), capfirst(SubmissionStatus(row.item.from_status).label))
        score = row.score
        pdf.field(
            _("Weighted score"),
            f"{score}".replace(".", ",") if score is not None else _("no score yet"),
        )
        normalised = row.normalised
        pdf.field(
            _("Normalised score"),
            f"{normalised}".replace(".", ",") if normalised is not None else _("no score yet"),
        )
        pdf.field(_("Reviews done / assigned"), row.reviews)
        pdf.field(_("Reviewers’ comments"), row.comments)
        pdf.field(_("Conflicts of interest"), row.conflicts)
    return bytes(pdf.output())


def minutes_pdf(session, compress=True):
    """The record of the meeting: each item's decision, votes or consensus, who did not
    vote and why it was decided; the totals by decision at the end."""
    title = _("Minutes — %(session)s") % {"session": session.title}
    pdf = Document(title, compress)
    session_header(pdf, session, title)
    pdf.field(_("Status"), capfirst(session.get_status_display()))
    if session.closed_at:
        pdf.field(_("Closed on"), date_format(timezone.localtime(session.closed_at), "DATE_FORMAT"))
    rows = docket.docket_rows(session)
    for row in rows:
        item_heading(pdf, row)
        if not row.item.has_outcome:
            pdf.paragraph(_("No outcome recorded."))
            continue
        pdf.field(_("Decision"), capfirst(row.decision))
        pdf.field(_("Votes"), row.item.vote_label)
        pdf.field(_("Not voting (conflict of interest)"), row.not_voting)
        pdf.field(_("Reasons"), row.item.reasons)
    counts = committee.status_counts(row.item for row in rows)
    pdf.ln(4)
    pdf.paragraph(_("Decisions"), bold=True, size=12)
    for label, count in counts.items():
        pdf.field(capfirst(label), str(count))
    if not counts:
        pdf.paragraph(_("No outcome recorded."))
    return bytes(pdf.output())
