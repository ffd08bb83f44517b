"""What the reminder tests share: uMap's team (two active members, one revoked), a
laureate whose support is closed, the address their links start with, what was sent."""

from django.utils import timezone

from laureates.tests.factories import LaureateFactory, TeamMemberFactory

SITE = "https://aic.example.org"


def umap_team(**fields):
    """uMap (with `fields`): Alice Martin and Bob Durand in its team, Carole revoked.
    Returns uMap, Alice and Bob."""
    umap = LaureateFactory(name="uMap", **fields)
    alice = TeamMemberFactory(laureate=umap, name="Alice Martin", email="alice@example.org")
    bob = TeamMemberFactory(laureate=umap, name="Bob Durand", email="bob@example.org")
    TeamMemberFactory(laureate=umap, name="Carole Révoquée", email="carole@example.org",
                      revoked_at=timezone.now())  # fmt: skip
    return umap, alice, bob


def closed_support(closed_on):
    """Clos, whose support closed on `closed_on`, with a member: never reminded."""
    member = TeamMemberFactory(laureate__name="Clos", laureate__support_closed_on=closed_on,
                               email="clos@example.org")  # fmt: skip
    return member.laureate


def sent(messages):
    """Each e-mail's address and subject, sorted."""
    return sorted((message.to[0], message.subject) for message in messages)
