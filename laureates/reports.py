"""A laureate's reports (the 6-month review, the final report): the one owner of their changes.

Applying the season's plan schedules them (`schedule_reports`); the team saves drafts
(`save_draft`) and sends (`send`: a new `ReportVersion`, never changed afterwards); staff
accept (`accept`) or ask for changes on given questions (`request_changes`: one
`ReportComment` per question). draft → sent → changes requested → sent … → accepted.

Every change locks the report's row, checks its state and saves it, so of two people
acting at once exactly one wins and the other is refused with the state they find;
simple-history keeps every state with who made it (staff) or why (the member's name).
A refusal raises `ReportRefused` with a message for a person.
"""

import datetime
import decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accelerator.dates import add_months
from seasons.models import QuestionType
from seasons.models.call_form import YES

from .models import Report, ReportComment, ReportKind, ReportQuestion, ReportStatus, ReportVersion

DRAFT = ReportStatus.DRAFT
SENT = ReportStatus.SENT
CHANGES_REQUESTED = ReportStatus.CHANGES_REQUESTED
ACCEPTED = ReportStatus.ACCEPTED
SIX_MONTHS = 6


class ReportRefused(Exception):
    """The report's state does not allow the change asked for."""


def due_on(laureate, kind):
    """The 6-month review six months after the support starts (never after it ends); the
    final report on the last day of support."""
    if kind == ReportKind.SIX_MONTH:
        return min(add_months(laureate.support_starts_on, SIX_MONTHS), laureate.support_ends_on)
    return laureate.support_ends_on


def questions_of(report):
    """The questions of the report's kind on its laureate's season plan, in order (one
    query; the report's laureate already read)."""
    return list(
        ReportQuestion.objects.filter(
            plan__season_id=report.laureate.season_id, report_kind=report.kind
        )
    )


def schedule_reports(laureate):
    """One report per kind the season's plan has questions for; idempotent (the unique
    (laureate, kind) and the laureate's row locked by the caller keep it so when two staff
    apply the plan at once). Called by
    `followup.apply_plan`, within its transaction. Returns the kinds scheduled now."""
    kinds = set(
        ReportQuestion.objects.filter(plan__season_id=laureate.season_id).values_list(
            "report_kind", flat=True
        )
    )
    existing = set(laureate.reports.values_list("kind", flat=True))
    missing = [kind for kind in ReportKind.values if kind in kinds and kind not in existing]
    for kind in missing:
        # One by one (two at most), so that simple-history records each creation.
        Report.objects.get_or_create(
            laureate=laureate, kind=kind, defaults={"due_on": due_on(laureate, kind)}
        )
    return missing


def stored(value):
    """An answer as JSON keeps it: dates as ISO days, numbers and yes/no as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | decimal.Decimal):
        return str(value)
    return value


def stored_answers(cleaned):
    return {key: stored(value) for key, value in cleaned.items() if value not in (None, "")}


def _name(report):
    return _("%(report)s of %(laureate)s") % {
        "report": report.get_kind_display(),
        "laureate": report.laureate.name,
    }


def _locked(report, statuses, message):
    """The report's row, locked; ReportRefused unless its status is one of `statuses`.
    A second person waits for the first one's commit, then reads the new status."""
    locked = (
        Report.objects.select_for_update(of=("self",)).select_related("laureate").get(pk=report.pk)
    )
    if locked.status not in statuses:
        raise ReportRefused(
            message % {"report": _name(locked), "status": ReportStatus(locked.status).label.lower()}
        )
    return locked


def _save(locked, report, reason, user=None):
    locked._change_reason = reason
    if user is not None:
        locked._history_user = user
    locked.save()
    for name in ("status", "answers", "sent_at", "accepted_at", "accepted_by_id"):
        setattr(report, name, getattr(locked, name))
    return report


def _check_member(report, member):
    if member.laureate_id != report.laureate_id:
        raise ReportRefused(_("This report is not one of your laureate's."))


def save_draft(report, member, answers):
    """Keep what a member typed (`answers`, {key: JSON value}) without sending it."""
    _check_member(report, member)
    with transaction.atomic():
        locked = _locked(
            report,
            (DRAFT, CHANGES_REQUESTED),
            _("%(report)s can no longer be changed: it is %(status)s."),
        )
        locked.answers = answers
        return _save(locked, report, _("draft saved by %(name)s") % {"name": member.name})


def send(report, member, answers, questions, *, now=None):
    """Send the report to the program: keeps `answers` as a new version (numbered from 1)
    with `questions` as the team saw them; the report awaits staff's review. The caller
    checked that every required question is answered (`forms.ReportForm`)."""
    _check_member(report, member)
    if not questions:
        raise ReportRefused(_("The program has not written this report's questions yet."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(
            report, (DRAFT, CHANGES_REQUESTED), _("%(report)s cannot be sent: it is %(status)s.")
        )
        number = locked.versions.count() + 1
        ReportVersion.objects.create(
            report=locked,
            number=number,
            questions=[{"key": q.key, "label": q.label, "type": q.type} for q in questions],
            answers=answers,
            sent_at=now,
            sent_by=member,
        )
        locked.answers = answers
        locked.status, locked.sent_at = SENT, now
        return _save(
            locked,
            report,
            _("version %(number)d sent by %(name)s")
            % {
                "number": number,
                "name": member.name,
            },
        )


def request_changes(report, user, comments):
    """Staff send the report back with a comment on each question to change
    (`comments`: {question key: text}; at least one, on the questions of the version
    sent). The team edits and sends again."""
    comments = {key: text.strip() for key, text in comments.items() if text.strip()}
    if not comments:
        raise ReportRefused(_("Say on at least one question what the team should change."))
    with transaction.atomic():
        locked = _locked(report, (SENT,), _("%(report)s cannot be sent back: it is %(status)s."))
        version = locked.versions.order_by("-number").first()
        keys = {question["key"] for question in version.questions}
        unknown = sorted(set(comments) - keys)
        if unknown:
            raise ReportRefused(
                _("These questions are not in the version sent: %(keys)s.")
                % {"keys": ", ".join(unknown)}
            )
        ReportComment.objects.bulk_create(
            [
                ReportComment(version=version, question_key=key, text=text, author=user)
                for key, text in comments.items()
            ]
        )
        locked.status = CHANGES_REQUESTED
        return _save(locked, report, _("changes requested"), user)


def accept(report, user, *, now=None):
    """Staff accept the report as sent; a tranche tied to it becomes releasable (its
    condition reads the report's status, see `models.tranche.CONDITION_MET`)."""
    with transaction.atomic():
        locked = _locked(report, (SENT,), _("%(report)s cannot be accepted: it is %(status)s."))
        locked.status = ACCEPTED
        locked.accepted_at, locked.accepted_by = now or timezone.now(), user
        return _save(locked, report, _("accepted"), user)


def answer_text(question_type, value):
    """An answer as a person reads it ("—" when left empty)."""
    if value in (None, ""):
        return "—"
    if question_type == QuestionType.YES_NO:
        return _("Yes") if value == YES else _("No")
    return value


def version_rows(version):
    """[{key, label, answer, comment}] of a sent version, in its questions' order, with
    staff's comment on each (its comments prefetched)."""
    comments = {comment.question_key: comment.text for comment in version.comments.all()}
    return [
        {
            "key": question["key"],
            "label": question["label"],
            "answer": answer_text(question["type"], version.answers.get(question["key"])),
            "comment": comments.get(question["key"], ""),
        }
        for question in version.questions
    ]
