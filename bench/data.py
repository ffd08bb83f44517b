"""A large, plausible data set for the benchmark, written in bulk (bench/bulk.py).

Rows are written with PostgreSQL's COPY (psycopg 3), tens of thousands a second. Nothing
here goes through `save()`: no signal, no e-mail, no history; the public pages' cache is
invalidated once at the end. The laureates and their follow-up: bench/laureate_data.py.
"""

import datetime as dt
import random
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accelerator.admin_counts import invalidate_admin_counts
from accelerator.admin_filters import invalidate_admin_filters
from accelerator.page_cache import invalidate_public_pages
from bench.bulk import Writer, next_id, reset_sequences
from bench.laureate_data import make_follow_up, make_laureates
from bench.vocabulary import FIRST_NAMES, LAST_NAMES, PARAGRAPH, WORDS, name_of
from seasons.applying.stored_answers import TYPED_COLUMNS
from seasons.calls.rubric import default_rubric
from seasons.models import Call, Criterion, Referent, Review, Score, Season, Submission
from seasons.models.submission import SubmissionStatus

SENT_STATUSES = [
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.IN_REVIEW,
    SubmissionStatus.SHORTLISTED,
    SubmissionStatus.REJECTED,
    SubmissionStatus.WAITLISTED,
    SubmissionStatus.WITHDRAWN,
]


@dataclass(frozen=True)
class Scale:
    seasons: int = 20
    calls_per_season: int = 10
    submissions: int = 100_000
    reviewers: int = 30
    laureates: int = 5_000
    milestones_per_laureate: int = 12

    @classmethod
    def of(cls, n):
        """The data set of scale N: N laureates and 20 N applications, over the same 20
        seasons, 200 calls and 30 reviewers at every scale (bench/README.md has the ratios)."""
        return cls(submissions=20 * n, laureates=n)

    @classmethod
    def tiny(cls):
        return cls(
            seasons=2,
            calls_per_season=2,
            submissions=40,
            reviewers=3,
            laureates=6,
            milestones_per_laureate=3,
        )


def make_reviewers(count):
    user_model = get_user_model()
    users = [
        user_model(username=f"bench-reviewer-{n}", email=f"relecteur{n}@example.org", is_staff=True)
        for n in range(count)
    ]
    for user in users:
        user.set_unusable_password()
    user_model.objects.bulk_create(users, ignore_conflicts=True)
    return list(
        user_model.objects.filter(username__startswith="bench-reviewer-").values_list(
            "pk", flat=True
        )
    )


def make_seasons_and_calls(scale, now):
    first_number = (Season.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    seasons = Season.objects.bulk_create(
        Season(
            number=first_number + n,
            year=now.year - scale.seasons + 1 + n,
            title=f"Saison {first_number + n}",
            theme=f"{WORDS[n % len(WORDS)]} et communs",
            summary=PARAGRAPH,
            slug=f"banc-saison-{first_number + n}",
            published=True,
        )
        for n in range(scale.seasons)
    )
    calls = []
    for index, season in enumerate(seasons):
        last = index == len(seasons) - 1
        for n in range(scale.calls_per_season):
            if last:
                # The current season's calls are open now: the POSTs of the bench go there.
                opens = now - dt.timedelta(days=20)
                closes = now + dt.timedelta(days=60 + n)
            else:
                opens = dt.datetime(season.year, 3, 1, tzinfo=dt.UTC) + dt.timedelta(days=n)
                closes = opens + dt.timedelta(days=60)
            calls.append(
                Call(
                    season=season,
                    title=f"Appel {n + 1} — {season.title}",
                    slug=f"appel-{n + 1}",
                    operator="DINUM" if n % 2 else "DITP",
                    track="Communs numériques",
                    description=PARAGRAPH * 3,
                    eligibility="Associations et administrations publiques.",
                    selection_criteria="Intérêt général, ouverture, impact.",
                    opens_at=opens,
                    closes_at=closes,
                )
            )
    calls = Call.objects.bulk_create(calls)
    Criterion.objects.bulk_create(criterion for call in calls for criterion in default_rubric(call))
    criteria = {}
    for call_id, criterion_id in Criterion.objects.filter(call__in=calls).values_list(
        "call_id", "pk"
    ):
        criteria.setdefault(call_id, []).append(criterion_id)
    return seasons, calls, criteria


def generate(scale=Scale(), seed=20231, report=print):
    """Create the data set; returns the number of rows written per model."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 -- fictitious data, reproducible
    now = timezone.now()
    counts = {}
    with transaction.atomic():
        reviewer_ids = make_reviewers(scale.reviewers)
        seasons, calls, criteria = make_seasons_and_calls(scale, now)
        counts["seasons"], counts["calls"] = len(seasons), len(calls)
        report(f"seasons and calls: {len(seasons)} and {len(calls)}")

        first_submission = next_id(Submission)
        submissions = []  # (id, call, status, name)
        statuses = list(SENT_STATUSES)
        sub_rows = []
        for n in range(scale.submissions):
            call = calls[n % len(calls)]
            draft = n % 10 == 9
            status = SubmissionStatus.DRAFT if draft else rng.choice(statuses)
            name = name_of(rng, n)
            submitted = None if draft else call.opens_at + dt.timedelta(hours=n % 1400)
            submission_id = first_submission + n
            submissions.append((submission_id, call, status))
            sub_rows.append(
                (
                    submission_id,
                    call.pk,
                    "" if draft else f"BANC-{call.opens_at.year}-{n:06d}",
                    status,
                    secrets.token_urlsafe(32),
                    # TYPED_COLUMNS: e-mail, organisation, project, organisation type.
                    f"contact{n}@{name.split()[0].lower()}.example.org",
                    f"Association {name}",
                    name,
                    rng.choice(["association", "public_administration"]),
                    "digital",
                    PARAGRAPH[:300],
                    PARAGRAPH * 2,
                    PARAGRAPH,
                    submitted,
                    submitted or now,
                )
            )
        counts["submissions"] = Writer(
            Submission,
            [
                "id",
                "call",
                "reference",
                "status",
                "access_key",
                # The answers the program reads (lists, search), then texts of a sent one.
                *TYPED_COLUMNS,
                "commons_nature",
                "description",
                "problem",
                "main_impact",
                "submitted_at",
                "created_at",
            ],
        ).write(sub_rows)
        del sub_rows
        report(f"submissions: {counts['submissions']}")

        counts["referents"] = Writer(
            Referent, ["submission", "position", "last_name", "first_name", "email", "role"]
        ).write(
            (
                submission_id,
                position,
                LAST_NAMES[(submission_id + position) % len(LAST_NAMES)],
                FIRST_NAMES[(submission_id * 7 + position) % len(FIRST_NAMES)],
                f"referent{position}.{submission_id}@example.org",
                "Présidente" if position == 1 else "Trésorier",
            )
            for submission_id, _call, _status in submissions
            for position in ((1, 2) if submission_id % 3 else (1,))
        )
        report(f"referents: {counts['referents']}")

        # Two reviewers for every sent application; half the reviews are done and scored.
        first_review = next_id(Review)
        review_rows, score_rows = [], []
        review_id = first_review
        for submission_id, call, status in submissions:
            if status == SubmissionStatus.DRAFT:
                continue
            for k in range(2):
                reviewer = reviewer_ids[(submission_id + k) % len(reviewer_ids)]
                done = (submission_id + k) % 2 == 0
                review_rows.append(
                    (
                        review_id,
                        submission_id,
                        reviewer,
                        False if done else None,
                        "Projet solide, gouvernance à préciser." if done else "",
                        call.opens_at + dt.timedelta(days=70) if done else None,
                    )
                )
                if done:
                    score_rows.extend(
                        (review_id, criterion, (review_id + criterion) % 6)
                        for criterion in criteria[call.pk]
                    )
                review_id += 1
        counts["reviews"] = Writer(
            Review,
            ["id", "submission", "reviewer", "conflict_of_interest", "comment", "submitted_at"],
        ).write(review_rows)
        counts["scores"] = Writer(Score, ["review", "criterion", "value"]).write(score_rows)
        del review_rows, score_rows
        report(f"reviews and scores: {counts['reviews']} and {counts['scores']}")

        counts["laureates"] = make_laureates(scale, rng, seasons, submissions, report)
        counts.update(make_follow_up(scale, rng, report))
        reset_sequences()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum would soon do: statistics for the planner, and the visibility
        # map that lets index-only scans skip the table (the admin's date filter).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    invalidate_public_pages()
    invalidate_admin_filters()
    invalidate_admin_counts()
    return counts
