import datetime as dt

import factory

from laureates.models import Domain, Laureate, Milestone, SupportKind
from seasons.tests.factories import SeasonFactory


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    name = factory.Sequence(lambda n: f"Domaine {n}")
    slug = factory.Sequence(lambda n: f"domaine-{n}")


class LaureateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Laureate
        skip_postgeneration_save = True

    season = factory.SubFactory(SeasonFactory)
    name = factory.Sequence(lambda n: f"Projet lauréat {n}")
    slug = factory.Sequence(lambda n: f"projet-laureat-{n}")
    carrier = "Association des communs"
    summary = "Un commun numérique accompagné par l’État."
    description = "Une description plus longue du projet."
    website = "https://example.org/"
    support_starts_on = dt.date(2023, 5, 15)
    support_ends_on = dt.date(2024, 5, 14)
    published = True

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    laureate = factory.SubFactory(LaureateFactory)
    kind = SupportKind.METHODOLOGICAL
    title = factory.Sequence(lambda n: f"Jalon {n}")
    due_on = dt.date(2023, 6, 15)
