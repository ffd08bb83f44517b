import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from laureates.models import SupportKind, TrancheCondition
from seasons.tests.factories import SeasonFactory, part_of


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "laureates.Domain"

    name = factory.Sequence(lambda n: f"Domaine {n}")
    slug = factory.Sequence(lambda n: f"domaine-{n}")


OfSeasonFactory = part_of("season", SeasonFactory)


class LaureateFactory(OfSeasonFactory):
    class Meta:
        model = "laureates.Laureate"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Projet lauréat {n}")
    slug = factory.Sequence(lambda n: f"projet-laureat-{n}")
    support_starts_on = dt.date(2023, 5, 15)
    support_ends_on = dt.date(2024, 5, 14)
    carrier = "Association des communs"
    summary = "Un commun numérique accompagné par l’État."
    description = "Une description plus longue du projet."
    website = "https://example.org/"
    published = True

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)


OfLaureateFactory = part_of("laureate", LaureateFactory)


class MilestoneFactory(OfLaureateFactory):
    class Meta:
        model = "laureates.Milestone"

    kind = SupportKind.METHODOLOGICAL
    title = factory.Sequence(lambda n: f"Jalon {n}")
    due_on = dt.date(2023, 6, 15)


class FollowUpPlanFactory(OfSeasonFactory):
    class Meta:
        model = "laureates.FollowUpPlan"


class FollowUpPlanStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "laureates.FollowUpPlanStep"

    plan = factory.SubFactory(FollowUpPlanFactory)
    kind = SupportKind.METHODOLOGICAL
    title = factory.Sequence(lambda n: f"Étape {n}")
    months_after_start = 1


class ImpactIndicatorFactory(OfLaureateFactory):
    class Meta:
        model = "laureates.ImpactIndicator"

    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "cartes"
    baseline = Decimal("100")
    target = Decimal("200")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "laureates.Measurement"

    indicator = factory.SubFactory(ImpactIndicatorFactory)
    measured_on = factory.Sequence(lambda n: dt.date(2023, 6, 1) + dt.timedelta(days=n))
    value = Decimal("150")


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"agent{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Claude"
    last_name = factory.Sequence(lambda n: f"Agent {n}")
    is_staff = True


class FollowupLeadFactory(StaffUserFactory):
    """Staff who may be a follow-up lead: a program manager (see laureates.leads)."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def program_manager(user, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from seasons.selection.roles import PROGRAM_MANAGER

        if create:
            user.groups.add(Group.objects.get(name=PROGRAM_MANAGER))


class TrancheFactory(OfLaureateFactory):
    """A first tranche of 80 000 €, released by the committee's decision (not recorded)."""

    class Meta:
        model = "laureates.Tranche"

    number = factory.Sequence(lambda n: n + 1)
    amount = Decimal("80000")
    condition = TrancheCondition.COMMITTEE_DECISION


class SupportLogFactory(OfLaureateFactory):
    class Meta:
        model = "laureates.SupportLog"

    given_on = dt.date(2023, 10, 2)
    kind = SupportKind.TECHNICAL
    hours = Decimal("3.5")
    expert = "Camille Expert (Etalab)"


class TeamMemberFactory(OfLaureateFactory):
    class Meta:
        model = "laureates.TeamMember"

    name = factory.Sequence(lambda n: f"Membre {n}")
    email = factory.Sequence(lambda n: f"membre{n}@example.org")


class TeamUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "laureates.TeamUpdate"

    milestone = factory.SubFactory(MilestoneFactory)
    laureate = factory.SelfAttribute("milestone.laureate")
    text = factory.Sequence(lambda n: f"Mise à jour {n}")


class ReportQuestionFactory(factory.django.DjangoModelFactory):
    """A required long-text question of the 6-month review."""

    class Meta:
        model = "laureates.ReportQuestion"

    plan = factory.SubFactory(FollowUpPlanFactory)
    report_kind = "six_month"
    position = factory.Sequence(lambda n: n + 1)
    key = factory.Sequence(lambda n: f"question-{n}")
    label_fr = factory.Sequence(lambda n: f"Question {n}")


class ReportFactory(OfLaureateFactory):
    """A laureate's 6-month review, in draft."""

    class Meta:
        model = "laureates.Report"

    kind = "six_month"
    due_on = dt.date(2023, 11, 15)
