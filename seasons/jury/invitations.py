"""Inviting outside jurors to a committee session, and taking them off it.

A juror is a Django account that is not staff, without a usable password, in the
jurors' group (`selection.roles.JUROR`), and a member of the sessions they sit on. Each
function below is the one writer of what it changes:

- `invite_juror` finds the account by its address (any case) or creates it, adds it to
  the session, gives it a review of every application on the docket (through
  `reviewing.assign`, so that jurors' scores count as reviews: progress, calibration,
  docket) and queues an invitation e-mail with a sign-in link through the outbox. Called
  again, it sends a new link (the earlier ones stay valid until they expire).
- `remove_juror` takes the account off the session and deletes its reviews not started
  there (nothing declared, scored nor written); started or submitted reviews stay, as a
  record of what the juror did.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .. import outbox
from ..models import CommitteeSession, EmailKind, Review, SessionStatus
from ..selection import reviewing
from ..selection.committee import SessionRefused, locked
from ..selection.roles import JUROR
from ..sign_in_links import normalized
from . import sign_in


def split_name(full_name):
    """("Hélène", "Martin-Dupont") from "Hélène Martin-Dupont"; one word is a first name."""
    first, _space, last = " ".join(full_name.split()).partition(" ")
    return first[:150], last[:150]


def free_username(email):
    """The address as the username, numbered when another account has it already."""
    User = get_user_model()
    base = email[:140]
    candidate, number = base, 1
    while User.objects.filter(username=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def juror_account(full_name, email):
    """(user, created): the account of `email` (any case), made a juror, or a new one.
    SessionRefused for a staff or a deactivated account."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None and (user.is_staff or user.is_superuser):
        raise SessionRefused(
            {"email": _("This address is a staff account's: add it to the members instead.")}
        )
    if user is not None and not user.is_active:
        raise SessionRefused({"email": _("This address is a deactivated account's.")})
    created = user is None
    if created:
        first_name, last_name = split_name(full_name)
        user = User(
            username=free_username(email),
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_staff=False,
        )
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=JUROR)[0])
    return user, created


def invite_juror(session, *, full_name, email, absolute_url):
    """Sit the person of `email` on `session` as a juror and e-mail them a sign-in link;
    returns (user, created). `absolute_url` turns a path into the link of the e-mail.

    Side effects, in one transaction: the account (created, or put in the jurors' group),
    the membership, one review per docket application not assigned yet (no digest), one
    `JurorSignInLink` (hash only) and one outbox row. SessionRefused ({field: sentence})
    on a closed session, a staff or deactivated account, or an empty name."""
    email = normalized(email)
    if not full_name.strip():
        raise SessionRefused({"full_name": _("Give the juror's first and last names.")})
    with transaction.atomic():
        current = locked(session)
        if current.status == SessionStatus.CLOSED:
            raise SessionRefused(_("This session is closed: nobody can join it any more."))
        user, created = juror_account(full_name, email)
        current.members.add(user)
        docket = [item.submission for item in current.items.select_related("submission")]
        reviewing.assign(docket, [user], notify=False)
        queue_invitation(current, user, absolute_url)
    return user, created


def queue_invitation(session, user, absolute_url):
    token = sign_in.create_link(user, minutes=settings.JUROR_INVITATION_LINK_HOURS * 60)
    context = {
        "juror": user,
        "session": session,
        "url": absolute_url(sign_in.link_path(token)),
        "sign_in_url": absolute_url(sign_in.request_path()),
        "hours": settings.JUROR_INVITATION_LINK_HOURS,
        "program_name": settings.PROGRAM_NAME,
    }
    return outbox.queue_email(
        kind=EmailKind.JUROR_INVITATION,
        to=user.email,
        template="seasons/email/juror_invitation",
        context=context,
        language=settings.LANGUAGE_CODE,
    )


def not_started(reviews):
    """Reviews with nothing in them yet: no declaration, score, comment nor submission."""
    return reviews.filter(
        submitted_at__isnull=True, conflict_of_interest__isnull=True, comment="", scores=None
    )


def remove_juror(session, user):
    """Take `user` off `session`; returns how many of their reviews were deleted: those
    of this docket not started, unless another open session of theirs holds the same
    application. SessionRefused on a closed session (its members are a record)."""
    with transaction.atomic():
        current = locked(session)
        if current.status == SessionStatus.CLOSED:
            raise SessionRefused(_("This session is closed: its members are a record."))
        current.members.remove(user)
        elsewhere = CommitteeSession.objects.filter(members=user).exclude(
            status=SessionStatus.CLOSED
        )
        reviews = not_started(
            Review.objects.filter(reviewer=user, submission__docket_items__session=current)
        ).exclude(Q(submission__docket_items__session__in=elsewhere))
        deleted = Review.objects.filter(pk__in=list(reviews.values_list("pk", flat=True)))
        count = deleted.count()
        for review in deleted:  # one by one, so that the history records each deletion
            review.delete()
    return count
