"""A large, plausible data set for the benchmark, written in bulk.

Rows are written with PostgreSQL's COPY (psycopg 3), tens of thousands a second, with
primary keys chosen here so that children can point at their parents without reading them
back; sequences are moved past them at the end. On SQLite (the tests, at a small scale) the
same rows go through `executemany`. Nothing here goes through `save()`: no signal, no
e-mail, no history; the public pages' cache is invalidated once at the end.
"""

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accelerator.page_cache import invalidate_public_pages
from laureates.models import (
    Domain,
    ImpactIndicator,
    Laureate,
    Measurement,
    Milestone,
    MilestoneStatus,
    SupportKind,
)
from laureates.search import search_text
from seasons.calls.rubric import default_rubric
from seasons.models import Call, Criterion, Referent, Review, Score, Season, Submission
from seasons.models.submission import SubmissionStatus

WORDS = [
    "Cartes",
    "Libres",
    "Commun",
    "Savoirs",
    "Réseau",
    "Données",
    "Ouvertes",
    "Quartier",
    "Solidaire",
    "Éducation",
    "Alimentation",
    "Mobilité",
    "Énergie",
    "Santé",
    "Culture",
    "Jardins",
    "Partagés",
    "Logiciel",
    "Citoyen",
    "Climat",
    "Numérique",
    "Inclusion",
    "Territoire",
    "Rural",
    "Lecture",
    "Musique",
    "Sport",
    "Vélo",
    "Eau",
    "Forêt",
    "Archives",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Durand",
    "Petit",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
]
FIRST_NAMES = [
    "Camille",
    "Dominique",
    "Claude",
    "Alix",
    "Sacha",
    "Maxime",
    "Lou",
    "Charlie",
    "Noa",
    "Eden",
]
DOMAINS = [
    "Alimentation",
    "Culture",
    "Démocratie",
    "Éducation",
    "Emploi",
    "Environnement",
    "Inclusion numérique",
    "Logement",
    "Mobilité",
    "Santé",
    "Solidarité",
    "Sport",
]
SENT_STATUSES = [
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.IN_REVIEW,
    SubmissionStatus.SHORTLISTED,
    SubmissionStatus.REJECTED,
    SubmissionStatus.WAITLISTED,
    SubmissionStatus.WITHDRAWN,
]
PARAGRAPH = (
    "Le projet met en commun des ressources d’intérêt général, sous licence libre, avec "
    "une gouvernance ouverte à ses contributeurs et aux collectivités qui l’utilisent. "
)


@dataclass(frozen=True)
class Scale:
    seasons: int = 20
    calls_per_season: int = 10
    submissions: int = 100_000
    reviewers: int = 30
    laureates: int = 5_000
    milestones_per_laureate: int = 12

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


class Writer:
    """Writes rows of one model given as tuples of `fields`; every other column gets its
    default (fields with `auto_now` get the time of the run)."""

    def __init__(self, model, fields):
        self.model = model
        now = timezone.now()
        meta = model._meta
        explicit = [meta.get_field(name) for name in fields]
        self.rest = [f for f in meta.concrete_fields if f not in explicit and not f.primary_key]
        self.rest_values = tuple(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default()
            for f in self.rest
        )
        self.columns = [f.column for f in explicit] + [f.column for f in self.rest]

    def write(self, rows):
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        rest = self.rest_values
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + rest)
                        count += 1
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                batch = [row + rest for row in rows]
                # Names from the models' own metadata, quoted; the values are parameters.
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, batch)
                count = len(batch)
        return count


def next_id(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def name_of(rng, number):
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {number}"


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
                "contact_email",
                "organisation_name",
                "project_name",
                "organisation_type",
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
    return counts


def make_laureates(scale, rng, seasons, submissions, report):
    domains = Domain.objects.bulk_create(
        [Domain(name=f"{name} (banc)", slug=f"banc-{n}") for n, name in enumerate(DOMAINS)]
    )
    sent = [s for s in submissions if s[2] != SubmissionStatus.DRAFT]
    chosen = rng.sample(sent, min(scale.laureates, len(sent)))
    first = next_id(Laureate)
    rows, links = [], []
    for n, (submission_id, call, _status) in enumerate(chosen):
        laureate_id = first + n
        starts = dt.date(call.closes_at.year, 6, 1)
        name = name_of(rng, n)
        rows.append(
            (
                laureate_id,
                call.season_id,
                submission_id,
                name,
                f"banc-laureat-{laureate_id}",
                f"Association {name}",
                PARAGRAPH[:290],
                PARAGRAPH * 4,
                "https://example.org/",
                "full_support" if n % 4 else "pre_acceleration",
                starts,
                starts + dt.timedelta(days=365),
                n % 20 != 0,
                search_text(name, f"Association {name}", PARAGRAPH[:290]),
            )
        )
        links.extend((laureate_id, domains[(n + k) % len(domains)].pk) for k in range(1 + n % 2))
    count = Writer(
        Laureate,
        [
            "id",
            "season",
            "submission",
            "name",
            "slug",
            "carrier",
            "summary",
            "description",
            "website",
            "track",
            "support_starts_on",
            "support_ends_on",
            "published",
            "search_text",
        ],
    ).write(rows)
    through = Laureate.domains.through
    Writer(through, ["laureate", "domain"]).write(links)
    report(f"laureates: {count}")
    return count


def make_follow_up(scale, rng, report):
    kinds = list(SupportKind.values)
    today = timezone.localdate()
    milestone_rows, indicator_rows, measurement_rows = [], [], []
    first_indicator = next_id(ImpactIndicator)
    laureates = Laureate.objects.filter(slug__startswith="banc-laureat-").values_list(
        "pk", "support_starts_on"
    )
    for index, (laureate_id, starts) in enumerate(laureates):
        for m in range(scale.milestones_per_laureate):
            due = starts + dt.timedelta(days=30 * (m + 1))
            kind = kinds[(laureate_id + m) % len(kinds)]
            done = due < today and m % 5 != 4
            financial = kind == SupportKind.FINANCIAL
            milestone_rows.append(
                (
                    laureate_id,
                    kind,
                    f"Étape {m + 1} : {WORDS[(laureate_id + m) % len(WORDS)].lower()}",
                    due,
                    MilestoneStatus.DONE if done else MilestoneStatus.PLANNED,
                    due if done else None,
                    m % 6 != 5,
                    Decimal("5000.00") if financial else None,
                    Decimal("2500.00") if financial and done else None,
                )
            )
        indicator_id = first_indicator + index
        indicator_rows.append(
            (indicator_id, laureate_id, "Utilisateurs actifs", "personnes", 100, 400)
        )
        measurement_rows.extend(
            (indicator_id, starts + dt.timedelta(days=90 * q), Decimal(100 + 40 * q + index % 7))
            for q in range(4)
        )
    counts = {
        "milestones": Writer(
            Milestone,
            [
                "laureate",
                "kind",
                "title",
                "due_on",
                "status",
                "completed_on",
                "is_public",
                "amount_granted",
                "amount_paid",
            ],
        ).write(milestone_rows)
    }
    counts["indicators"] = Writer(
        ImpactIndicator, ["id", "laureate", "name", "unit", "baseline", "target"]
    ).write(indicator_rows)
    counts["measurements"] = Writer(Measurement, ["indicator", "measured_on", "value"]).write(
        measurement_rows
    )
    report(f"milestones: {counts['milestones']}, indicators: {counts['indicators']}")
    return counts


def reset_sequences():
    models = [
        Submission,
        Referent,
        Review,
        Score,
        Laureate,
        Laureate.domains.through,
        Milestone,
        ImpactIndicator,
        Measurement,
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
