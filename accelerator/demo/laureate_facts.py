"""The 13 laureates of the program and the domains they work in, as plain data.

Season 1 (2022) had nine laureates supported from April to November 2022; season 2 (2023)
starts with the four digital commons announced in May 2023. Descriptions only say what the
program's public sources say. A season-2 laureate's `plan_starts_on` is when its year of
full support begins: pre-accelerated laureates start it in September 2023.
"""

import datetime

DOMAINS = [
    "Alimentation",
    "Éducation",
    "Cartographie",
    "Environnement",
    "Climat",
    "Sciences participatives",
    "Accès aux documents administratifs",
    "Données ouvertes",
    "Éducation civique",
    "Réinsertion",
    "Engagement des jeunes",
    "Sport et handicap",
    "Santé",
]

SEASON_1_SUPPORT = (datetime.date(2022, 4, 15), datetime.date(2022, 11, 29))
SEASON_1_PHASE_1 = (
    "Lauréat de la première saison, le projet a été suivi de mi-avril à mi-juillet 2022 par "
    "un chargé d'accélération dédié, jusqu'au comité d'accélération."
)
SEASON_1_PHASE_2 = (
    " Il fait partie des cinq projets dont l'accompagnement s'est prolongé de septembre à "
    "novembre 2022, sur décision du comité d'engagement."
)


def season_1(name, carrier, website, domains, summary, description, phase_2=False):
    """A season-1 laureate: all share the same support period and phase-1 story."""
    closing = SEASON_1_PHASE_1 + (SEASON_1_PHASE_2 if phase_2 else "")
    return {
        "season": 1,
        "name": name,
        "carrier": carrier,
        "website": website,
        "domains": domains,
        "summary": summary,
        "description": f"{description}\n\n{closing}",
        "track": "full_support",
        "support": SEASON_1_SUPPORT,
    }


LAUREATES = [
    season_1(
        "Infoclimat",
        "Association Infoclimat",
        "https://www.infoclimat.fr/",
        ["Climat", "Sciences participatives"],
        "Une association de passionnés qui collecte, archive et partage librement des "
        "observations météorologiques et climatologiques, notamment issues de stations "
        "tenues par des bénévoles.",
        "Infoclimat rassemble des passionnés de météorologie et de climatologie. "
        "L'association collecte et archive des observations, en partie issues de stations "
        "de bénévoles, et les met à la disposition de tous dans une démarche de sciences "
        "participatives.",
        phase_2=True,
    ),
    season_1(
        "Ma Dada",
        "Open Knowledge Foundation France",
        "https://madada.fr/",
        ["Accès aux documents administratifs", "Données ouvertes"],
        "Une plateforme citoyenne qui aide chacun à demander des documents administratifs "
        "aux administrations et rend publiques les demandes et leurs réponses.",
        "Portée par Open Knowledge Foundation France, Ma Dada facilite l'exercice du droit "
        "d'accès aux documents administratifs : la plateforme aide à adresser une demande à "
        "une administration et à en suivre la réponse, publiée pour que d'autres en "
        "profitent.",
        phase_2=True,
    ),
    season_1(
        "Open Data University",
        "Association Latitudes",
        "https://www.opendatauniversity.org/",
        ["Données ouvertes", "Éducation"],
        "Un programme de l'association Latitudes qui forme étudiants et enseignants aux "
        "données ouvertes à partir de défis d'intérêt général.",
        "Portée par l'association Latitudes, l'Open Data University fait travailler des "
        "étudiants et leurs enseignants sur des jeux de données ouvertes, autour de défis "
        "d'intérêt général, pour former aux données et en faire connaître les usages.",
    ),
    season_1(
        "Parlons Démocratie",
        "Association Parlons Démocratie",
        "https://parlonsdemocratie.fr/",
        ["Éducation civique"],
        "Une association d'éducation civique qui aide chacun, et d'abord les jeunes, à "
        "comprendre le fonctionnement de la démocratie et à en débattre.",
        "L'association Parlons Démocratie agit pour l'éducation civique : elle conçoit des "
        "outils et des temps d'échange pour mieux comprendre les institutions et débattre "
        "des enjeux démocratiques.",
    ),
    season_1(
        "Permis de construire",
        "Association Permis de Construire France",
        "https://www.permisdeconstruire.org/",
        ["Réinsertion"],
        "Une association qui accompagne la réinsertion des personnes après la prison.",
        "L'association Permis de Construire France accompagne les personnes sortant de "
        "prison dans leur réinsertion, pour que la sortie de détention ouvre sur un "
        "nouveau départ.",
        phase_2=True,
    ),
    season_1(
        "SNU augmenté",
        "makesense",
        "https://makesense.org/",
        ["Engagement des jeunes"],
        "Un projet de makesense pour renforcer l'engagement des jeunes dans le cadre du "
        "Service national universel.",
        "Porté par makesense, le projet SNU augmenté vise à renforcer l'engagement des "
        "jeunes qui participent au Service national universel, en les rapprochant "
        "d'initiatives citoyennes.",
    ),
    season_1(
        "Sport Inclusif",
        "Les enfants de la balle",
        "",
        ["Sport et handicap"],
        "Un projet de l'association Les enfants de la balle pour ouvrir la pratique "
        "sportive aux personnes en situation de handicap.",
        "Porté par l'association Les enfants de la balle, Sport Inclusif agit pour que les "
        "personnes en situation de handicap puissent pratiquer un sport aux côtés des "
        "autres.",
        phase_2=True,
    ),
    season_1(
        "Vikidia",
        "Association Vikidia",
        "https://fr.vikidia.org/",
        ["Éducation"],
        "Une encyclopédie collaborative en ligne, libre et gratuite, pour les enfants et "
        "adolescents de 8 à 13 ans.",
        "Vikidia est une encyclopédie collaborative destinée aux 8-13 ans : ses articles, "
        "écrits et relus par ses contributeurs, sont adaptés à ce jeune public et "
        "librement réutilisables.",
        phase_2=True,
    ),
    season_1(
        "Vivons en Forme",
        "Fédérons les Villes pour la Santé",
        "https://www.vivons-en-forme.org/",
        ["Santé"],
        "Un programme de prévention de l'obésité porté par l'association Fédérons les "
        "Villes pour la Santé avec les communes.",
        "Vivons en Forme est un programme de prévention de l'obésité porté par "
        "l'association Fédérons les Villes pour la Santé, qui mobilise les communes et "
        "leurs acteurs locaux autour de l'alimentation et de l'activité physique.",
    ),
    {
        "season": 2,
        "name": "Open Food Facts",
        "carrier": "Association Open Food Facts",
        "website": "https://fr.openfoodfacts.org/",
        "domains": ["Alimentation"],
        "summary": "Une base de données de produits alimentaires créée par tous et pour tous "
        "(ingrédients, allergènes, composition nutritionnelle) pour faire de meilleurs "
        "choix alimentaires.",
        "description": (
            "Open Food Facts est une base de données de produits alimentaires créée par tous "
            "et pour tous : elle répertorie les ingrédients, les allergènes et la "
            "composition nutritionnelle des produits pour aider chacun à faire de meilleurs "
            "choix alimentaires.\n\n"
            "Accompagnée pendant un an à partir de mai 2023, l'association va consolider son "
            "modèle et élargir sa base à une nouvelle information, l'impact carbone des "
            "produits, en lien avec la startup d'État Ecobalyse (ADEME)."
        ),
        "track": "full_support",
        "support": (datetime.date(2023, 5, 15), datetime.date(2024, 5, 14)),
        "plan_starts_on": datetime.date(2023, 5, 15),
    },
    {
        "season": 2,
        "name": "PrimTux",
        "carrier": "Association PrimTux",
        "website": "https://primtux.fr/",
        "domains": ["Éducation"],
        "summary": "Un espace d'apprentissage libre pour les 3-10 ans, développé par des "
        "professeurs des écoles : un système GNU/Linux complet, personnalisable, avec des "
        "centaines de logiciels éducatifs, même sur d'anciens PC.",
        "description": (
            "Développé par une équipe de professeurs des écoles et de passionnés de "
            "l'informatique dans le milieu éducatif, PrimTux est un espace d'apprentissage "
            "pour les 3-10 ans : un système d'exploitation GNU/Linux complet et "
            "personnalisable, un environnement adapté et des centaines de logiciels "
            "éducatifs, qui convient à tous les PC, même anciens.\n\n"
            "Soutenu par le ministère de l'Éducation nationale, le projet est accompagné "
            "pendant un an à partir de mai 2023 pour accélérer son déploiement territorial."
        ),
        "track": "full_support",
        "support": (datetime.date(2023, 5, 15), datetime.date(2024, 5, 14)),
        "plan_starts_on": datetime.date(2023, 5, 15),
    },
    {
        "season": 2,
        "name": "uMap",
        "carrier": "OpenStreetMap France",
        "website": "https://umap.openstreetmap.fr/fr/",
        "domains": ["Cartographie"],
        "summary": "Créer en un instant des cartes personnalisées sur des fonds OpenStreetMap "
        "et les afficher sur des sites internet : près de 950 000 cartes et 100 000 "
        "utilisateurs réguliers.",
        "description": (
            "Porté par OpenStreetMap France, uMap permet de créer en un instant des cartes "
            "personnalisées sur des fonds OpenStreetMap et de les afficher sur des sites "
            "internet. Avec près de 950 000 cartes et 100 000 utilisateurs réguliers, uMap "
            "souhaite développer ses cas d'usage dans les administrations.\n\n"
            "Pré-accéléré dès l'annonce des lauréats en mai 2023 pour développer ces cas "
            "d'usage, le projet bénéficie ensuite d'un accompagnement complet d'un an à "
            "partir de septembre 2023."
        ),
        "track": "pre_acceleration",
        "support": (datetime.date(2023, 5, 17), datetime.date(2024, 8, 31)),
        "plan_starts_on": datetime.date(2023, 9, 1),
    },
    {
        "season": 2,
        "name": "Pyronear",
        "carrier": "Association Pyronear",
        "website": "https://pyronear.org/",
        "domains": ["Environnement"],
        "summary": "Un dispositif ouvert de détection précoce des départs de feu de forêt : "
        "des détecteurs placés en hauteur et un modèle d'apprentissage qui donne l'alerte "
        "automatiquement. Testé en Ardèche.",
        "description": (
            "Association loi 1901 à but non lucratif, Pyronear développe un dispositif "
            "ouvert de détection précoce des départs de feu de forêt grâce à l'intelligence "
            "artificielle. Des détecteurs placés en hauteur surveillent la zone forestière ; "
            "un modèle d'apprentissage repère dans leurs images les indices visuels d'un "
            "départ de feu, et l'alerte est donnée automatiquement. Testé en Ardèche, "
            "Pyronear souhaite accélérer son déploiement sur d'autres sites.\n\n"
            "Pré-accéléré dès l'annonce des lauréats en mai 2023 pour développer ses cas "
            "d'usage dans les administrations, le projet bénéficie ensuite d'un "
            "accompagnement complet d'un an à partir de septembre 2023."
        ),
        "track": "pre_acceleration",
        "support": (datetime.date(2023, 5, 17), datetime.date(2024, 8, 31)),
        "plan_starts_on": datetime.date(2023, 9, 1),
    },
]
