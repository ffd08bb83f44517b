"""The uMap and Pyronear teams' side of their year: members, updates, measurements.

Members are the referents of their applications. The updates are illustrative (what a
team would have said of a step), not texts the laureates wrote; the measurements they
carry are those of `impact.py`, which the confirmation recorded. Dates are fixed, so two
loads give the same rows.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from laureates.models import (
    ImpactIndicator,
    Measurement,
    Milestone,
    TeamMember,
    TeamUpdate,
    UpdateStatus,
)

# (laureate slug, name, e-mail)
MEMBERS = [
    ("umap", "Yann Modèle", "yann.modele@example.org"),
    ("umap", "Inès Spécimen", "ines.specimen@example.org"),
    ("pyronear", "Théo Maquette", "theo.maquette@example.org"),
]
# Whose sign-in link `load_demo` prints.
DEMO_MEMBER = ("umap", "yann.modele@example.org")


def moment(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


# (slug, author e-mail, step title, text, asks done, (indicator, day, value) or None,
#  status, staff comment, posted, published)
UPDATES = [
    ("umap", "yann.modele@example.org", "Diagnostic partagé",
     "Atelier tenu avec l'équipe du programme : nos trois priorités sont l'usage de uMap "
     "dans les administrations, l'accessibilité et la pérennité de l'hébergement.",
     True, None, UpdateStatus.CONFIRMED, "Merci, compte rendu bien reçu.",
     moment(2023, 10, 20), moment(2023, 10, 23)),
    ("umap", "ines.specimen@example.org", "Revue à 6 mois",
     "Plus d'un million de cartes créées : la nouvelle version de l'éditeur est en ligne "
     "et deux ministères l'utilisent pour leurs cartes publiques.",
     True, ("Cartes créées avec uMap", datetime.date(2024, 1, 1), Decimal("1010000")),
     UpdateStatus.CONFIRMED, "", moment(2024, 1, 3), moment(2024, 1, 5)),
    ("umap", "ines.specimen@example.org", "Mise en conformité RGAA",
     "L'audit d'accessibilité est lancé.",
     True, None, UpdateStatus.SENT_BACK,
     "Joignez le rapport d'audit et le plan de correction pour que l'étape soit validée.",
     moment(2024, 1, 15), None),
    ("pyronear", "theo.maquette@example.org", "Audit de code et d'hébergement",
     "Audit terminé avec un développeur de beta.gouv.fr ; trois nouveaux sites sont "
     "équipés de détecteurs.",
     True, ("Départements équipés du dispositif", datetime.date(2024, 6, 1), Decimal("3")),
     UpdateStatus.CONFIRMED, "", moment(2024, 6, 3), moment(2024, 6, 4)),
    ("pyronear", "theo.maquette@example.org", "Appui à l'ouverture des données",
     "Le jeu d'images annotées est prêt à être publié sur data.gouv.fr.",
     False, None, UpdateStatus.SUBMITTED, "", moment(2024, 6, 20), None),
]  # fmt: skip


def load_team_space(tally, laureates, reviewer):
    """Members and updates of uMap and Pyronear; `reviewer` (the demo account, when there
    is one) confirmed or sent back those that were reviewed."""
    by_slug = {laureate.slug: laureate for laureate in laureates}
    members = {}
    for slug, name, email in MEMBERS:
        lookup = {"laureate": by_slug[slug], "email": email}
        members[email] = tally.sync("team members", TeamMember, lookup, {"name": name})
    for row in UPDATES:
        slug, email, title, text, asks_done, measured, status, comment, posted, published = row
        laureate = by_slug[slug]
        values = {
            "author": members[email],
            "asks_done": asks_done,
            "status": status,
            "staff_comment": comment,
            "reviewed_by": reviewer if status != UpdateStatus.SUBMITTED else None,
            "reviewed_at": posted + datetime.timedelta(days=1)
            if status != UpdateStatus.SUBMITTED
            else None,
            "published": published is not None,
            "published_at": published,
            **measurement_fields(laureate, measured),
        }
        milestone = Milestone.objects.get(laureate=laureate, title=title)
        lookup = {"laureate": laureate, "milestone": milestone, "text": text}
        update = tally.sync("updates", TeamUpdate, lookup, values)
        if update.created_at != posted:  # auto_now_add: the posting day is set after
            TeamUpdate.objects.filter(pk=update.pk).update(created_at=posted)


def measurement_fields(laureate, measured):
    if measured is None:
        return {"indicator": None, "measured_on": None, "value": None, "measurement": None}
    name, day, value = measured
    indicator = ImpactIndicator.objects.get(laureate=laureate, name=name)
    measurement = Measurement.objects.get(indicator=indicator, measured_on=day)
    return {"indicator": indicator, "measured_on": day, "value": value, "measurement": measurement}
