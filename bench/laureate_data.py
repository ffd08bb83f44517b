"""The bench's laureates and their year of follow-up: domains, milestones, indicators."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from bench.bulk import Writer, next_id
from bench.vocabulary import DOMAINS, PARAGRAPH, WORDS, name_of
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
from seasons.models.submission import SubmissionStatus


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
