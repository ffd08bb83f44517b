"""The benchmark's data generator, at a small scale: every row valid, counted, reachable."""

import pytest
from django.test import Client

from accelerator import page_cache
from bench.data import Scale, generate
from laureates.models import ImpactIndicator, Laureate, Measurement, Milestone
from seasons.models import Call, Referent, Review, Score, Season, Submission, SubmissionStatus
from seasons.models.review import DEFAULT_CRITERIA
from seasons.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def test_generated_data_has_the_counts_of_its_scale():
    counts = generate(Scale.tiny(), report=lambda line: None)
    sent = Submission.objects.sent().count()
    ids = list(Submission.objects.values_list("pk", flat=True))
    assert counts == {
        "seasons": 2,
        "calls": 4,
        "submissions": 40,
        "referents": sum(2 if pk % 3 else 1 for pk in ids),
        "reviews": 2 * sent,
        "scores": sent * len(DEFAULT_CRITERIA),
        "laureates": 6,
        "milestones": 18,
        "indicators": 6,
        "measurements": 24,
    }
    assert sent == 36
    assert Submission.objects.filter(status=SubmissionStatus.DRAFT, reference="").count() == 4
    assert Season.objects.count() == 2
    assert Call.objects.count() == 4
    assert Referent.objects.count() == counts["referents"]
    assert Review.objects.count() == 2 * sent
    assert Review.objects.filter(submitted_at__isnull=False).count() == sent
    assert Score.objects.count() == counts["scores"]
    assert Laureate.objects.count() == 6
    assert Milestone.objects.count() == 18
    assert ImpactIndicator.objects.count() == 6
    assert Measurement.objects.count() == 24


def test_generated_data_leaves_the_sequences_past_its_rows():
    generate(Scale.tiny(), report=lambda line: None)
    created = SubmissionFactory(call=Call.objects.first())
    assert (
        created.pk
        == max(Submission.objects.exclude(pk=created.pk).values_list("pk", flat=True)) + 1
    )


def test_generated_laureates_are_on_the_public_list_and_the_current_calls_open(client):
    generate(Scale.tiny(), report=lambda line: None)
    laureate = Laureate.objects.published().order_by("pk").first()
    assert laureate.name in client.get("/laureats/").content.decode()
    current = Season.objects.order_by("-number").first()
    assert [call.is_open for call in current.calls.all()] == [True, True]


def test_generating_data_makes_the_cached_pages_stale():
    Client().get("/laureats/")
    assert Client().get("/laureats/")[page_cache.HIT_HEADER] == "hit"
    generate(Scale.tiny(), report=lambda line: None)
    response = Client().get("/laureats/")
    assert response[page_cache.HIT_HEADER] == "miss"
    assert Laureate.objects.published().first().name in response.content.decode()


def test_a_scale_of_n_has_n_laureates_and_20_n_applications():
    assert Scale.of(50) == Scale(
        seasons=20, calls_per_season=10, submissions=1_000,
        reviewers=30, laureates=50, milestones_per_laureate=12,
    )  # fmt: skip
    assert (Scale.of(5_000).submissions, Scale.of(5_000).laureates) == (100_000, 5_000)


def test_the_bench_serves_with_the_production_pool_whatever_its_own_environment(
    monkeypatch, tmp_path
):
    """The bench's own process runs without the pool (it moves between databases); the
    gunicorn it measures must have production's default, the pool on."""
    import argparse

    from bench.server import environment

    monkeypatch.setenv("DATABASE_POOL", "false")
    args = argparse.Namespace(secret_key="x", cache_url="redis://127.0.0.1:6379/12", work=tmp_path)
    env = environment(args, "postgres://postgres@127.0.0.1:5432/bench", cache_seconds=0)
    assert (env["DATABASE_POOL"], env["DEBUG"], env["PUBLIC_PAGE_CACHE_SECONDS"]) == (
        "true",
        "false",
        "0",
    )
