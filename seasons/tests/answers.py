"""A complete set of answers to the application form, as a browser posts them.

Plain data with no import: the tests post it, and so does the benchmark (bench/load.py).
"""


def complete_answers(**overrides):
    answers = {
        "contact_email": "contact@asso-exemple.org",
        "organisation_name": "Association Cartes Libres",
        "project_name": "Cartes Libres",
        "organisation_type": "association",
        "commons_nature": "digital",
        "description": "Des cartes libres pour les collectivités.",
        "resource_pooling": "Les données sont partagées sous licence ODbL.",
        "commons_rationale": "Licence libre et gouvernance partagée.",
        "website": "https://cartes-libres.example.org",
        "budget_last_year": "120000",
        "budget_year_before": "95000",
        "main_funders": "Fondation X, région Y",
        "has_paid_activity": "False",
        "has_related_structures": "False",
        "contributors_count": "40",
        "availability_confirmed": "on",
        "referent1-first_name": "Camille",
        "referent1-last_name": "Durand",
        "referent1-email": "camille.durand@asso-exemple.org",
        "referent1-phone": "01 23 45 67 89",
        "referent1-role": "Présidente",
        "problem": "Les petites communes n’ont pas de cartes à jour.",
        "main_impact": "Des cartes à jour dans 500 communes.",
        "impact_indicator": "communes équipées",
        "impact_indicator_unit": "communes",
        "impact_baseline": "12",
        "impact_target": "500",
        "impact_strategy": "Former des relais départementaux.",
        "state_collaboration_goals": "Travailler avec l’IGN.",
        "other_actors": "OpenStreetMap France.",
        "goal_1": "Financer un développeur.",
        "heard_about": "website",
    }
    answers.update(overrides)
    return answers
