"""The real program: its two seasons and their calls for applications, as plain data.

Copied from the program's public sources (the DINUM and DITP announcements) so that the
project never reads anything outside its own tree at run time. Texts are in French
because they are shown to users as they are.
"""

import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def paris(year, month, day, hour=0, minute=0):
    """An aware datetime on the program's calendar (calls close at Paris time)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


SEASONS = [
    {
        "number": 1,
        "year": 2022,
        "slug": "saison-1",
        "title": "Saison 1 — Promotion 2022",
        "theme": "Initiatives citoyennes d'intérêt général",
        "summary": (
            "Lancé en décembre 2021 par la DINUM et la DITP, l'Accélérateur d'initiatives "
            "citoyennes a reçu 187 candidatures pour sa première saison : 44 % "
            "d'associations, 30 % d'entreprises et 26 % de particuliers. Après une "
            "présélection par l'administration, un jury citoyen de 15 personnes a retenu "
            "9 lauréats, annoncés le 14 mars 2022.\n\n"
            "De mi-avril à mi-juillet 2022, chaque projet a été suivi par un chargé "
            "d'accélération, jusqu'à un comité d'accélération. Certains projets ont reçu "
            "une subvention d'amorçage de 80 000 €, avec une seconde tranche possible de "
            "60 000 €. De septembre à novembre 2022, une phase 2 a prolongé "
            "l'accompagnement de cinq projets. La saison s'est close par un événement le "
            "29 novembre 2022."
        ),
    },
    {
        "number": 2,
        "year": 2023,
        "slug": "saison-2",
        "title": "Saison 2 — Communs numériques",
        "theme": "Communs",
        "summary": (
            "Lancée en avril 2023, la deuxième saison se concentre sur les communs : des "
            "projets qui gèrent ou préservent des ressources d'intérêt commun, portés par "
            "des associations ou des administrations, avec un fort impact sur une politique "
            "publique prioritaire.\n\n"
            "La DINUM accompagne les communs numériques (relèves du 2 mai et du "
            "8 septembre 2023 à 12 h) ; la DITP, les communs dont la dimension numérique "
            "n'est pas centrale (jusqu'au 29 mai 2023). Les lauréats bénéficient pendant "
            "un an d'un accompagnement méthodologique, technique, administratif et "
            "financier. Les premiers, annoncés les 16 et 17 mai 2023, sont Open Food "
            "Facts, PrimTux, uMap et Pyronear."
        ),
    },
]

SEASON_2_ELIGIBILITY = (
    "Sont éligibles les projets portés par une association et/ou une administration "
    "publique ; les autres structures ne peuvent pas candidater.\n"
    "Les référents du projet (une ou deux personnes) doivent pouvoir se rendre disponibles "
    "2 à 3 jours par mois pendant l'accompagnement."
)

SEASON_2_CRITERIA = (
    "1. Finalité d'intérêt général et travail sur une ressource d'intérêt commun.\n"
    "2. Impact : personnes touchées, action sur la cause profonde du problème, capacité à "
    "changer d'échelle et à être répliqué.\n"
    "3. Maturité et structuration : projet éprouvé sur le terrain, équipe solide, "
    "gouvernance stable.\n"
    "4. Porteur juridique : une association ou une administration.\n"
    "5. Gouvernance partagée."
)

SEASON_2_PROCESS = (
    "Les candidatures sont présélectionnées par l'équipe du programme, puis présentées dans "
    "le mois à un jury associant des experts extérieurs qualifiés. Avec chaque lauréat, "
    "l'équipe établit un diagnostic partagé, puis une feuille de route mise à jour "
    "régulièrement."
)

# When each season's laureates were announced (season 1 on 14 March 2022, season 2's first
# four on 16 and 17 May 2023): the date the public pages and the Atom feed give them.
LAUREATES_ANNOUNCED = {1: paris(2022, 3, 14), 2: paris(2023, 5, 16)}

CALLS = [
    {
        "season": 1,
        "slug": "appel-a-projets-2022",
        "title": "Appel à projets 2022",
        "operator": "DINUM et DITP",
        "track": "Initiatives citoyennes",
        "opens_at": paris(2021, 12, 17),
        "closes_at": paris(2022, 1, 26, 23, 59),
        "laureates_announced_at": paris(2022, 3, 14),
        "description": (
            "Premier appel de l'Accélérateur d'initiatives citoyennes. L'État y soutient des "
            "initiatives de la société civile, portées par des citoyens ou des associations, "
            "qui complètent utilement le service public : il les accompagne pendant "
            "plusieurs mois pour les aider à se consolider et à accélérer leur "
            "développement. L'appel a reçu 187 candidatures."
        ),
        "eligibility": (
            "Ouvert aux citoyens, aux associations, aux entreprises et aux collectifs portant "
            "une initiative d'intérêt général.\n"
            "En contrepartie, les lauréats s'engagent à servir l'intérêt général, à la "
            "transparence, à ouvrir leurs données, à publier leur code sous licence libre et "
            "à mentionner le programme dans leur communication."
        ),
        "selection_criteria": (
            "1. Présélection des candidatures par l'administration.\n"
            "2. Choix des lauréats par un jury citoyen de 15 personnes.\n"
            "Les lauréats ont été annoncés le 14 mars 2022."
        ),
    },
    {
        "season": 2,
        "slug": "communs-numeriques-1re-releve",
        "title": "Communs numériques — 1re relève",
        "operator": "DINUM",
        "track": "Communs numériques",
        "opens_at": paris(2023, 4, 3),
        "closes_at": paris(2023, 5, 2, 12),
        "laureates_announced_at": paris(2023, 5, 16),
        "description": (
            "Volet « communs numériques » de la saison 2, piloté par la DINUM : un an "
            "d'accompagnement méthodologique, technique, administratif et financier pour "
            "des communs numériques à fort impact sur une politique publique prioritaire. "
            "Les candidatures reçues avant le 2 mai 2023 à 12 h sont examinées lors de "
            "cette première relève.\n\n" + SEASON_2_PROCESS
        ),
        "eligibility": SEASON_2_ELIGIBILITY,
        "selection_criteria": SEASON_2_CRITERIA,
    },
    {
        "season": 2,
        "slug": "communs-numeriques-2e-releve",
        "title": "Communs numériques — 2e relève",
        "operator": "DINUM",
        "track": "Communs numériques",
        "opens_at": paris(2023, 5, 2, 12),
        "closes_at": paris(2023, 9, 8, 12),
        "description": (
            "Deuxième relève du volet « communs numériques » de la saison 2, piloté par la "
            "DINUM. Les candidatures reçues jusqu'au 8 septembre 2023 à 12 h sont "
            "examinées pour une nouvelle sélection de lauréats, qui rejoignent à "
            "l'automne 2023 les premiers communs accompagnés.\n\n" + SEASON_2_PROCESS
        ),
        "eligibility": SEASON_2_ELIGIBILITY,
        "selection_criteria": SEASON_2_CRITERIA,
    },
    {
        "season": 2,
        "slug": "communs-ditp",
        "title": "Communs à dimension non numérique",
        "operator": "DITP",
        "track": "Communs",
        "opens_at": paris(2023, 4, 3),
        "closes_at": paris(2023, 5, 29, 23, 59),
        "description": (
            "Volet de la saison 2 piloté par la DITP, pour les projets de communs dont la "
            "dimension numérique n'est pas au cœur de l'action : des ressources d'intérêt "
            "commun gérées et préservées collectivement, avec un fort impact sur une "
            "politique publique prioritaire.\n\n" + SEASON_2_PROCESS
        ),
        "eligibility": SEASON_2_ELIGIBILITY,
        "selection_criteria": SEASON_2_CRITERIA,
    },
]

DEMO_CALL = {
    "season": 2,
    "slug": "appel-de-demonstration",
    "title": "[Démonstration] Appel ouvert pour essayer le formulaire",
    "operator": "DINUM",
    "track": "Communs numériques",
    "is_demo": True,
    "description": (
        "Ceci est un appel de démonstration. Il n'existe que pour essayer le formulaire de "
        "candidature de la saison 2 : rien de ce qui y est envoyé n'est examiné et aucun "
        "accompagnement n'en découle. N'y saisissez pas de données personnelles réelles : "
        "les candidatures de démonstration peuvent être effacées à tout moment."
    ),
    "eligibility": SEASON_2_ELIGIBILITY,
    "selection_criteria": SEASON_2_CRITERIA,
}
# The demonstration call moves with the day of the load so that it is always open.
DEMO_CALL_OPENS_DAYS_BEFORE = 7
DEMO_CALL_CLOSES_DAYS_AFTER = 60
DEMO_CALL_CLOSING_TIME = datetime.time(12, 0)
