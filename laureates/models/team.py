"""The laureate's team: the people who sign in to its private space, and their links.

A member never becomes a Django user: they sign in by a link e-mailed to their address
(`laureates.space.sign_in`), and only a hash of that link's token is stored here.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from seasons.models.jury import EmailedLink

from .laureate import Laureate


class TeamMemberQuerySet(models.QuerySet):
    def active(self):
        """Members who may sign in: not revoked."""
        return self.filter(revoked_at__isnull=True)


class TeamMember(models.Model):
    """One person of a laureate's team. Added and revoked by `laureates.space.membership`."""

    laureate = models.ForeignKey(
        Laureate, on_delete=models.CASCADE, related_name="members", verbose_name=_("laureate")
    )
    name = models.CharField(_("name"), max_length=200)
    # Stored in lower case (`membership.add_member`): the address typed to sign in finds it.
    email = models.EmailField(_("e-mail"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("access revoked at"), null=True, blank=True)

    objects = TeamMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["laureate", "name", "pk"]
        constraints = [
            # One active membership per address and laureate; a revoked one may come back.
            models.UniqueConstraint(
                fields=["laureate", "email"],
                condition=Q(revoked_at__isnull=True),
                name="team_member_active_email_unique",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.email})"

    @property
    def is_active(self):
        return self.revoked_at is None


class SignInLink(EmailedLink):
    """A sign-in link sent to a member: valid a short time, usable once. Only the SHA-256
    of its token is kept, so a copy of the database opens no space."""

    member = models.ForeignKey(
        TeamMember, on_delete=models.CASCADE, related_name="sign_in_links", verbose_name=_("member")
    )

    class Meta(EmailedLink.Meta):
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self):
        return f"{self.member} ({self.created_at:%Y-%m-%d %H:%M})"
