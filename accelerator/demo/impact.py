"""Impact indicators of the season-2 laureates and their measurements, as plain data.

Each laureate's first indicator is the one of its application (name, unit, baseline and
target come from there). The program's public sources give one real figure per uMap
indicator: about 950 000 maps and 100 000 regular users when it joined (September 2023);
those are the first measurements. Every later measurement, and the target of the second
uMap indicator, is illustrative: a plausible trajectory so that the charts have a shape,
not a figure reported by the laureate.
"""

import datetime
from decimal import Decimal

# (laureate slug, indicator name, unit, baseline, target) beyond the applications' one.
EXTRA_INDICATORS = [
    ("umap", "Utilisateurs réguliers", "utilisateurs", Decimal("100000"), Decimal("120000")),
]

# (laureate slug, indicator name) -> [(day, value)], in date order.
MEASUREMENTS = {
    ("umap", "Cartes créées avec uMap"): [
        (datetime.date(2023, 9, 1), Decimal("950000")),  # program's public figure
        (datetime.date(2024, 1, 1), Decimal("1010000")),
        (datetime.date(2024, 5, 1), Decimal("1080000")),
        (datetime.date(2024, 8, 31), Decimal("1150000")),
    ],
    ("umap", "Utilisateurs réguliers"): [
        (datetime.date(2023, 9, 1), Decimal("100000")),  # program's public figure
        (datetime.date(2024, 3, 1), Decimal("106000")),
        (datetime.date(2024, 8, 31), Decimal("112000")),
    ],
    ("pyronear", "Départements équipés du dispositif"): [
        (datetime.date(2023, 9, 1), Decimal("1")),  # Ardèche, where it was tested
        (datetime.date(2024, 6, 1), Decimal("3")),
    ],
    ("open-food-facts", "Produits affichant un impact carbone calculé avec Ecobalyse"): [
        (datetime.date(2023, 5, 15), Decimal("0")),
        (datetime.date(2023, 11, 15), Decimal("40000")),
        (datetime.date(2024, 5, 14), Decimal("85000")),
    ],
    ("primtux", "Postes d'école équipés dans le cadre du déploiement accompagné"): [
        (datetime.date(2023, 5, 15), Decimal("0")),
        (datetime.date(2023, 11, 15), Decimal("600")),
        (datetime.date(2024, 5, 14), Decimal("1500")),
    ],
}
