"""The jurors' sign-in links: outside jurors (citizens, experts) sit on committee
sessions without being staff, and sign in by a link e-mailed to them
(`seasons.jury.sign_in`). Only the SHA-256 of a link's token is stored here, so a copy
of the database signs nobody in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailedLink(models.Model):
    """What every e-mailed sign-in link keeps (`seasons.sign_in_links` reads it): the hash
    of its token, when it expires, when it was used. The laureate teams' links
    (`laureates.SignInLink`) are the same, for a team member instead of an account."""

    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class JurorSignInLink(EmailedLink):
    """A sign-in link sent to a juror: valid a short time, usable once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="juror_sign_in_links",
        verbose_name=_("juror"),
    )

    class Meta(EmailedLink.Meta):
        verbose_name = _("juror sign-in link")
        verbose_name_plural = _("juror sign-in links")
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(used_at__lte=models.F("expires_at")),
                name="juror_link_used_before_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
