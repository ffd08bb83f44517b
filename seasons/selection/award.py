"""The award offered to a selected application: accepted, declined or lapsed, and the
place passed to the next on the waiting list.

Every application that becomes "selected" has an `AwardOffer` (`workflow.change_status`
opens it); its clock starts when the applicant is told (`outbox.start_award_clocks`).
- `accept` records the applicant's acceptance; the laureate made at selection becomes
  public-ready (the selection hooks' `on_award_accepted`);
- `decline` is the applicant's refusal: the application becomes "withdrawn" through
  `workflow.change_status`, the hooks' `on_award_given_up` remove its laureate, and the
  place passes on (`promote_next`);
- `lapse_overdue` does the same for the offers nobody answered before their deadline
  (the `expire_award_offers` command, hourly), and tells the applicant whose offer
  lapsed (the editable "award offer lapsed" template, queued once: in the transaction
  that lapses the offer);
- `promote_next` moves the first application of `waiting_list` to "selected" (the
  system's move), opens its offer now and queues the e-mail offering the place.
Each answer locks the offer's row, so a double click or two tabs answer once; each
promotion locks the call's row, so two places given up at once go to two different
applications, in the committee's order.
"""

import datetime

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import outbox
from ..models import (
    AwardOffer,
    Call,
    DocketItem,
    EmailStatus,
    OfferState,
    SessionStatus,
    Submission,
    SubmissionStatus,
)
from ..models.email import LAPSED, PROMOTED
from . import reviewing, workflow

S = SubmissionStatus
REASON_MAX_LENGTH = 1000


class OfferRefused(Exception):
    """The offer cannot take this answer (not open yet, answered, deadline passed)."""


def locked_offer(submission):
    """The application's offer, its row locked until the transaction ends, read afresh."""
    offer = (
        AwardOffer.objects.select_for_update()
        .select_related("submission__call")
        .filter(submission=submission.pk)
        .first()
    )
    if offer is None:
        raise OfferRefused(_("This application has no award offer."))
    return offer


def check_open(offer, now):
    """Raise OfferRefused with a sentence for the applicant, unless the offer is open."""
    if offer.state == OfferState.ACCEPTED:
        raise OfferRefused(_("You have already accepted this award."))
    if offer.state in (OfferState.DECLINED, OfferState.LAPSED):
        raise OfferRefused(_("This offer is closed: the place has passed on."))
    if offer.opens_at is None or offer.opens_at > now:
        raise OfferRefused(_("This offer is not open yet."))
    if offer.deadline <= now:
        raise OfferRefused(_("The deadline to answer this offer has passed."))


def accept(submission, *, now=None):
    """The applicant accepts the award; returns (offer, accepted now).

    In one transaction: the offer's row locked, marked accepted with the moment, and
    every selection hook's `on_award_accepted` (the laureate may go public). Accepting
    again (a double click) changes nothing and returns accepted now = False; an offer
    declined, lapsed, not open yet or past its deadline raises OfferRefused."""
    now = now or timezone.now()
    with transaction.atomic():
        offer = locked_offer(submission)
        if offer.state == OfferState.ACCEPTED:
            return offer, False
        check_open(offer, now)
        offer.state = OfferState.ACCEPTED
        offer.answered_at = now
        offer.save(update_fields=["state", "answered_at"])
        for hook in workflow.SELECTION_HOOKS:
            hook.on_award_accepted(offer.submission)
    submission.award_offer = offer
    return offer, True


def decline(submission, *, reason="", absolute=None, now=None):
    """The applicant declines the award; returns (offer, declined now).

    In one transaction: the offer's row locked; the application moves selected →
    withdrawn through `workflow.change_status` (the applicant's move, the reason in its
    history); the offer is marked declined with the reason; `give_up` removes the
    laureate and passes the place on. Declining again changes nothing (declined now =
    False); an offer accepted, lapsed, not open or past its deadline raises
    OfferRefused."""
    now = now or timezone.now()
    reason = reason.strip()[:REASON_MAX_LENGTH]
    with transaction.atomic():
        offer = locked_offer(submission)
        if offer.state == OfferState.DECLINED:
            return offer, False
        check_open(offer, now)
        workflow.change_status(
            offer.submission,
            S.WITHDRAWN,
            actor=workflow.Actor.APPLICANT,
            reason=_("Award declined by the applicant. %(reason)s") % {"reason": reason}
            if reason
            else _("Award declined by the applicant."),
        )
        offer.decline_reason = reason
        give_up(offer, OfferState.DECLINED, now, absolute)
    submission.status = offer.submission.status
    submission.award_offer = offer
    return offer, True


def lapse_overdue(now=None, absolute=None):
    """Lapse every pending offer whose deadline has passed, each in its own transaction,
    pass each place on and queue the e-mail telling its applicant; returns the offers
    lapsed. Idempotent: an offer answered or lapsed meanwhile (another run, the applicant
    at the last second) is left alone, and e-mailed nothing more."""
    now = now or timezone.now()
    lapsed = []
    for pk in list(AwardOffer.objects.overdue(now).values_list("pk", flat=True)):
        with transaction.atomic():
            offer = (
                AwardOffer.objects.select_for_update().select_related("submission__call").get(pk=pk)
            )
            if offer.state != OfferState.PENDING or offer.deadline > now:
                continue
            workflow.change_status(
                offer.submission,
                S.WITHDRAWN,
                actor=workflow.Actor.SYSTEM,
                reason=_("The award offer lapsed: no answer before its deadline."),
            )
            give_up(offer, OfferState.LAPSED, now, absolute)
            outbox.draft_decision_email(
                offer.submission, absolute, occasion=LAPSED, status=EmailStatus.QUEUED
            )
            lapsed.append(offer)
    return lapsed


def give_up(offer, state, now, absolute):
    """Inside the caller's transaction: the offer marked `state`, the hooks told (the
    laureate made at selection goes), the place passed on."""
    offer.state = state
    offer.answered_at = now
    for hook in workflow.SELECTION_HOOKS:
        hook.on_award_given_up(offer.submission)
    offer.passed_to = promote_next(offer.submission.call, absolute=absolute, now=now)
    offer.save(update_fields=["state", "answered_at", "decline_reason", "passed_to"])


def waiting_list(call):
    """The call's waitlisted applications in the committee's order: by the session that
    put them on the waiting list (earliest closed first), then their docket position;
    those waitlisted outside a session come after, best weighted score first."""
    item = DocketItem.objects.filter(
        submission=OuterRef("pk"), decision=S.WAITLISTED, session__status=SessionStatus.CLOSED
    ).order_by("-session__closed_at", "-pk")
    return (
        reviewing.with_review_figures(Submission.objects.filter(call=call, status=S.WAITLISTED))
        .annotate(
            session_closed_at=Subquery(item.values("session__closed_at")[:1]),
            docket_position=Subquery(item.values("position")[:1]),
        )
        .order_by(
            F("session_closed_at").asc(nulls_last=True),
            F("docket_position").asc(nulls_last=True),
            F("weighted_score").desc(nulls_last=True),
            "reference",
            "pk",
        )
    )


def promote_next(call, *, absolute=None, now=None):
    """Offer a place given up to the first of the call's waiting list, inside the
    caller's transaction; returns that application, or None when the list is empty.

    The call's row is locked first, so that two places given up at once are offered one
    after the other, to two different applications. The application moves waitlisted →
    selected (the system's move: its offer opens, the laureate hook runs), its offer's
    clock starts now, and the e-mail offering the place (the editable "place offered
    from the waiting list" template) is queued: it leaves without waiting for staff,
    since nobody decides anything new."""
    now = now or timezone.now()
    Call.objects.select_for_update().filter(pk=call.pk).values_list("pk", flat=True).first()
    candidate = waiting_list(call).select_related("call__season").first()
    if candidate is None:
        return None
    workflow.change_status(
        candidate,
        S.SELECTED,
        actor=workflow.Actor.SYSTEM,
        reason=_("A selected applicant gave up their place: offered from the waiting list."),
    )
    AwardOffer.objects.filter(submission=candidate).update(
        opens_at=now, deadline=now + datetime.timedelta(days=call.award_acceptance_days)
    )
    outbox.draft_decision_email(candidate, absolute, occasion=PROMOTED, status=EmailStatus.QUEUED)
    return candidate
