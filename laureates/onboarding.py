"""Onboarding: turning a selected application into a laureate, with its season's
follow-up plan.

`seasons` must not import this app. Its selection workflow (`seasons.selection.workflow`,
issue 4) offers hooks instead: `LaureateSelectionHook` below is registered there when the
app is ready, asks for the track and the support dates on the decision's confirmation
page, and creates the laureate inside the decision's transaction through
`laureate_from_submission`, the one creation path.
"""

import datetime
from pathlib import PurePath

from django import forms
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from seasons.applying.stored_answers import answer

from . import followup
from .leads import FollowupLeadField
from .models import SUMMARY_MAX_LENGTH, ImpactIndicator, Laureate, Track
from .space.membership import add_referents

SLUG_MAX_LENGTH = 90


def default_support_end(starts_on):
    """One year of support: from 15 May 2023 to 14 May 2024."""
    return followup.add_months(starts_on, 12) - datetime.timedelta(days=1)


def summary_of(text):
    text = " ".join(text.split())
    if len(text) <= SUMMARY_MAX_LENGTH:
        return text
    return text[: SUMMARY_MAX_LENGTH - 1].rstrip() + "…"


def unique_slug(name):
    base = slugify(name)[:SLUG_MAX_LENGTH] or "laureat"
    taken = set(Laureate.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def laureate_from_submission(
    submission, *, track=Track.FULL_SUPPORT, support_starts_on, support_ends_on=None,
    published=False, followup_lead=None, awaiting_acceptance=False,
):  # fmt: skip
    """The laureate of a selected application, created once; returns (laureate, created).

    Side effects, in one transaction (a savepoint inside the caller's): a `Laureate`
    row with the name, carrier, summary (the description, shortened to 300 characters),
    description and website of the application, in the season of its call; a copy of its
    logo attachment, if any, in the public storage; one impact indicator from the
    application's (name, unit, baseline, target) when it has one; the season's follow-up
    plan (`followup.apply_plan`), its steps owned by `followup_lead`; the application's
    referents as the team's first members (`space.membership.add_referents`). Support
    ends one year after its start unless told.
    Not published unless asked, and never public while `awaiting_acceptance` (the
    applicant has not accepted the award yet): the laureates of a call become public together at the
    call's announcement date (`Laureate.objects.published()`), after the e-mails.

    Selecting twice never makes two laureates: an application that already has one gets
    it back unchanged (created False); the one-to-one column is the database's guarantee
    when two staff select at the same time, the loser getting the winner's laureate.
    """
    existing = Laureate.objects.filter(submission=submission).first()
    if existing is not None:
        return existing, False
    name = submission.project_name or submission.organisation_name
    description = answer(submission, "description")
    try:
        with transaction.atomic():
            laureate = Laureate(
                season=submission.call.season,
                submission=submission,
                name=name,
                slug=unique_slug(name),
                carrier=submission.organisation_name,
                summary=summary_of(description),
                description=description,
                website=answer(submission, "website"),
                track=track,
                support_starts_on=support_starts_on,
                support_ends_on=support_ends_on or default_support_end(support_starts_on),
                published=published,
                followup_lead=followup_lead,
                awaiting_acceptance=awaiting_acceptance,
            )
            copy_logo(submission, laureate)
            laureate.save()
            indicator = answer(submission, "impact_indicator")
            if indicator:
                ImpactIndicator.objects.create(
                    laureate=laureate,
                    name=indicator,
                    unit=answer(submission, "impact_indicator_unit"),
                    baseline=answer(submission, "impact_baseline") or 0,
                    target=answer(submission, "impact_target") or 0,
                )
            add_referents(laureate, submission)
            followup.apply_plan(laureate)
    except IntegrityError:
        existing = Laureate.objects.filter(submission=submission).first()
        if existing is None:
            raise
        return existing, False
    return laureate, True


def copy_logo(submission, laureate):
    """Applicants' files are private; the laureate's logo is public, so it is a copy."""
    logo = submission.attachments.filter(kind="logo").first()
    if logo is None:
        return
    with logo.file.open("rb") as source:
        suffix = PurePath(logo.original_name).suffix.lower()
        laureate.logo.save(f"logo{suffix}", ContentFile(source.read()), save=False)


class LaureateSelectionForm(forms.Form):
    """What the confirmation page of the decision "selected" asks for the laureates."""

    track = forms.ChoiceField(label=_("Track"), choices=Track.choices, initial=Track.FULL_SUPPORT)
    followup_lead = FollowupLeadField(
        label=_("Follow-up lead"),
        help_text=_("Owns the steps of the follow-up plan and receives their reminders."),
    )
    support_starts_on = forms.DateField(
        label=_("Support starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    support_ends_on = forms.DateField(
        label=_("Support ends on"),
        required=False,
        help_text=_("Leave empty for one year of support."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published = forms.BooleanField(
        label=_("Show the laureate on the public site now"),
        required=False,
        initial=False,
        help_text=_(
            "Leave unticked to publish the laureates of the call together at the "
            "announcement date set on the call, after the decision e-mails."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("support_starts_on"), cleaned.get("support_ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("support_ends_on", _("The support must end after it starts."))
        return cleaned


class LaureateSelectionHook:
    """Registered with `seasons.selection.workflow` (see `LaureatesConfig.ready`): the decision
    "selected" asks `form_class`'s questions, then calls `on_selected` inside its own
    transaction, so a failure here undoes the decision too.

    The laureate is made at selection (staff prepare its follow-up meanwhile) but stays
    off the public site until the applicant accepts the award (`on_award_accepted`); a
    declined or lapsed award removes it (`on_award_given_up`), plan and team included."""

    form_class = LaureateSelectionForm

    def on_selected(self, submission, details):
        laureate, _created = laureate_from_submission(
            submission,
            track=details.get("track") or Track.FULL_SUPPORT,
            support_starts_on=details.get("support_starts_on") or followup.today(),
            support_ends_on=details.get("support_ends_on"),
            published=bool(details.get("published")),
            followup_lead=details.get("followup_lead"),
            awaiting_acceptance=True,
        )
        return laureate

    def on_award_accepted(self, submission):
        laureate = Laureate.objects.filter(submission=submission).first()
        if laureate is not None and laureate.awaiting_acceptance:
            laureate.awaiting_acceptance = False
            laureate._change_reason = str(_("Award accepted by the applicant"))
            laureate.save(update_fields=["awaiting_acceptance"])

    def on_award_given_up(self, submission):
        Laureate.objects.filter(submission=submission).delete()
