"""The open data of published laureates: one list of columns gives the CSV, the JSON and
the Table Schema that describes both, so the three can never disagree.

Column names are stable identifiers (French, snake_case, as data.gouv.fr users expect);
their titles and descriptions are rendered in the program's language (`LANGUAGE_CODE`),
whatever the visitor chose, so that every download of a file is the same.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Max, Prefetch, Q, Sum
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models import Laureate, Milestone, MilestoneStatus, SupportKind, Track

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
DOMAIN_SEPARATOR = ";"


@dataclass
class Column:
    name: str
    type: str
    title: object
    description: object
    format: str = "default"
    constraints: dict = field(default_factory=dict)

    def schema(self):
        described = {
            "name": self.name,
            "type": self.type,
            "format": self.format,
            "title": str(self.title),
            "description": str(self.description),
        }
        if self.constraints:
            described["constraints"] = self.constraints
        return described


COLUMNS = [
    Column("identifiant", "string", _("Identifier"),
           _("The laureate's stable identifier, also the end of its page's address."),
           constraints={"required": True, "unique": True}),
    Column("nom", "string", _("Name"), _("The project's name."), constraints={"required": True}),
    Column("porteur", "string", _("Carrier"), _("The organisation that carries the project.")),
    Column("saison", "integer", _("Season"), _("The number of the program's season (1, 2…)."),
           constraints={"required": True, "minimum": 1}),
    Column("saison_titre", "string", _("Season title"), _("The title of the season.")),
    Column("domaines", "string", _("Domains"),
           _("The fields of public policy the project works in, separated by semicolons.")),
    Column("parcours", "string", _("Track"),
           _("pre_acceleration (pre-acceleration) or full_support (full support)."),
           constraints={"enum": list(Track.values)}),
    Column("debut_accompagnement", "date", _("Support starts on"),
           _("First day of support, YYYY-MM-DD.")),
    Column("fin_accompagnement", "date", _("Support ends on"),
           _("Last day of support, YYYY-MM-DD.")),
    Column("site_web", "string", _("Website"), _("The project's website; empty if none."),
           format="uri"),
    Column("page", "string", _("Page"), _("The laureate's page on this site."), format="uri"),
    Column("montant_accorde", "number", _("Amount granted (euros)"),
           _("Sum of the public grants of the laureate (cancelled ones left out), in euros "
             "with a dot as decimal separator; empty when no grant is public.")),
]  # fmt: skip

FIELDNAMES = [column.name for column in COLUMNS]


def published_laureates():
    """Published laureates with, in one query each, their domains and public grants."""
    public_grants = Q(
        milestones__is_public=True,
        milestones__kind=SupportKind.FINANCIAL,
        milestones__amount_granted__isnull=False,
    ) & ~Q(milestones__status=MilestoneStatus.CANCELLED)
    return (
        Laureate.objects.published()
        .select_related("season")
        .prefetch_related(Prefetch("domains"))
        .annotate(public_granted=Sum("milestones__amount_granted", filter=public_grants))
        .order_by("season__number", "name")
    )


def amount(value):
    """Decimal euros as "80000.00"; empty when unknown."""
    return "" if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def rows(build_absolute_uri):
    """One dict per published laureate, every value a string as in the CSV."""
    for laureate in published_laureates():
        yield {
            "identifiant": laureate.slug,
            "nom": laureate.name,
            "porteur": laureate.carrier,
            "saison": str(laureate.season.number),
            "saison_titre": laureate.season.title,
            "domaines": DOMAIN_SEPARATOR.join(d.name for d in laureate.domains.all()),
            "parcours": laureate.track,
            "debut_accompagnement": laureate.support_starts_on.isoformat(),
            "fin_accompagnement": laureate.support_ends_on.isoformat(),
            "site_web": laureate.website,
            "page": build_absolute_uri(laureate.get_absolute_url()),
            "montant_accorde": amount(laureate.public_granted),
        }


def as_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDNAMES, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def last_update():
    """When a published laureate or one of its milestones last changed; None if none."""
    laureates = Laureate.objects.published()
    latest = [
        laureates.aggregate(latest=Max("updated_at"))["latest"],
        # A laureate made public by its call's announcement changed no row: the moment
        # it appeared is a change of the files all the same.
        laureates.with_public_since().aggregate(latest=Max("public_since"))["latest"],
        Milestone.objects.filter(laureate__in=laureates).aggregate(latest=Max("updated_at"))[
            "latest"
        ],
    ]
    latest = [moment for moment in latest if moment is not None]
    return max(latest) if latest else None


def table_schema():
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
            "name": "laureats",
            "title": str(_("Laureates of the program")),
            "description": str(
                _("Every published laureate, one row each: the same columns in laureats.csv "
                  "and in the records of laureats.json.")
            ),
            "licenses": [LICENCE],
            "fields": [column.schema() for column in COLUMNS],
            "primaryKey": "identifiant",
            "missingValues": [""],
        }  # fmt: skip


def typed(row):
    """A CSV row as JSON values: numbers as numbers, empty values as null."""
    converted = {}
    for column in COLUMNS:
        value = row[column.name]
        if value == "":
            converted[column.name] = None
        elif column.type == "integer":
            converted[column.name] = int(value)
        elif column.type == "number":
            converted[column.name] = float(value)
        else:
            converted[column.name] = value
    return converted
