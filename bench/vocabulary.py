"""The words the bench's data set is made of: French, plausible, fictitious."""

WORDS = [
    "Cartes",
    "Libres",
    "Commun",
    "Savoirs",
    "Réseau",
    "Données",
    "Ouvertes",
    "Quartier",
    "Solidaire",
    "Éducation",
    "Alimentation",
    "Mobilité",
    "Énergie",
    "Santé",
    "Culture",
    "Jardins",
    "Partagés",
    "Logiciel",
    "Citoyen",
    "Climat",
    "Numérique",
    "Inclusion",
    "Territoire",
    "Rural",
    "Lecture",
    "Musique",
    "Sport",
    "Vélo",
    "Eau",
    "Forêt",
    "Archives",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Durand",
    "Petit",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
]
FIRST_NAMES = [
    "Camille",
    "Dominique",
    "Claude",
    "Alix",
    "Sacha",
    "Maxime",
    "Lou",
    "Charlie",
    "Noa",
    "Eden",
]
DOMAINS = [
    "Alimentation",
    "Culture",
    "Démocratie",
    "Éducation",
    "Emploi",
    "Environnement",
    "Inclusion numérique",
    "Logement",
    "Mobilité",
    "Santé",
    "Solidarité",
    "Sport",
]
PARAGRAPH = (
    "Le projet met en commun des ressources d’intérêt général, sous licence libre, avec "
    "une gouvernance ouverte à ses contributeurs et aux collectivités qui l’utilisent. "
)


def name_of(rng, number):
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {number}"
