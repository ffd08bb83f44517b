"""The applications the four first season-2 laureates sent, as the season-2 form asked.

The answers follow what the program published about each project. Figures the sources
do not give (budgets, number of contributors) are left empty rather than invented; the
impact targets are objectives, worded as such. The referents are fictitious people.
"""

from decimal import Decimal

from .facts import paris

CALL = "communs-numeriques-1re-releve"
PHONE = "01 23 45 67 89"

COMMON = {
    "status": "selected",
    "organisation_type": "association",
    "commons_nature": "digital",
    "availability_confirmed": True,
    "news_opt_in": True,
}

SOURCE_APPLICATIONS = {
    "open-food-facts": {
        "reference": "AIC-2023-0001",
        "submitted_at": paris(2023, 4, 18, 15, 42),
        "contact_email": "candidature.openfoodfacts@example.org",
        "organisation_name": "Association Open Food Facts",
        "project_name": "Open Food Facts",
        "description": (
            "Open Food Facts est une base de données de produits alimentaires créée par tous "
            "et pour tous. Elle répertorie les ingrédients, les allergènes et la composition "
            "nutritionnelle des produits pour aider chacun à faire de meilleurs choix "
            "alimentaires. Avec l'Accélérateur, l'association veut consolider son modèle et "
            "élargir sa base à une nouvelle information : l'impact carbone des produits, en "
            "lien avec la startup d'État Ecobalyse (ADEME)."
        ),
        "resource_pooling": (
            "Les informations imprimées sur les emballages sont photographiées et saisies par "
            "des contributeurs, puis réunies dans une base unique que chacun peut consulter "
            "et réutiliser : consommateurs, chercheurs, applications, administrations."
        ),
        "commons_rationale": (
            "Les données sont publiées sous licence ouverte et le code sous licence libre. "
            "Chacun peut contribuer, corriger et réutiliser la base ; le projet fonctionne "
            "de façon transparente avec sa communauté de contributeurs."
        ),
        "website": "https://fr.openfoodfacts.org/",
        "problem": (
            "La composition des produits alimentaires est dispersée sur les emballages et "
            "difficile à comparer ; leur impact environnemental est rarement connu des "
            "consommateurs."
        ),
        "main_impact": (
            "Permettre à chacun de connaître l'impact carbone des produits qu'il achète, en "
            "plus de leur composition nutritionnelle."
        ),
        "impact_indicator": "Produits affichant un impact carbone calculé avec Ecobalyse",
        "impact_indicator_unit": "produits",
        "impact_baseline": Decimal("0"),
        "impact_target": Decimal("100000"),
        "impact_strategy": (
            "Objectif à six mois : intégrer avec Ecobalyse le calcul de l'impact carbone, "
            "l'afficher sur les fiches produits et consolider le modèle de l'association."
        ),
        "state_collaboration_goals": (
            "Travailler avec la startup d'État Ecobalyse (ADEME) sur l'impact "
            "environnemental des produits et faire connaître la base aux administrations."
        ),
        "other_actors": (
            "Ecobalyse (ADEME) pour le calcul de l'impact environnemental ; les applications "
            "de consommation qui réutilisent les données ouvertes."
        ),
        "goal_1": "Consolider le modèle de l'association",
        "goal_2": "Ajouter l'impact carbone des produits à la base",
        "goal_3": "Faire réutiliser la base par davantage d'acteurs publics",
        "heard_about": "website",
        "referents": [
            ("Exemple", "Lucie", "lucie.exemple@example.org", "Responsable des partenariats"),
            ("Fictif", "Marc", "marc.fictif@example.org", "Développeur principal"),
        ],
    },
    "primtux": {
        "reference": "AIC-2023-0002",
        "submitted_at": paris(2023, 4, 24, 10, 5),
        "contact_email": "candidature.primtux@example.org",
        "organisation_name": "Association PrimTux",
        "project_name": "PrimTux",
        "description": (
            "PrimTux est un espace d'apprentissage pour les 3-10 ans, développé par une "
            "équipe de professeurs des écoles et de passionnés de l'informatique dans le "
            "milieu éducatif. Ce système GNU/Linux complet et personnalisable offre un "
            "environnement adapté et des centaines de logiciels éducatifs, et convient à "
            "tous les PC, même anciens. Soutenu par le ministère de l'Éducation nationale, "
            "le projet veut accélérer son déploiement territorial."
        ),
        "resource_pooling": (
            "PrimTux réunit dans une distribution unique des logiciels éducatifs libres "
            "choisis et paramétrés par des enseignants, que toute école peut installer "
            "gratuitement, y compris sur des ordinateurs reconditionnés."
        ),
        "commons_rationale": (
            "Distribution composée de logiciels libres, développée ouvertement par une "
            "communauté d'enseignants et de bénévoles : chacun peut la télécharger, "
            "l'adapter et y contribuer."
        ),
        "website": "https://primtux.fr/",
        "problem": (
            "Beaucoup d'écoles manquent d'outils numériques adaptés aux jeunes enfants, "
            "alors que des ordinateurs encore utilisables sont mis au rebut."
        ),
        "main_impact": (
            "Équiper davantage d'écoles d'un environnement d'apprentissage libre adapté aux "
            "3-10 ans, en donnant une seconde vie aux ordinateurs anciens."
        ),
        "impact_indicator": "Postes d'école équipés dans le cadre du déploiement accompagné",
        "impact_indicator_unit": "postes",
        "impact_baseline": Decimal("0"),
        "impact_target": Decimal("2000"),
        "impact_strategy": (
            "Objectif à six mois : choisir des territoires pilotes avec les services "
            "académiques et les collectivités, documenter l'installation et former des "
            "relais locaux."
        ),
        "state_collaboration_goals": (
            "Travailler avec le ministère de l'Éducation nationale et les collectivités qui "
            "équipent les écoles pour faciliter le déploiement de PrimTux."
        ),
        "other_actors": (
            "Les collectivités qui équipent les écoles, les structures de reconditionnement "
            "d'ordinateurs, les auteurs de ressources éducatives libres."
        ),
        "goal_1": "Accélérer le déploiement territorial de PrimTux",
        "goal_2": "Faciliter l'installation sur des ordinateurs reconditionnés",
        "goal_3": "Structurer la communauté de contributeurs",
        "heard_about": "administration",
        "referents": [
            ("Essai", "Hélène", "helene.essai@example.org", "Professeure des écoles, présidente"),
        ],
    },
    "umap": {
        "reference": "AIC-2023-0003",
        "submitted_at": paris(2023, 4, 27, 18, 30),
        "contact_email": "candidature.umap@example.org",
        "organisation_name": "OpenStreetMap France",
        "project_name": "uMap",
        "description": (
            "Porté par OpenStreetMap France, uMap permet de créer en un instant des cartes "
            "personnalisées sur des fonds OpenStreetMap et de les afficher sur des sites "
            "internet. Avec près de 950 000 cartes et 100 000 utilisateurs réguliers, uMap "
            "souhaite développer ses cas d'usage dans les administrations."
        ),
        "resource_pooling": (
            "uMap s'appuie sur OpenStreetMap, la base géographique libre construite par ses "
            "contributeurs ; les cartes créées peuvent être partagées, intégrées et "
            "réutilisées."
        ),
        "commons_rationale": (
            "Logiciel libre, fonds de carte issus d'OpenStreetMap sous licence ouverte, "
            "service ouvert à tous et proposé par une association."
        ),
        "website": "https://umap.openstreetmap.fr/fr/",
        "has_related_structures": True,
        "related_structures_details": (
            "OpenStreetMap France est l'association qui soutient le projet OpenStreetMap en France."
        ),
        "problem": (
            "Administrations et collectivités doivent publier des cartes simples "
            "(équipements, travaux, événements) sans compétence en géomatique ni outil "
            "propriétaire."
        ),
        "main_impact": (
            "Que davantage d'administrations publient leurs cartes avec uMap, sur des fonds libres."
        ),
        "impact_indicator": "Cartes créées avec uMap",
        "impact_indicator_unit": "cartes",
        "impact_baseline": Decimal("950000"),
        "impact_target": Decimal("1200000"),
        "impact_strategy": (
            "Objectif à six mois : recueillir les cas d'usage des administrations pendant "
            "la pré-accélération, puis prioriser les évolutions qui y répondent."
        ),
        "state_collaboration_goals": (
            "Développer les cas d'usage de uMap dans les administrations et étudier avec "
            "elles les conditions d'un usage à grande échelle."
        ),
        "other_actors": (
            "Les services de cartographie en ligne d'éditeurs privés ; les outils de "
            "géomatique des collectivités."
        ),
        "goal_1": "Développer les cas d'usage dans les administrations",
        "goal_2": "Consolider l'hébergement et la maintenance du service",
        "goal_3": "Élargir la communauté de contributeurs du logiciel",
        "heard_about": "word_of_mouth",
        "referents": [
            ("Modèle", "Yann", "yann.modele@example.org", "Membre du bureau"),
            ("Spécimen", "Inès", "ines.specimen@example.org", "Développeuse de uMap"),
        ],
    },
    "pyronear": {
        "reference": "AIC-2023-0004",
        "submitted_at": paris(2023, 5, 1, 21, 14),
        "contact_email": "candidature.pyronear@example.org",
        "organisation_name": "Association Pyronear",
        "project_name": "Pyronear",
        "description": (
            "Association loi 1901 à but non lucratif, Pyronear développe un dispositif "
            "ouvert de détection précoce des départs de feu de forêt grâce à l'intelligence "
            "artificielle. Des détecteurs placés en hauteur surveillent la forêt ; un modèle "
            "d'apprentissage repère dans leurs images les indices d'un départ de feu et "
            "l'alerte est donnée automatiquement. Testé en Ardèche, Pyronear souhaite "
            "accélérer son déploiement sur d'autres sites."
        ),
        "resource_pooling": (
            "Le logiciel, les modèles de détection et la conception des détecteurs sont "
            "mis en commun pour que tout territoire exposé aux feux puisse les réutiliser."
        ),
        "commons_rationale": (
            "Code et modèles publiés sous licence libre, dispositif conçu ouvertement, "
            "fonctionnement associatif transparent."
        ),
        "website": "https://pyronear.org/",
        "problem": (
            "Plus un départ de feu de forêt est repéré tôt, plus il est facile à maîtriser ; "
            "la surveillance humaine ne peut couvrir toute la forêt en permanence."
        ),
        "main_impact": "Donner l'alerte plus tôt sur les départs de feu, dans plus de territoires.",
        "impact_indicator": "Départements équipés du dispositif",
        "impact_indicator_unit": "départements",
        "impact_baseline": Decimal("1"),
        "impact_target": Decimal("5"),
        "impact_strategy": (
            "Objectif à six mois : tirer les enseignements du test en Ardèche et préparer "
            "avec les acteurs de la lutte contre les feux le déploiement sur de nouveaux "
            "sites."
        ),
        "state_collaboration_goals": (
            "Développer les cas d'usage du dispositif dans les administrations chargées de "
            "la prévention et de la lutte contre les feux de forêt."
        ),
        "other_actors": (
            "Les services d'incendie et de secours, les acteurs de la défense des forêts "
            "contre l'incendie, les solutions commerciales de détection."
        ),
        "goal_1": "Déployer le dispositif sur de nouveaux sites",
        "goal_2": "Fiabiliser le modèle de détection",
        "goal_3": "Construire des partenariats avec les services publics concernés",
        "heard_about": "social_networks",
        "referents": [
            ("Maquette", "Théo", "theo.maquette@example.org", "Président de l'association"),
        ],
    },
}


def source_applications():
    """[(laureate slug, submission fields, referents)] with the shared answers added."""
    result = []
    for slug, answers in SOURCE_APPLICATIONS.items():
        fields = {**COMMON, **answers}
        referents = [
            {"last_name": last, "first_name": first, "email": email, "role": role}
            for last, first, email, role in fields.pop("referents")
        ]
        for referent in referents:
            referent["phone"] = PHONE
        result.append((slug, fields, referents))
    return result
