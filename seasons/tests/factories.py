import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile

from seasons.calls.rubric import add_default_rubric
from seasons.models import (
    Attachment,
    Call,
    OutboundEmail,
    Referent,
    Review,
    Season,
    Submission,
    SubmissionStatus,
)

PARIS = ZoneInfo("Europe/Paris")


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season

    number = factory.Sequence(lambda n: n + 1)
    year = factory.Sequence(lambda n: 2022 + n % 50)
    title = factory.LazyAttribute(lambda s: f"Saison {s.number}")
    theme = "Communs numériques"
    summary = "Une saison consacrée aux communs."
    slug = factory.LazyAttribute(lambda s: f"saison-{s.number}")
    published = True


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    season = factory.SubFactory(SeasonFactory)
    title = factory.Sequence(lambda n: f"Appel numéro {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    operator = "DINUM"
    track = "Communs numériques"
    description = "Un appel à projets pour les communs numériques."
    eligibility = "Associations et administrations publiques."
    selection_criteria = "1. Intérêt général"
    opens_at = dt.datetime(2023, 4, 3, 0, 0, tzinfo=PARIS)
    closes_at = dt.datetime(2023, 9, 8, 12, 0, tzinfo=PARIS)

    @factory.post_generation
    def rubric(call, create, extracted, **kwargs):
        """Like every path that creates a call (`seasons.calls.rubric`)."""
        if create:
            add_default_rubric(call)

    class Params:
        # `CallFactory(is_open=True)`: open today (since a week, for another 30 days),
        # where the defaults above are a call of 2023, long closed.
        is_open = factory.Trait(
            opens_at=factory.LazyFunction(lambda: dt.datetime.now(PARIS) - dt.timedelta(days=7)),
            closes_at=factory.LazyFunction(lambda: dt.datetime.now(PARIS) + dt.timedelta(days=30)),
        )


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    call = factory.SubFactory(CallFactory)
    status = SubmissionStatus.SUBMITTED
    reference = factory.Sequence(lambda n: f"AIC-2023-{n + 1:04d}")
    submitted_at = dt.datetime(2023, 5, 1, 10, 0, tzinfo=PARIS)
    contact_email = factory.Sequence(lambda n: f"porteur{n}@example.org")
    organisation_name = factory.Sequence(lambda n: f"Association numéro {n}")
    organisation_type = "association"
    description = "Un commun numérique utile à tous."


def part_of(owner, owner_factory):
    """An abstract base for the factories of what belongs to an `owner` (the field's name):
    made for a new one, from `owner_factory`, unless the test gives it."""
    meta = type("Meta", (), {"abstract": True})
    base = factory.django.DjangoModelFactory
    fields = {"Meta": meta, owner: factory.SubFactory(owner_factory)}
    return type(f"Of{owner.title()}Factory", (base,), fields)


OfSubmissionFactory = part_of("submission", SubmissionFactory)


class ReferentFactory(OfSubmissionFactory):
    class Meta:
        model = Referent

    position = 1
    last_name = "Martin"
    first_name = "Alex"
    email = "alex.martin@example.org"
    role = "Président"


class AttachmentFactory(OfSubmissionFactory):
    class Meta:
        model = Attachment

    kind = "statutes"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n", name="statuts.pdf"))
    original_name = "statuts.pdf"
    size = 9
    content_type = "application/pdf"


class OutboundEmailFactory(OfSubmissionFactory):
    class Meta:
        model = OutboundEmail

    kind = "confirmation"
    to = factory.LazyAttribute(lambda e: e.submission.contact_email or "x@example.org")
    subject = "Candidature reçue"
    body = "Bonjour,"


class ReviewFactory(OfSubmissionFactory):
    class Meta:
        model = Review

    reviewer = factory.SubFactory("seasons.tests.factories.StaffUserFactory")


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True


def application_in_full(referent=(), attachment=(), email=(), **fields):
    """An application with a referent, a file and an e-mail (a row for each staff screen on
    an application), each made with the fields given for it."""
    submission = SubmissionFactory(**fields)
    ReferentFactory(submission=submission, **dict(referent))
    AttachmentFactory(submission=submission, **dict(attachment))
    OutboundEmailFactory(submission=submission, **dict(email))
    return submission
