"""Who belongs to a laureate's team: the one owner of adding and revoking a member.

Each change is a row's change, so simple-history keeps who was added or revoked, when,
and by whom (the admin's user, through simple-history's middleware).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from seasons.applying.stored_answers import referents_of

from ..models import TeamMember


def normalized(email):
    return email.strip().lower()


def add_member(laureate, *, name, email):
    """Add a person to the laureate's team; returns (member, created).

    The address is stored in lower case. An address already active in the team gives
    back that member unchanged (created False): the referents copied at the selection and
    a staff member adding the same person make one membership, not two. The partial
    unique constraint holds it when two requests add the same address at once.
    """
    email = normalized(email)
    existing = laureate.members.active().filter(email=email).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(
                laureate=laureate, name=" ".join(name.split()), email=email
            )
    except IntegrityError:
        existing = laureate.members.active().filter(email=email).first()
        if existing is None:
            raise
        return existing, False
    return member, True


def add_referents(laureate, submission):
    """The application's referents become the team's first members (`onboarding`)."""
    return [
        add_member(
            laureate,
            name=f"{referent['first_name']} {referent['last_name']}",
            email=referent["email"],
        )[0]
        for referent in referents_of(submission)
        if referent["email"]
    ]


def revoke_member(member, *, now=None):
    """Close a member's access: their sign-in links stop working and their open session
    ends at its next request (`sign_in.current_member` reads the membership each time).
    Revoking twice changes nothing; returns True when it revoked."""
    with transaction.atomic():
        locked = TeamMember.objects.select_for_update().get(pk=member.pk)
        if locked.revoked_at is not None:
            return False
        locked.revoked_at = now or timezone.now()
        locked.save(update_fields=["revoked_at"])
    member.revoked_at = locked.revoked_at
    return True
