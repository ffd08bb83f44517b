"""Calibrating reviewers: how each one scores against the call, a normalised score per
application, and the applications whose reviewers disagree.

Pure functions on `ReviewScore`s (one weighted score per review done; a conflict of
interest has none), so that they are tested with exact values; `reviewing.review_scores`
reads them from the database.

The normalised score of an application is the mean of its reviewers' z-scores: for each
review, how far the score lies from that reviewer's own mean, in that reviewer's own
standard deviations (population). A severe reviewer's 3 and a generous reviewer's 4 can
thus both read "+1". A reviewer's scale cannot be measured from one review, nor when all
their scores are equal (zero spread): their reviews get no z-score and are left out of
the normalised score (the raw score keeps them); an application with no z-score at all
has no normalised score (None).
"""

import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

# What the normalised score means, wherever it is shown beside the raw one (the
# calibration page, the applications' export, the committee's docket): one text.
NORMALISED_EXPLAINED = _(
    "Some reviewers score severely, others generously. The normalised score corrects "
    "for it: each review is measured against its reviewer's own habits (how many of "
    "their standard deviations it lies above or below their mean), and an "
    "application's normalised score is the mean of these measures. 0 means “as its "
    "reviewers usually score”, +1 one standard deviation above. A reviewer with a "
    "single review, or who gave the same score everywhere, has no scale to measure: "
    "their reviews count in the raw score only."
)


class ReviewScore(NamedTuple):
    application: int
    reviewer: int
    score: float  # the review's weighted score, 0 to 5


@dataclass(frozen=True)
class Spread:
    """Number of scores, their mean and (population) standard deviation; None when
    there is nothing to measure."""

    count: int
    mean: float | None
    stdev: float | None

    @property
    def measurable(self):
        """A scale can be read: two scores or more, not all equal."""
        return self.count >= 2 and bool(self.stdev)


@dataclass(frozen=True)
class ApplicationCalibration:
    application: int
    raw: float  # mean of its weighted scores
    normalised: float | None
    gap: float  # highest minus lowest score of its reviewers
    divergent: bool


def spread(values):
    values = list(values)
    if not values:
        return Spread(0, None, None)
    return Spread(len(values), statistics.fmean(values), statistics.pstdev(values))


def call_spread(scores):
    """The call's own spread, over every review done in it."""
    return spread(s.score for s in scores)


def reviewer_spreads(scores):
    """{reviewer: Spread} of their weighted scores."""
    by_reviewer = {}
    for s in scores:
        by_reviewer.setdefault(s.reviewer, []).append(s.score)
    return {reviewer: spread(values) for reviewer, values in by_reviewer.items()}


def z_scores(scores):
    """{(application, reviewer): z-score}, None where the reviewer's scale cannot be
    measured (one review, or zero spread)."""
    spreads = reviewer_spreads(scores)
    result = {}
    for s in scores:
        own = spreads[s.reviewer]
        result[s.application, s.reviewer] = (
            (s.score - own.mean) / own.stdev if own.measurable else None
        )
    return result


def normalised_scores(scores):
    """{application: mean of its reviewers' z-scores}, None when none has one."""
    by_application = {}
    for (application, _reviewer), z in z_scores(scores).items():
        by_application.setdefault(application, [])
        if z is not None:
            by_application[application].append(z)
    return {
        application: statistics.fmean(values) if values else None
        for application, values in by_application.items()
    }


def applications(scores, threshold):
    """[ApplicationCalibration], highest normalised score first (those without one last,
    by raw score). `divergent` when its reviewers' scores differ by more than
    `threshold` (the call's `divergence_threshold`)."""
    threshold = float(threshold)
    by_application = {}
    for s in scores:
        by_application.setdefault(s.application, []).append(s.score)
    normalised = normalised_scores(scores)
    rows = [
        ApplicationCalibration(
            application=application,
            raw=statistics.fmean(values),
            normalised=normalised[application],
            gap=max(values) - min(values),
            divergent=max(values) - min(values) > threshold,
        )
        for application, values in by_application.items()
    ]
    return sorted(
        rows,
        key=lambda row: (row.normalised is None, -(row.normalised or 0), -row.raw, row.application),
    )


def rounded(normalised):
    """A normalised score to two decimals as the calibration page shows it (half up on
    its decimal writing, never "-0.00"); None stays None."""
    if normalised is None:
        return None
    value = Decimal(str(normalised)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return value if value else Decimal("0.00")
