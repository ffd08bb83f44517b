"""Fictitious applications to the season-2 calls, so that staff screens have content.

The organisations, places and people are invented (every e-mail is @example.org); the
answers come from a few themes and the numbers from `random.Random(2023)`, so every load
gives the same applications. Applications to the demonstration call are dated from the
day of the load; the others fall inside their call's opening period.
"""

import datetime
import random
from decimal import Decimal

from django.utils.text import slugify

from .facts import PARIS

DEMO = "appel-de-demonstration"
TYPES = {
    "A": "association",
    "P": "public_administration",
    "AP": "association_and_administration",
    "E": "company",
}

# [call slug], then one application a line: organisation | project | type | status | theme
# | place. Types: A association, P public administration, AP both, E company (ineligible).
ORGANISATIONS = """
[communs-numeriques-1re-releve]
Association Cantines Ouvertes | Menus ouverts | A | rejected | alimentation | Valmorin
Collectif Savoirs Libres | Manuels libres du collège | A | waitlisted | education | Sainte-Orée
Les Sentinelles de l'Aune | Eau claire partagée | A | rejected | environnement | Brévilly
Association Prévention Santé | Annuaire de la prévention | A | withdrawn | sante | Vaudrecourt
Datafood Conseil SAS | Score des cantines | E | rejected | alimentation | Valmorin
Bibliothèques en Commun | Catalogue commun | A | shortlisted | patrimoine | Sainte-Orée
Association Covoit'Campagne | Covoiturage rural ouvert | A | rejected | mobilite | Chênebourg
École et Logiciels Libres | Clés USB pédagogiques libres | A | waitlisted | education | Kerbizien
Cartographes du Dimanche | Atlas des sentiers | A | rejected | cartographie | Pontlieu
[communs-numeriques-2e-releve]
Communauté de communes du Val-de-Brume | Circuit court | P | in_review | alimentation | Val-de-Brume
Mairie de Brévilly | Accessibilité cartographiée | P | shortlisted | cartographie | Brévilly
Association Brévilly Vélo | Pistes cyclables ouvertes | A | submitted | mobilite | Brévilly
Syndicat mixte de Chênebourg | Inventaire des haies | AP | in_review | environnement | Chênebourg
Association Droits pour Tous | Guides juridiques libres | A | in_review | droit | Kerbizien
Association Point Numérique | Carte de la médiation | A | submitted | inclusion | Pontlieu
CartoPlus Services SARL | Fonds de carte clés en main | E | rejected | cartographie | Vaudrecourt
Département du Val-de-Brume | Données des collèges | P | shortlisted | education | Val-de-Brume
CCAS de Vaudrecourt | Aides sociales en clair | P | rejected | droit | Vaudrecourt
Biodiversité en Partage | Observatoire des abeilles | A | withdrawn | environnement | Sainte-Orée
Mémoire de Chênebourg | Fonds photographique libre | A | submitted | patrimoine | Chênebourg
Association Santé Quartiers | Carte des lieux de dépistage | A | draft | sante | Kerbizien
[communs-ditp]
Grainothèque de Valmorin | Réseau de grainothèques | A | in_review | semences | Valmorin
Association Répar'Ensemble | Cafés réparation en réseau | A | shortlisted | reemploi | Pontlieu
Jardins partagés de Sainte-Orée | Jardins nourriciers | A | waitlisted | semences | Sainte-Orée
EcoObjets SAS | Location d'outils entre voisins | E | rejected | reemploi | Vaudrecourt
Recyclerie de Kerbizien | Matériauthèque solidaire | A | rejected | reemploi | Kerbizien
[appel-de-demonstration]
Association Alimentation Locale | Épiceries solidaires | A | draft | alimentation | Valmorin
Mairie de Valmorin | Carte des équipements communaux | P | submitted | cartographie | Valmorin
Sciences en Herbe | Expériences libres pour l'école | A | submitted | education | Pontlieu
Association Vélo Solidaire | Ateliers vélo cartographiés | A | submitted | mobilite | Vaudrecourt
Agglomération de Kerbizien | Suivi ouvert des rivières | P | draft | environnement | Kerbizien
Numérique Solidaire | Ordinateurs reconditionnés | A | submitted | inclusion | Sainte-Orée
"""

# theme: (problem, what is pooled, impact indicator, unit, baseline range, first goal)
THEMES = {
    "alimentation": (
        "l'accès difficile à une alimentation locale et de qualité",
        "les données des producteurs et des points de vente",
        "Points de vente référencés", "points de vente", (40, 300),
        "Référencer les producteurs du territoire",
    ),
    "education": (
        "l'absence de ressources pédagogiques libres et adaptées",
        "des ressources pédagogiques écrites par des enseignants",
        "Classes utilisatrices", "classes", (20, 400),
        "Faire relire les ressources par des enseignants",
    ),
    "cartographie": (
        "des informations géographiques locales dispersées et périmées",
        "des données géographiques ouvertes, versées dans OpenStreetMap",
        "Lieux cartographiés", "lieux", (500, 5000),
        "Former des contributeurs locaux",
    ),
    "environnement": (
        "un suivi du milieu naturel trop rare et trop coûteux",
        "des relevés de terrain faits par des bénévoles",
        "Relevés publiés", "relevés", (100, 2000),
        "Outiller les bénévoles pour les relevés",
    ),
    "sante": (
        "des lieux de prévention mal connus des habitants",
        "un annuaire ouvert des lieux et actions de prévention",
        "Lieux de prévention référencés", "lieux", (30, 250),
        "Tenir l'annuaire à jour avec les professionnels",
    ),
    "mobilite": (
        "l'isolement des habitants sans voiture",
        "des données ouvertes sur les trajets et les aménagements",
        "Trajets partagés par mois", "trajets", (50, 800),
        "Publier les données dans un format ouvert",
    ),
    "droit": (
        "un non-recours aux droits encore fréquent",
        "des guides juridiques libres, relus par des professionnels",
        "Consultations des guides par mois", "consultations", (300, 4000),
        "Faire relire les guides par des juristes",
    ),
    "inclusion": (
        "l'éloignement du numérique d'une partie des habitants",
        "la liste ouverte des lieux de médiation numérique",
        "Personnes accompagnées", "personnes", (100, 1500),
        "Recenser les lieux de médiation",
    ),
    "patrimoine": (
        "un patrimoine local peu visible et mal documenté",
        "des fonds numérisés sous licence libre",
        "Documents numérisés et publiés", "documents", (200, 3000),
        "Numériser les fonds prioritaires",
    ),
    "semences": (
        "la perte de variétés locales et de savoir-faire",
        "des semences et des savoir-faire partagés entre habitants",
        "Foyers participants", "foyers", (30, 300),
        "Ouvrir de nouveaux points d'échange",
    ),
    "reemploi": (
        "un gaspillage d'objets encore réparables",
        "des outils, des lieux et des savoir-faire de réparation",
        "Objets réparés ou réemployés", "objets", (200, 2000),
        "Former de nouveaux bénévoles réparateurs",
    ),
}  # fmt: skip
NON_DIGITAL = {"semences", "reemploi"}

FIRST_NAMES = ["Alix", "Bastien", "Chloé", "Damien", "Elsa", "Farid", "Gaëlle", "Hugo"]
LAST_NAMES = ["Exemple", "Fictif", "Essai", "Modèle", "Spécimen", "Maquette", "Prototype"]
ROLES = ["Président·e", "Coordinateur·rice", "Chargé·e de projet", "Trésorier·ère"]
FUNDERS = [
    "Subventions de la région et du département",
    "Fondation d'entreprise et dons",
    "Cotisations des membres et mécénat",
    "Appel à projets régional et dons des habitants",
]
PUBLIC_FUNDERS = "Budget propre de la collectivité et dotations de l'État"
HEARD = ["website", "social_networks", "press", "newsletter", "administration", "event"]
# A draft is a form saved half-way: the structure and a first description only.
DRAFT_FIELDS = [
    "status", "contact_email", "organisation_name", "project_name", "organisation_type",
    "commons_nature", "description", "problem", "availability_confirmed",
]  # fmt: skip
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=PARIS)


def organisations():
    """[(call slug, organisation, project, type, status, theme, place)] from the table."""
    rows, call = [], None
    for line in ORGANISATIONS.strip().splitlines():
        if line.startswith("["):
            call = line.strip("[]")
            continue
        org, project, kind, status, theme, place = (cell.strip() for cell in line.split("|"))
        rows.append((call, org, project, TYPES[kind], status, theme, place))
    return rows


def answers(org, project, theme, place, rng):
    """The project part of the form, written from the theme."""
    problem, pooling, indicator, unit, (low, high), goal = THEMES[theme]
    baseline = rng.randint(low, high)
    return {
        "description": (
            f"{org} porte le projet « {project} » à {place} et dans les communes voisines. "
            f"Face à {problem}, le projet met en commun {pooling}, que chacun peut "
            "consulter, enrichir et réutiliser."
        ),
        "resource_pooling": f"Le projet met en commun {pooling}, au bénéfice de tous.",
        "commons_rationale": (
            "Contenus sous licence libre, règles de contribution publiques, comptes rendus "
            "ouverts et comité de pilotage associant usagers et partenaires."
        ),
        "problem": f"À {place}, le projet part d'un constat : {problem}.",
        "main_impact": f"Faire du projet « {project} » une ressource partagée au-delà de {place}.",
        "impact_indicator": indicator,
        "impact_indicator_unit": unit,
        "impact_baseline": Decimal(baseline),
        "impact_target": Decimal(baseline * rng.choice([2, 3, 4])),
        "impact_strategy": f"{goal}, puis présenter le projet à deux territoires voisins.",
        "state_collaboration_goals": "Faire connaître le projet aux services de l'État.",
        "other_actors": "Quelques initiatives locales proches, sans outil partagé.",
        "goal_1": goal,
        "goal_2": "Consolider la gouvernance du projet",
        "goal_3": "Trouver des financements durables",
    }


def structure(org, kind, theme, rng):
    """The structure part of the form: budget, funders, activity, contributors."""
    budget, funder = rng.randint(15, 400) * 1000, rng.choice(FUNDERS)
    return {
        "organisation_type": kind,
        "commons_nature": "non_digital" if theme in NON_DIGITAL else "digital",
        "website": f"https://{slugify(org)}.example.org/",
        "budget_last_year": budget,
        "budget_year_before": int(round(budget * rng.uniform(0.6, 1.1), -3)),
        "main_funders": PUBLIC_FUNDERS if kind == "public_administration" else funder,
        "has_paid_activity": kind == "company" or rng.random() < 0.2,
        "has_related_structures": False,
        "contributors_count": rng.randint(3, 250),
        "heard_about": rng.choice(HEARD),
        "news_opt_in": rng.random() < 0.7,
    }


def referents(rng):
    """One or two fictitious people; the second never has the first one's name."""
    names = rng.sample([(f, last) for f in FIRST_NAMES for last in LAST_NAMES], 2)
    count = rng.choice([1, 2, 2])
    return [
        {
            "position": position,
            "first_name": first,
            "last_name": last,
            "email": f"{slugify(first)}.{slugify(last)}@example.org",
            "phone": f"01 23 45 {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "role": rng.choice(ROLES),
        }
        for position, (first, last) in enumerate(names[:count], start=1)
    ]


def moment(rng, day):
    """A working-hours moment on `day`, Paris time."""
    return datetime.datetime.combine(
        day, datetime.time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=PARIS
    )


def sent_at(rng, opens_at, closes_at):
    """A moment inside the call's period, strictly before its deadline."""
    first, last = opens_at.astimezone(PARIS).date(), closes_at.astimezone(PARIS).date()
    sent = moment(rng, first + datetime.timedelta(days=rng.randint(1, (last - first).days)))
    return sent if sent < closes_at else sent - datetime.timedelta(days=1)


def application(row, call_periods, today, rng):
    """(call slug, fields, referents, fields set only at creation) for one table row."""
    call, org, project, kind, status, theme, place = row
    fields = {
        "status": status,
        "contact_email": f"{slugify(org)}@example.org",
        "organisation_name": org,
        "project_name": project,
        "availability_confirmed": status != "draft",
        **structure(org, kind, theme, rng),
        **answers(org, project, theme, place, rng),
    }
    people, initial = referents(rng), {}
    if call == DEMO:
        sent = moment(rng, today - datetime.timedelta(days=rng.randint(1, 6)))
    else:
        sent = sent_at(rng, *call_periods[call])
    if status == "draft":
        return call, {key: fields[key] for key in DRAFT_FIELDS}, people[:1], initial
    if call == DEMO:
        # Dated from the first load only: moving it on every load would rewrite the row.
        initial["submitted_at"] = sent
    else:
        fields["submitted_at"] = sent
    return call, fields, people, initial


def fictitious_applications(call_periods, today):
    """[(call slug, fields, referents, initial)], the same list on every load.

    `call_periods` maps each call slug to (opens_at, closes_at). Every row draws the same
    numbers from the generator whatever its status, so editing one row's status never
    reshuffles the others.
    """
    rng = random.Random(2023)  # noqa: S311 -- demonstration data, not security
    applications = [application(row, call_periods, today, rng) for row in organisations()]
    return number(applications)


def number(applications):
    """References AIC-2023-0005 onward: real calls by date sent, then the demonstration."""
    sent = [app for app in applications if app[1]["status"] != "draft"]
    sent.sort(key=lambda app: (app[0] == DEMO, app[1].get("submitted_at", EPOCH)))
    for index, (_call, fields, _people, _initial) in enumerate(sent, start=5):
        fields["reference"] = f"AIC-2023-{index:04d}"
    return applications
