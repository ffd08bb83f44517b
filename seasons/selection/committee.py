"""The committee session: its docket, the outcomes the meeting recorded, and its closing.

- `assemble_docket` puts on a session in preparation the call's applications that have the
  chosen status (the shortlist), best weighted score first, and gives them to the
  session's outside jurors to review (`jurors`);
- `record_outcome` writes one item's decision (a status the workflow allows from the
  item's status), the votes or the consensus, the reasons and the members who do not vote
  (a conflict of interest: those staff tick, and always the members, outside jurors or
  staff, who declared one in their review of the application, `declared_conflicts`);
  the first outcome marks the session as held;
- `close_session` moves every item's application through `workflow.change_status` in ONE
  transaction, the session named in each transition's reason, and drafts the decision
  e-mails in the outbox (released later by staff): one refusal undoes everything.
Each function locks the session row (select_for_update), so two members of staff acting at
once are served one after the other, the second on what the first wrote.
"""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import outbox
from ..models import (
    VOTES,
    CommitteeSession,
    DocketItem,
    OutboundEmail,
    Review,
    SessionStatus,
    Submission,
    SubmissionStatus,
)
from . import decisions, reviewing, workflow
from .roles import JUROR


class SessionRefused(Exception):
    """What was asked cannot be done; `errors` maps a field (or None) to its sentence."""

    def __init__(self, errors):
        self.errors = errors if isinstance(errors, dict) else {None: errors}
        super().__init__(" ".join(str(e) for e in self.errors.values()))


def allowed_decisions(from_status):
    """The decisions an item on the docket may receive: the workflow's staff moves."""
    return workflow.next_statuses(from_status, workflow.Actor.STAFF)


def locked(session):
    """The session's row, locked until the transaction ends, read afresh."""
    return CommitteeSession.objects.select_for_update().get(pk=session.pk)


def assemble_docket(session, from_status=None):
    """Add to the docket the call's applications in `from_status` (by default the
    session's `docket_status`) not on it yet, best weighted score first, after the items
    already there. Returns the items added."""
    with transaction.atomic():
        current = locked(session)
        if current.status != SessionStatus.PREPARING:
            raise SessionRefused(_("The docket of a session already held cannot change."))
        from_status = from_status or current.docket_status
        on_docket = current.items.values("submission")
        candidates = (
            reviewing.with_review_figures(
                Submission.objects.filter(call=current.call_id, status=from_status)
            )
            .exclude(pk__in=on_docket)
            .order_by(F("weighted_score").desc(nulls_last=True), "reference", "pk")
        )
        last = current.items.aggregate(last=Max("position"))["last"] or 0
        added = DocketItem.objects.bulk_create(
            DocketItem(
                session=current,
                submission=submission,
                position=last + index,
                from_status=submission.status,
            )
            for index, submission in enumerate(candidates, start=1)
        )
        # The session's outside jurors review what the docket gains, as they review what
        # it held when they were invited (`seasons.jury.invitations`).
        reviewing.assign([item.submission for item in added], jurors(current), notify=False)
        if current.docket_status != from_status:
            current.docket_status = from_status
            current.save(update_fields=["docket_status"])
        session.refresh_from_db()
    return added


def jurors(session):
    """The session's outside jurors: members who are not staff, in the jurors' group."""
    return session.members.filter(is_active=True, is_staff=False, groups__name=JUROR)


def declared_conflicts(session, submissions=None):
    """{application id: {member id}}: the session's members who declared a conflict of
    interest in their review of an application on its docket (or of `submissions`). One
    query."""
    reviews = Review.objects.filter(
        conflict_of_interest=True,
        reviewer__in=session.members.values("pk"),
        submission__in=submissions
        if submissions is not None
        else session.items.values("submission"),
    )
    conflicts = {}
    for submission_id, reviewer_id in reviews.values_list("submission_id", "reviewer_id"):
        conflicts.setdefault(submission_id, set()).add(reviewer_id)
    return conflicts


def check_outcome(item, members, *, decision, by_consensus, votes, not_voting):
    """{field: sentence} of what is wrong with an outcome, empty when it can be recorded."""
    errors = {}
    if decision not in allowed_decisions(item.from_status):
        errors["decision"] = _("Choose one of the decisions this application can receive.")
    strangers = {user.pk for user in not_voting} - {user.pk for user in members}
    if strangers:
        errors["not_voting"] = _("Only members of the session can be recorded as not voting.")
    voters = len(members) - len(not_voting)
    given = [votes.get(name) for name in VOTES]
    if by_consensus:
        if any(value is not None for value in given):
            errors["by_consensus"] = _("A decision by consensus has no votes.")
    elif any(value is None for value in given):
        errors["votes_for"] = _("Give the votes for, against and abstentions, or a consensus.")
    elif any(value < 0 for value in given):
        errors["votes_for"] = _("Votes cannot be negative.")
    elif sum(given) > voters:
        errors["votes_for"] = _(
            "%(votes)d votes for %(voters)d voting members: there are more votes than voters."
        ) % {"votes": sum(given), "voters": voters}
    return errors


def record_outcome(item, *, decision, by_consensus, votes, reasons, not_voting, user):
    """Write what the meeting decided on one item; raise SessionRefused with the fields'
    errors, or return the item. A member who declared a conflict of interest on the
    application is recorded as not voting, ticked or not. The first outcome marks the
    session as held."""
    with transaction.atomic():
        session = locked(item.session)
        if session.status == SessionStatus.CLOSED:
            raise SessionRefused(_("This session is closed: its outcomes can no longer change."))
        members = list(session.members.all())
        conflicted = declared_conflicts(session, [item.submission_id]).get(item.submission_id)
        not_voting = list(not_voting)
        ticked = {user.pk for user in not_voting}
        not_voting += [m for m in members if m.pk in (conflicted or ()) and m.pk not in ticked]
        errors = check_outcome(
            item, members, decision=decision, by_consensus=by_consensus, votes=votes,
            not_voting=not_voting,
        )  # fmt: skip
        if errors:
            raise SessionRefused(errors)
        item.decision = decision
        item.by_consensus = by_consensus
        for name in VOTES:
            setattr(item, name, None if by_consensus else votes[name])
        item.voters = len(members) - len(not_voting)
        item.reasons = reasons.strip()
        item.recorded_at = timezone.now()
        item.recorded_by = user
        item.save()
        item.not_voting.set(not_voting)
        if session.status == SessionStatus.PREPARING:
            session.status = SessionStatus.HELD
            session._change_reason = _("First outcome recorded")
            session.save(update_fields=["status"])
        item.session = session
    return item


def transition_reason(session, item):
    """What the status history says: the session, then the reasons."""
    named = _("Committee session “%(session)s”") % {"session": session}
    if not item.reasons:
        return named
    return _("%(session)s: %(reasons)s") % {"session": named, "reasons": item.reasons}


def close_session(session, *, user, draft_emails=True, absolute=None, release_at=None):
    """Move every item's application to its recorded decision, all or nothing.

    Raises SessionRefused when an item has no outcome, when the session is already closed,
    or when the workflow refuses one move (the application changed meanwhile: a
    withdrawal); nothing is changed then. Decision e-mails are drafted in the outbox, never
    sent here; with `release_at` they are queued to leave at that moment, held by every
    sender until then. Returns the number of applications moved."""
    with transaction.atomic():
        current = locked(session)
        if current.status == SessionStatus.CLOSED:
            raise SessionRefused(_("This session is already closed."))
        items = list(current.items.select_related("submission__call__season"))
        if not items:
            raise SessionRefused(_("The docket is empty: there is nothing to decide."))
        drafted = []
        missing = [item for item in items if not item.has_outcome]
        if missing:
            raise SessionRefused(
                _("Record the outcome of every item first (missing: %(items)s).")
                % {"items": ", ".join(str(item.position) for item in missing)}
            )
        # The applications too, in a fixed order, so that concurrent closings cannot
        # deadlock and an applicant's withdrawal waits for (or precedes) the closing.
        list(
            Submission.objects.select_for_update()
            .filter(pk__in=[item.submission_id for item in items])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for item in items:
            submission = item.submission
            try:
                workflow.change_status(
                    submission,
                    item.decision,
                    actor=workflow.Actor.STAFF,
                    user=user,
                    reason=transition_reason(current, item),
                )
            except workflow.TransitionRefused as refused:
                raise SessionRefused(f"{submission}: {refused}") from refused
            if draft_emails and item.decision in decisions.ANNOUNCED:
                drafted.append(outbox.draft_decision_email(submission, absolute))
        if release_at is not None:
            outbox.hold_until(
                OutboundEmail.objects.filter(pk__in=[e.pk for e in drafted if e]), release_at
            )
        current.status = SessionStatus.CLOSED
        current.closed_at = timezone.now()
        current.closed_by = user
        current._change_reason = _("Session closed")
        current.save(update_fields=["status", "closed_at", "closed_by"])
        session.refresh_from_db()
    return len(items)


def status_counts(items):
    """{decision label: count} of the recorded outcomes, for the minutes."""
    counts = {}
    for item in items:
        if item.has_outcome:
            label = SubmissionStatus(item.decision).label
            counts[label] = counts.get(label, 0) + 1
    return counts
