"""A selected application becomes a laureate once, with its season's plan and indicator."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from laureates.models import Laureate
from laureates.onboarding import laureate_from_submission
from laureates.tests.factories import (
    FollowupLeadFactory,
    FollowUpPlanStepFactory,
    LaureateFactory,
)
from seasons.applying.stored_answers import answer, referents_of
from seasons.models import Submission
from seasons.tests.application_helpers import apply_url, start
from seasons.tests.factories import AttachmentFactory, SubmissionFactory
from seasons.tests.own_form_helpers import call_with_form, own_form_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission():
    submission = SubmissionFactory(
        project_name="uMap",
        organisation_name="OpenStreetMap France",
        description="Créer des cartes. " * 30,
        website="https://umap.openstreetmap.fr/fr/",
        impact_indicator="Cartes créées avec uMap",
        impact_indicator_unit="cartes",
        impact_baseline=Decimal("950000"),
        impact_target=Decimal("1200000"),
    )
    FollowUpPlanStepFactory(plan__season=submission.call.season, title="Diagnostic partagé")
    return submission


def create(submission, **options):
    """As the selection hook calls it."""
    return laureate_from_submission(submission, support_starts_on=dt.date(2023, 9, 1), **options)


def test_laureate_from_submission_copies_the_application_and_applies_the_plan(submission):
    laureate, created = create(submission, track="pre_acceleration")
    assert created is True
    assert (laureate.name, laureate.slug, laureate.carrier, laureate.website) == (
        "uMap", "umap", "OpenStreetMap France", "https://umap.openstreetmap.fr/fr/",
    )  # fmt: skip
    assert (laureate.season, laureate.track, laureate.published) == (
        submission.call.season, "pre_acceleration", False,
    )  # fmt: skip
    assert (laureate.support_starts_on, laureate.support_ends_on) == (
        dt.date(2023, 9, 1), dt.date(2024, 8, 31),
    )  # fmt: skip
    # 300 characters at most: cut after "Créer des cartes. " × 16 + "Créer des c", then "…".
    assert laureate.summary == "Créer des cartes. " * 16 + "Créer des c…"
    assert len(laureate.summary) == 300
    assert list(laureate.milestones.values_list("title", flat=True)) == ["Diagnostic partagé"]
    assert list(laureate.indicators.values_list("name", "unit", "baseline", "target")) == [
        ("Cartes créées avec uMap", "cartes", Decimal("950000.00"), Decimal("1200000.00"))
    ]


def test_selecting_twice_never_makes_two_laureates(submission):
    first, _ = create(submission)
    second, created = create(submission)
    assert (second.pk, created) == (first.pk, False)
    assert Laureate.objects.count() == 1
    assert first.milestones.count() == 1


def test_laureate_slug_stays_unique(submission):
    LaureateFactory(slug="umap")
    laureate, _ = create(submission)
    assert laureate.slug == "umap-2"


def test_laureate_logo_is_a_public_copy_of_the_private_attachment(submission, settings):
    AttachmentFactory(
        submission=submission,
        kind="logo",
        file=ContentFile(b"\x89PNG-logo", name="logo.png"),
        original_name="Logo uMap.PNG",
        content_type="image/png",
    )
    laureate, _ = create(submission, published=True)
    assert laureate.logo.name.startswith("logos/")
    assert laureate.logo.name.endswith(".png")
    assert (settings.MEDIA_ROOT / laureate.logo.name).read_bytes() == b"\x89PNG-logo"
    assert laureate.published is True


def test_selection_form_requires_a_start_and_an_end_after_it():
    from laureates.onboarding import LaureateSelectionForm

    empty = LaureateSelectionForm({"track": "full_support"})
    assert empty.errors == {
        "support_starts_on": ["Ce champ est obligatoire."],
        "followup_lead": ["Ce champ est obligatoire."],
    }
    backwards = LaureateSelectionForm(
        {
            "track": "full_support",
            "support_starts_on": "2023-09-01",
            "support_ends_on": "2023-08-31",
            "followup_lead": FollowupLeadFactory().pk,
        }
    )
    assert backwards.errors == {
        "support_ends_on": ["L’accompagnement doit se terminer après avoir commencé."]
    }
    unknown = LaureateSelectionForm(
        {
            "track": "autre",
            "support_starts_on": "2023-09-01",
            "followup_lead": FollowupLeadFactory().pk,
        }
    )
    assert list(unknown.errors) == ["track"]


def test_selection_hook_creates_the_laureate_from_the_confirmation_answers(submission):
    from laureates.onboarding import LaureateSelectionForm, LaureateSelectionHook

    form = LaureateSelectionForm(
        {"track": "pre_acceleration", "support_starts_on": "2023-05-17",
         "support_ends_on": "2024-08-31", "published": "on",
         "followup_lead": FollowupLeadFactory(username="lead").pk}
    )  # fmt: skip
    assert form.is_valid()
    hook = LaureateSelectionHook()
    laureate = hook.on_selected(submission, form.cleaned_data)
    assert (laureate.track, laureate.support_starts_on, laureate.support_ends_on) == (
        "pre_acceleration", dt.date(2023, 5, 17), dt.date(2024, 8, 31),
    )  # fmt: skip
    assert laureate.published is True
    assert laureate.followup_lead.username == "lead"
    assert hook.on_selected(submission, form.cleaned_data).pk == laureate.pk
    assert Laureate.objects.count() == 1


def test_an_application_to_a_call_s_own_form_becomes_a_laureate_from_its_answers(client, settings):
    """Its answers are in `answers` only (the typed columns aside): the laureate reads
    them there, and its referents (a repeatable group) become the team's members."""
    settings.APPLICATION_MIN_FILL_SECONDS = 0
    call = call_with_form()
    url = apply_url(call)
    client.post(url, {"stamp": start(client, call), "action": "send", **own_form_answers()})
    submission = Submission.objects.get()
    assert submission.description == ""  # the season-2 column stays empty
    laureate, _created = create(submission)
    assert (laureate.name, laureate.carrier, laureate.website) == (
        "Cartes Libres", "Association Cartes Libres", "https://cartes-libres.example.org",
    )  # fmt: skip
    assert laureate.description == "Des cartes libres pour les collectivités."
    assert list(laureate.indicators.values_list("name", "unit", "baseline", "target")) == [
        ("communes équipées", "communes", Decimal("12.00"), Decimal("500.00"))
    ]
    assert list(laureate.members.values_list("name", "email")) == [
        ("Camille Durand", "camille.durand@asso-exemple.org")
    ]


def test_an_answer_of_another_type_than_the_column_reads_as_empty():
    submission = SubmissionFactory(
        description="Colonne",
        answers={"impact_baseline": "beaucoup", "website": ["a", "b"], "referents": "x"},
    )
    assert answer(submission, "impact_baseline") is None
    assert answer(submission, "website") == ""
    assert answer(submission, "description") == "Colonne"
    assert referents_of(submission) == []
