"""`manage.py load_demo`: fill a development database with the program's real data."""

import datetime
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accelerator.demo.committee import DEMO_JUROR
from accelerator.demo.loader import DEMO_PASSWORD, DEMO_USERNAME, load_demo
from accelerator.demo.team import DEMO_MEMBER
from laureates.models import TeamMember
from laureates.space.sign_in import create_link
from seasons.jury import sign_in as juror_sign_in

REFUSAL = (
    "load_demo remplit la base avec des données de démonstration : "
    "il ne s'exécute qu'avec DEBUG activé."
)


class Command(BaseCommand):
    help = (
        "Charge les saisons, appels, lauréats, jalons et candidatures de démonstration "
        "(uniquement avec DEBUG). Relancer la commande ne modifie rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Jour de référence (AAAA-MM-JJ) pour dater l'appel de démonstration.",
        )

    def handle(self, *args, today=None, **options):
        # Production must never hold fictitious applications nor a "demo" superuser.
        if not settings.DEBUG:
            raise CommandError(REFUSAL)
        if isinstance(today, str):  # call_command() passes options without parsing them
            today = datetime.date.fromisoformat(today)
        load_demo(today=today, stdout=self.stdout)
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            f"Compte de démonstration : http://127.0.0.1:{port}/admin/ — "
            f"identifiant {DEMO_USERNAME}, mot de passe {DEMO_PASSWORD}"
        )
        slug, email = DEMO_MEMBER
        member = TeamMember.objects.active().get(laureate__slug=slug, email=email)
        self.link_line(
            f"Espace lauréat de {member.laureate.name} ({member.name})",
            f"/espace-laureat/connexion/{create_link(member)}/",
            settings.TEAM_SIGN_IN_LINK_MINUTES,
        )
        juror = get_user_model().objects.get(username=DEMO_JUROR)
        self.link_line(
            f"Juré de démonstration ({juror.get_full_name()})",
            f"/jury/connexion/{juror_sign_in.create_link(juror)}/",
            settings.JUROR_SIGN_IN_LINK_MINUTES,
        )

    def link_line(self, who, path, minutes):
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            f"{who} : http://127.0.0.1:{port}{path} "
            f"— lien valable {minutes} minutes, une fois ; relancez load_demo pour un autre."
        )
