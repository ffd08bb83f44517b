"""Calibration of reviewers: pure functions with exact values, and a property."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seasons.selection.calibration import (
    ApplicationCalibration,
    ReviewScore,
    Spread,
    applications,
    call_spread,
    normalised_scores,
    reviewer_spreads,
    z_scores,
)

# Reviewer 1 is severe (2 and 4), reviewer 2 generous (3 and 5); reviewer 3 reviewed
# once, reviewer 4 gave 4 twice (zero spread), reviewer 5 reviewed application 40 alone.
SCORES = [
    ReviewScore(10, 1, 2.0),
    ReviewScore(20, 1, 4.0),
    ReviewScore(10, 2, 3.0),
    ReviewScore(30, 2, 5.0),
    ReviewScore(20, 3, 1.0),
    ReviewScore(20, 4, 4.0),
    ReviewScore(30, 4, 4.0),
    ReviewScore(40, 5, 3.0),
]


def test_each_reviewer_against_the_call():
    assert reviewer_spreads(SCORES) == {
        1: Spread(2, 3.0, 1.0),
        2: Spread(2, 4.0, 1.0),
        3: Spread(1, 1.0, 0.0),
        4: Spread(2, 4.0, 0.0),
        5: Spread(1, 3.0, 0.0),
    }
    call = call_spread(SCORES)
    # 26 / 8, and the square root of 11.5 / 8.
    assert (call.count, call.mean, round(call.stdev, 6)) == (8, 3.25, 1.198958)
    assert call_spread([]) == Spread(0, None, None)


def test_reviews_of_a_scale_that_cannot_be_measured_get_no_z_score():
    assert z_scores(SCORES) == {
        (10, 1): -1.0,
        (20, 1): 1.0,
        (10, 2): -1.0,
        (30, 2): 1.0,
        (20, 3): None,  # one review
        (20, 4): None,  # zero spread
        (30, 4): None,
        (40, 5): None,
    }


def test_normalised_score_is_the_mean_of_the_z_scores_or_none_without_any():
    assert normalised_scores(SCORES) == {10: -1.0, 20: 1.0, 30: 1.0, 40: None}


def test_applications_flag_gaps_above_the_threshold_and_sort_by_normalised_score():
    assert applications(SCORES, "1.5") == [
        ApplicationCalibration(30, raw=4.5, normalised=1.0, gap=1.0, divergent=False),
        ApplicationCalibration(20, raw=3.0, normalised=1.0, gap=3.0, divergent=True),
        ApplicationCalibration(10, raw=2.5, normalised=-1.0, gap=1.0, divergent=False),
        ApplicationCalibration(40, raw=3.0, normalised=None, gap=0.0, divergent=False),
    ]
    # A gap equal to the threshold is not a divergence.
    assert [row.divergent for row in applications(SCORES, 3)] == [False] * 4


score_values = st.integers(min_value=0, max_value=500).map(lambda n: n / 100)
reviews = st.dictionaries(
    keys=st.tuples(st.integers(1, 6), st.integers(1, 4)),  # (application, reviewer)
    values=score_values,
    min_size=1,
    max_size=20,
)


@given(
    reviews=reviews,
    reviewer=st.integers(1, 4),
    shift=st.integers(-300, 300).map(lambda n: n / 100),
)
def test_normalised_score_ignores_a_constant_shift_of_one_reviewers_scores(
    reviews, reviewer, shift
):
    scores = [ReviewScore(a, r, value) for (a, r), value in reviews.items()]
    shifted = [s._replace(score=s.score + shift) if s.reviewer == reviewer else s for s in scores]
    before, after = normalised_scores(scores), normalised_scores(shifted)
    assert before.keys() == after.keys()
    for application, value in before.items():
        if value is None:
            assert after[application] is None
        else:
            assert math.isclose(value, after[application], rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("threshold", ["0.5", 2])
def test_threshold_is_read_as_a_number_whatever_its_type(threshold):
    flagged = [row.application for row in applications(SCORES, threshold) if row.divergent]
    assert flagged == ([30, 20, 10] if threshold == "0.5" else [20])
