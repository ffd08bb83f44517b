"""The year-long follow-up plan of a season-2 laureate, and its state as a snapshot.

The four season-2 laureates ended their support in 2024 and it was closed, so their
milestones are a fixed picture of that year: every step is done, a few days after its due
date (never after the support ends), except a few listed exceptions that give the screens
something to show (cancelled steps with their reason, a late one). Nothing here depends on
the day of the load nor on chance, so two loads always give the same rows.
"""

import datetime
import zlib
from decimal import Decimal
from typing import NamedTuple

from accelerator.dates import add_months
from laureates.models import MilestoneStatus, SupportKind

METHODOLOGICAL = SupportKind.METHODOLOGICAL.value
TECHNICAL = SupportKind.TECHNICAL.value
ADMINISTRATIVE = SupportKind.ADMINISTRATIVE.value
FINANCIAL = SupportKind.FINANCIAL.value


class PlanStep(NamedTuple):
    months: int  # after the start of the full support
    kind: str
    title: str
    is_public: bool
    amount_granted: Decimal | None
    notes: str = ""


# The program's season-1 figures (80 000 € seed grant, 60 000 € second tranche) are the
# plan's default amounts.
FIRST_TRANCHE = Decimal("80000")
SECOND_TRANCHE = Decimal("60000")
CLOSING_COMMITTEE = "Comité de fin d'accompagnement"
SECOND_PAYMENT = "Subvention — 2e tranche"

PLAN = [
    PlanStep(0, ADMINISTRATIVE, "Convention de partenariat signée", True, None,
             "Convention signée par les deux parties, copie au dossier."),
    PlanStep(1, METHODOLOGICAL, "Diagnostic partagé", True, None,
             "Atelier d'une journée avec l'équipe ; compte rendu partagé."),
    PlanStep(1, FINANCIAL, "Subvention — 1re tranche", True, FIRST_TRANCHE,
             "Versement après signature de la convention."),
    PlanStep(2, METHODOLOGICAL, "Feuille de route", True, None,
             "Trois objectifs prioritaires retenus, revus à chaque comité."),
    PlanStep(2, TECHNICAL, "Audit de code et d'hébergement", True, None,
             "Audit mené avec un développeur de beta.gouv.fr."),
    PlanStep(3, ADMINISTRATIVE, "Mise en relation avec les administrations utilisatrices",
             True, None, "Premiers échanges avec des services intéressés."),
    PlanStep(4, TECHNICAL, "Mise en conformité RGAA", True, None,
             "Audit d'accessibilité et plan de correction."),
    PlanStep(5, TECHNICAL, "Revue de sécurité", False, None,
             "Points d'attention transmis à l'équipe, sans caractère bloquant."),
    PlanStep(6, METHODOLOGICAL, "Revue à 6 mois", True, None,
             "Résultats revus à mi-parcours ; feuille de route ajustée."),
    PlanStep(7, FINANCIAL, SECOND_PAYMENT, True, SECOND_TRANCHE,
             "Versement décidé à la revue à 6 mois."),
    PlanStep(8, TECHNICAL, "Appui à l'ouverture des données", True, None,
             "Publication des jeux de données sur data.gouv.fr accompagnée."),
    PlanStep(9, ADMINISTRATIVE, "Point juridique : licences et conditions d'utilisation",
             False, None, "Licences vérifiées avec l'équipe juridique."),
    PlanStep(10, METHODOLOGICAL, "Mesure d'impact", False, None,
             "Indicateur d'impact mesuré et comparé à la valeur de départ."),
    PlanStep(11, ADMINISTRATIVE, "Suite de l'accompagnement : financements et partenaires",
             False, None, "Pistes de financement identifiées pour l'après-programme."),
    PlanStep(12, METHODOLOGICAL, CLOSING_COMMITTEE, True, None,
             "Bilan présenté au comité ; compte rendu à diffuser."),
]  # fmt: skip

# Pre-accelerated laureates first work on their use cases in administrations, before the
# year of full support; this step closes that period.
PRE_ACCELERATION = PlanStep(
    -1, METHODOLOGICAL, "Pré-accélération : cas d'usage dans les administrations", True, None,
    "Cas d'usage recueillis auprès de plusieurs administrations.",
)  # fmt: skip

# (laureate slug, title) -> what differs from "done a few days after the due date".
EXCEPTIONS = {
    ("open-food-facts", "Appui à l'ouverture des données"): {
        "status": MilestoneStatus.CANCELLED,
        "notes": "Sans objet : la base est déjà publiée sous licence ouverte.",
        "status_reason": "Sans objet : la base est déjà publiée sous licence ouverte.",
    },
    ("primtux", "Mise en conformité RGAA"): {
        "delay": 24,
        "notes": "Audit reporté après la rentrée scolaire, faute de disponibilité.",
    },
    # The season's support ended in 2024 and was closed (`support_closed_on`): no step is
    # left open. The public sources do not say whether these two second tranches were
    # paid; the demonstration shows them cancelled, with the reason kept for staff.
    ("umap", SECOND_PAYMENT): {
        "status": MilestoneStatus.CANCELLED,
        "notes": "Versement en attente du bilan financier intermédiaire.",
        "status_reason": "Non versée avant la fin de l'accompagnement (illustration de la "
        "démonstration, non tirée des sources publiques).",
    },
    ("pyronear", SECOND_PAYMENT): {
        "status": MilestoneStatus.CANCELLED,
        "notes": "Pièces justificatives demandées à l'association.",
        "status_reason": "Non versée avant la fin de l'accompagnement (illustration de la "
        "démonstration, non tirée des sources publiques).",
    },
}


def usual_delay(slug, title):
    """0 to 10 days, derived from the names so that it never changes between loads."""
    return zlib.crc32(f"{slug}/{title}".encode()) % 11


def steps_for(track):
    return ([PRE_ACCELERATION] if track == "pre_acceleration" else []) + PLAN


def milestone(slug, step, plan_starts_on, support_ends_on):
    """The fields of one milestone; a step never falls due after the support ends."""
    due_on = min(add_months(plan_starts_on, step.months), support_ends_on)
    exception = EXCEPTIONS.get((slug, step.title), {})
    status = exception.get("status", MilestoneStatus.DONE)
    completed_on = None
    if status == MilestoneStatus.DONE:
        delay = exception.get("delay", usual_delay(slug, step.title))
        completed_on = due_on + datetime.timedelta(days=delay)
        if "delay" not in exception:
            completed_on = min(completed_on, support_ends_on)
    return {
        "kind": step.kind,
        "due_on": due_on,
        "status": status.value,
        "completed_on": completed_on,
        "is_public": step.is_public,
        "notes": exception.get("notes", step.notes),
        "status_reason": exception.get("status_reason", ""),
        "amount_granted": step.amount_granted,
        "amount_paid": amount_paid(step, status),
    }


def amount_paid(step, status):
    """Done payments are paid in full; one in progress is granted but not paid yet."""
    if step.amount_granted is None:
        return None
    if status == MilestoneStatus.DONE:
        return step.amount_granted
    return Decimal("0") if status == MilestoneStatus.IN_PROGRESS else None


def milestones_for(slug, track, plan_starts_on, support_ends_on):
    """{title: fields} for one laureate, in the order of the plan."""
    return {
        step.title: milestone(slug, step, plan_starts_on, support_ends_on)
        for step in steps_for(track)
    }


# In the season's plan template, steps count from the first day of support: for a
# pre-accelerated laureate that is the start of pre-acceleration, which lasts about three
# months before the year of full support.
PRE_ACCELERATION_MONTHS_IN_TEMPLATE = 3


def plan_template_steps():
    """{title: fields} of the season-2 follow-up plan, as staff edit it in the admin."""
    steps = {
        step.title: {
            "kind": step.kind,
            "months_after_start": step.months,
            "track": "",
            "is_public": step.is_public,
            "amount_granted": step.amount_granted,
        }
        for step in PLAN
    }
    steps[PRE_ACCELERATION.title] = {
        "kind": PRE_ACCELERATION.kind,
        "months_after_start": PRE_ACCELERATION_MONTHS_IN_TEMPLATE,
        "track": "pre_acceleration",
        "is_public": PRE_ACCELERATION.is_public,
        "amount_granted": None,
    }
    return steps
