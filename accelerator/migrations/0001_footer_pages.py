"""The footer's legal pages, as flat pages that staff edit in the admin (no code).

Their first text is written for the program run by the State (the operator, the program
and the address of the site come from settings); each operator reviews it before opening.
"""

from django.conf import settings
from django.db import migrations

LEGAL_NOTICE = """
<h2>Éditeur</h2>
<p>Ce site est édité par la {operator}, pour le programme « {program} ».</p>
<p>Directeur ou directrice de la publication : le ou la responsable de la {operator}.</p>
<h2>Hébergement</h2>
<p>Le site est hébergé en France, par le prestataire retenu par la {operator}. Son nom, son
adresse et son téléphone sont indiqués ici à la mise en service.</p>
<h2>Réutilisation des contenus</h2>
<p>Sauf mention contraire, les textes de ce site sont publiés sous la Licence Ouverte 2.0 :
vous pouvez les réutiliser librement, en citant la source. Les logos des lauréats restent
la propriété de leurs organisations.</p>
<h2>Code source</h2>
<p>Le logiciel qui fait fonctionner ce site est libre : son code source est publié et
réutilisable par tout programme d’accompagnement d’initiatives citoyennes.</p>
<h2>Nous contacter</h2>
<p>Pour toute question sur le site ou sur le programme, écrivez à l’équipe du programme à
l’adresse indiquée dans les appels à projets.</p>
"""

PERSONAL_DATA = """
<h2>Responsable du traitement</h2>
<p>La {operator} est responsable du traitement des données personnelles recueillies par ce
site pour le programme « {program} ».</p>
<h2>Pourquoi nous traitons vos données</h2>
<ul>
<li>instruire les candidatures aux appels à projets et informer les candidats de la
décision ;</li>
<li>accompagner les lauréats pendant leur année de suivi ;</li>
<li>présenter publiquement les lauréats et produire des statistiques anonymes sur le
programme.</li>
</ul>
<p>Ce traitement relève de l’exécution d’une mission d’intérêt public (article 6-1-e du
règlement général sur la protection des données).</p>
<h2>Les données traitées</h2>
<p>Le nom de l’organisation et la description de son projet ; les nom, prénom, fonction,
adresse électronique et téléphone des personnes référentes ; les pièces jointes à la
candidature. Aucune donnée n’est demandée au-delà de ce qu’exige l’instruction.</p>
<h2>Qui y a accès</h2>
<p>Seule l’équipe du programme et les personnes chargées d’examiner les candidatures y ont
accès. Les pièces jointes ne sont jamais publiées. Pour les lauréats, seuls le nom de
l’organisation, la description du projet, son site et son logo sont rendus publics.</p>
<h2>Combien de temps</h2>
<p>Les données personnelles des candidatures non retenues ou retirées sont anonymisées
24 mois après la décision. Celles des lauréats sont conservées pendant l’accompagnement,
puis le temps nécessaire au bilan du programme.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder à vos données, les faire rectifier ou effacer, vous opposer à leur
traitement ou en demander la limitation, en écrivant à l’équipe du programme. Si vous
estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez
adresser une réclamation à la Commission nationale de l’informatique et des libertés
(CNIL).</p>
<h2>Cookies</h2>
<p>Ce site ne dépose aucun cookie de mesure d’audience ni de publicité. Il n’utilise que
des cookies nécessaires à son fonctionnement : la langue choisie, la protection des
formulaires et, pour l’équipe du programme, la session de connexion. Ils sont exemptés de
consentement.</p>
"""

ACCESSIBILITY = """
<p>La {operator} s’engage à rendre ses sites internet accessibles conformément à
l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité
s’applique au site du programme « {program} ».</p>
<h2>État de conformité</h2>
<p>Ce site est <strong>non conforme</strong> avec le référentiel général d’amélioration
de l’accessibilité (RGAA), version 4.1.2 : aucun audit de conformité n’a encore été
réalisé.</p>
<p>En attendant cet audit, chaque page publique est vérifiée automatiquement, à chaque
modification du logiciel, avec l’outil axe-core (aucune erreur acceptée) et parcourue au
clavier seul. Le site utilise le système de design de l’État (DSFR).</p>
<h2>Établissement de cette déclaration</h2>
<p>Cette déclaration a été établie lors de la mise en service du site. Technologies
utilisées : HTML, CSS, JavaScript. Le site reste utilisable sans JavaScript.</p>
<h2>Retour d’information et contact</h2>
<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’équipe du
programme pour être orienté vers une alternative accessible ou obtenir le contenu sous une
autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu
ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :</p>
<ul>
<li>écrire un message au Défenseur des droits (formulaire en ligne sur son site) ;</li>
<li>contacter le délégué ou la déléguée du Défenseur des droits dans votre région ;</li>
<li>envoyer un courrier par la poste, gratuitement, sans mettre de timbre : Défenseur des
droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>
"""

PAGES = [
    ("/mentions-legales/", "Mentions légales", LEGAL_NOTICE),
    ("/donnees-personnelles/", "Données personnelles", PERSONAL_DATA),
    ("/accessibilite/", "Déclaration d’accessibilité", ACCESSIBILITY),
]


def create_footer_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    # The sites framework creates its default site after all migrations: do it now.
    site, _created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": settings.PROGRAM_NAME}
    )
    names = {"operator": settings.OPERATOR_NAME, "program": settings.PROGRAM_NAME}
    for url, title, content in PAGES:
        page, _created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content.format(**names).strip()}
        )
        page.sites.add(site)


def remove_footer_pages(apps, schema_editor):
    FlatPage = apps.get_model("flatpages", "FlatPage")
    FlatPage.objects.filter(url__in=[url for url, _title, _content in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_footer_pages, remove_footer_pages)]
