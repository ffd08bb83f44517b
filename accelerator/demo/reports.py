"""The reports of the season-2 plan and uMap's and Pyronear's, as the demo shows them.

The questions are the program's own words for its 6-month review and final report
("résultats revus tous les six mois", program-facts.md), written as staff would; the
answers are illustrations built from the figures `impact.py` and `team.py` already show,
not texts the laureates wrote. uMap's 6-month review was sent and accepted (so its second
tranche, tied to it in `support.py`, had its condition met); Pyronear's is a draft.
Dates are fixed, so two loads give the same rows.
"""

import datetime

from django.utils import timezone

from laureates import reports
from laureates.models import (
    Milestone,
    Report,
    ReportKind,
    ReportQuestion,
    ReportStatus,
    ReportVersion,
    TeamMember,
)

SIX, FINAL = ReportKind.SIX_MONTH, ReportKind.FINAL

# (kind, position, key, type, French label, required)
QUESTIONS = [
    (SIX, 1, "resultats", "long_text", "Quels résultats avez-vous obtenus depuis le début ?", True),
    (SIX, 2, "difficultes", "long_text", "Quelles difficultés rencontrez-vous ?", True),
    (SIX, 3, "usagers", "number", "Combien d'usagers actifs comptez-vous ?", False),
    (SIX, 4, "feuille-de-route", "yes_no", "La feuille de route doit-elle être ajustée ?", True),
    (FINAL, 1, "bilan", "long_text", "Quel bilan tirez-vous de l'année d'accompagnement ?", True),
    (FINAL, 2, "suite", "long_text", "Comment le projet se poursuit-il ?", True),
]  # fmt: skip

UMAP_SIX_MONTH = {
    "resultats": "Plus d'un million de cartes créées ; la nouvelle version de l'éditeur est "
    "en ligne et deux ministères l'utilisent pour leurs cartes publiques.",
    "difficultes": "L'audit d'accessibilité demande plus de temps que prévu.",
    "feuille-de-route": "True",
}
PYRONEAR_DRAFT = {"resultats": "Trois nouveaux sites équipés de détecteurs."}


def moment(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


UMAP_SENT = moment(2024, 2, 28)
# The plan's step of the same name: for these pre-accelerated laureates the year of full
# support, and so the review, starts later than their support (`laureate_facts`).
REVIEW_STEP = "Revue à 6 mois"
UMAP_ACCEPTED = moment(2024, 3, 14)


def load_reports(tally, laureates, plan, reviewer):
    """The plan's report questions; uMap's and Pyronear's reports (as applying the plan
    would schedule them, the 6-month review due with its step of the roadmap); uMap's
    6-month review sent by Yann Modèle and accepted by `reviewer` (the demo account, or
    nobody without DEBUG). Returns uMap's 6-month review."""
    questions = []
    for kind, position, key, kind_of_answer, label, required in QUESTIONS:
        lookup = {"plan": plan, "report_kind": kind, "key": key}
        values = {"position": position, "type": kind_of_answer, "label_fr": label,
                  "required": required}  # fmt: skip
        questions.append(tally.sync("report questions", ReportQuestion, lookup, values))
    by_slug = {laureate.slug: laureate for laureate in laureates}
    umap, pyronear = by_slug["umap"], by_slug["pyronear"]
    states = {
        (pyronear, SIX): {"status": ReportStatus.DRAFT, "answers": PYRONEAR_DRAFT},
        (umap, SIX): {
            "status": ReportStatus.ACCEPTED,
            "answers": UMAP_SIX_MONTH,
            "sent_at": UMAP_SENT,
            "accepted_at": UMAP_ACCEPTED,
            "accepted_by": reviewer,
        },
    }
    for laureate in (umap, pyronear):
        for kind in ReportKind.values:
            due = reports.due_on(laureate, kind)
            if kind == SIX:
                due = Milestone.objects.get(laureate=laureate, title=REVIEW_STEP).due_on
            values = {"due_on": due, **states.get((laureate, kind), {})}
            row = tally.sync("reports", Report, {"laureate": laureate, "kind": kind}, values)
            if (laureate, kind) == (umap, SIX):
                report = row
    if not ReportVersion.objects.filter(report=report, number=1).exists():
        ReportVersion.objects.create(
            report=report,
            number=1,
            questions=[
                {"key": q.key, "label": q.label_fr, "type": q.type}
                for q in questions
                if q.report_kind == SIX
            ],
            answers=UMAP_SIX_MONTH,
            sent_at=UMAP_SENT,
            sent_by=TeamMember.objects.get(laureate=umap, email="yann.modele@example.org"),
        )
        tally.record("report versions", created=True, changed=False)
    else:
        tally.record("report versions", created=False, changed=False)
    return report
