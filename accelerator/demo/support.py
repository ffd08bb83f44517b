"""uMap's and Pyronear's tranches and some support logged, as the demo shows them.

What the public sources say, and what they do not:
- the amounts are the program's season-1 figures (a seed grant of 80 000 €, then a
  possible second tranche of 60 000 € decided by a committee, program-facts.md); the
  sources give no amount for season 2, so the demo reuses them, as `plan.py` does;
- the first tranche is released when the partnership agreement is signed (the plan's
  "Convention de partenariat signée" step, done) and paid on the day the plan's
  "Subvention — 1re tranche" step was done;
- the sources do not say whether a second tranche was decided or paid for uMap and
  Pyronear: the demo shows it cancelled at the end of the support, with that reason, as
  the milestone snapshot does (`plan.EXCEPTIONS`); uMap's was tied to its 6-month review
  (accepted, `reports.py`), Pyronear's to a committee decision never recorded;
- the hours of support, who gave them and the hours the plan foresees are illustrations,
  not from the sources (the program promises methodological, technical, administrative
  and financial support, without figures).
"""

import datetime
from decimal import Decimal

from laureates.models import (
    Milestone,
    PlannedHours,
    SupportKind,
    SupportLog,
    Tranche,
    TrancheCondition,
    TrancheStatus,
)

from .plan import FIRST_TRANCHE, SECOND_TRANCHE

AGREEMENT = "Convention de partenariat signée"
FIRST_PAYMENT = "Subvention — 1re tranche"
LAUREATES = ["umap", "pyronear"]
UNKNOWN_SECOND_TRANCHE = (
    "Non versée avant la fin de l'accompagnement (illustration de la démonstration : les "
    "sources publiques ne disent pas si une 2e tranche a été décidée ni versée)."
)

# Hours of each kind the season-2 plan foresees per laureate (illustrative; a day = 7 h).
PLANNED_HOURS = {
    SupportKind.METHODOLOGICAL: Decimal("70"),
    SupportKind.TECHNICAL: Decimal("105"),
    SupportKind.ADMINISTRATIVE: Decimal("35"),
    SupportKind.FINANCIAL: Decimal("14"),
}

# (slug, date, kind, hours, outside expert or "" for the demo account, step, note)
SUPPORT = [
    ("umap", datetime.date(2023, 9, 5), SupportKind.ADMINISTRATIVE, Decimal("3.5"), "",
     AGREEMENT, "Relecture de la convention avec l'association."),
    ("umap", datetime.date(2023, 10, 3), SupportKind.METHODOLOGICAL, Decimal("7"), "",
     "Diagnostic partagé", "Atelier de diagnostic d'une journée."),
    ("umap", datetime.date(2023, 11, 8), SupportKind.TECHNICAL, Decimal("14"),
     "Développeur de beta.gouv.fr (illustration)", "Audit de code et d'hébergement",
     "Audit du code et de l'hébergement, deux jours."),
    ("umap", datetime.date(2024, 3, 12), SupportKind.METHODOLOGICAL, Decimal("3"), "",
     "Revue à 6 mois", "Préparation de la revue à 6 mois."),
    ("umap", datetime.date(2024, 4, 2), SupportKind.FINANCIAL, Decimal("2"), "",
     "", "Point sur le budget et les pièces justificatives."),
    ("pyronear", datetime.date(2023, 9, 6), SupportKind.ADMINISTRATIVE, Decimal("3.5"), "",
     AGREEMENT, "Relecture de la convention avec l'association."),
    ("pyronear", datetime.date(2023, 10, 10), SupportKind.METHODOLOGICAL, Decimal("7"), "",
     "Diagnostic partagé", "Atelier de diagnostic d'une journée."),
    ("pyronear", datetime.date(2023, 12, 5), SupportKind.TECHNICAL, Decimal("7"),
     "Experte en sécurité des systèmes d'information (illustration)", "Revue de sécurité",
     "Revue de sécurité de l'architecture des caméras."),
    ("pyronear", datetime.date(2024, 1, 16), SupportKind.ADMINISTRATIVE, Decimal("5"), "",
     "Mise en relation avec les administrations utilisatrices",
     "Mise en relation avec deux services départementaux d'incendie et de secours."),
]  # fmt: skip


def tranches_for(laureate, steps, report=None):
    """{order: fields} of the laureate's two tranches; `steps`: {title: Milestone}; the
    second is tied to `report` (uMap's 6-month review) when there is one, else to a
    committee decision."""
    agreement, paid = steps[AGREEMENT], steps[FIRST_PAYMENT]
    return {
        1: {
            "amount": FIRST_TRANCHE,
            "condition": TrancheCondition.STEP_DONE,
            "milestone": agreement,
            "status": TrancheStatus.PAID,
            "released_on": agreement.completed_on,
            "paid_on": max(paid.completed_on, agreement.completed_on),
            "cancelled_on": None,
            "status_reason": "",
        },
        2: {
            "amount": SECOND_TRANCHE,
            "condition": TrancheCondition.REPORT_ACCEPTED
            if report is not None
            else TrancheCondition.COMMITTEE_DECISION,
            "milestone": None,
            "report": report,
            "status": TrancheStatus.CANCELLED,
            "released_on": None,
            "paid_on": None,
            "cancelled_on": laureate.support_ends_on,
            "status_reason": UNKNOWN_SECOND_TRANCHE,
        },
    }


def load_support(tally, laureates, plan, account, reports=None):
    """The rows above, by their natural keys (a tranche's order, a support entry's day,
    kind and note). Entries given by staff name the demo account, or "Équipe AIC" when
    there is none (without DEBUG). `reports`: {slug: the report a second tranche waits
    for}."""
    for kind, hours in PLANNED_HOURS.items():
        tally.sync("planned hours", PlannedHours, {"plan": plan, "kind": kind}, {"hours": hours})
    by_slug = {laureate.slug: laureate for laureate in laureates if laureate.slug in LAUREATES}
    steps = {
        (m.laureate_id, m.title): m for m in Milestone.objects.filter(laureate__in=by_slug.values())
    }
    for laureate in by_slug.values():
        own = {title: step for (pk, title), step in steps.items() if pk == laureate.pk}
        report = (reports or {}).get(laureate.slug)
        for number, values in tranches_for(laureate, own, report).items():
            tally.sync("tranches", Tranche, {"laureate": laureate, "number": number}, values)
    for slug, day, kind, hours, expert, step, note in SUPPORT:
        laureate = by_slug[slug]
        lookup = {"laureate": laureate, "given_on": day, "kind": kind, "note": note}
        values = {
            "hours": hours,
            "expert": expert or ("" if account else "Équipe AIC"),
            "staff_member": None if expert else account,
            "milestone": steps[(laureate.pk, step)] if step else None,
        }
        tally.sync("support", SupportLog, lookup, values)
