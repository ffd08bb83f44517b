"""Turning a selected application into a laureate, with its season's follow-up plan.

The staff selection workflow (in `seasons`, which must not import this app) reaches this
through the model: `Submission._meta.get_field("laureate").related_model.objects
.create_from_submission(...)`, a thin manager method that calls `laureate_from_submission`.
"""

import datetime
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from . import followup
from .models import SUMMARY_MAX_LENGTH, ImpactIndicator, Laureate, Track

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
    published=False,
):  # fmt: skip
    """The laureate of a selected application, created once; returns (laureate, created).

    Side effects, in one transaction (a savepoint inside the caller's): a `Laureate`
    row with the name, carrier, summary (the description, shortened to 300 characters),
    description and website of the application, in the season of its call; a copy of its
    logo attachment, if any, in the public storage; one impact indicator from the
    application's (name, unit, baseline, target) when it has one; the season's follow-up
    plan (`followup.apply_plan`). Support ends one year after its start unless told.
    Not published unless asked: staff check the public page first.

    Selecting twice never makes two laureates: an application that already has one gets
    it back unchanged (created False); the one-to-one column is the database's guarantee
    when two staff select at the same time, the loser getting the winner's laureate.
    """
    existing = Laureate.objects.filter(submission=submission).first()
    if existing is not None:
        return existing, False
    name = submission.project_name or submission.organisation_name
    try:
        with transaction.atomic():
            laureate = Laureate(
                season=submission.call.season,
                submission=submission,
                name=name,
                slug=unique_slug(name),
                carrier=submission.organisation_name,
                summary=summary_of(submission.description),
                description=submission.description,
                website=submission.website,
                track=track,
                support_starts_on=support_starts_on,
                support_ends_on=support_ends_on or default_support_end(support_starts_on),
                published=published,
            )
            copy_logo(submission, laureate)
            laureate.save()
            if submission.impact_indicator:
                ImpactIndicator.objects.create(
                    laureate=laureate,
                    name=submission.impact_indicator,
                    unit=submission.impact_indicator_unit,
                    baseline=submission.impact_baseline or 0,
                    target=submission.impact_target or 0,
                )
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
