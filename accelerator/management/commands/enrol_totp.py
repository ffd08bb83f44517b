"""`manage.py enrol_totp USERNAME`: give a staff account its second factor (TOTP).

The admin asks every staff account for a code from an authenticator app. This command
creates the account's TOTP device and prints the otpauth:// URI (to paste in, or turn into
a QR code for, the app) and the secret (to type in by hand). Use it for the first
administrator, right after `createsuperuser`; later ones can also be enrolled from the
admin ("TOTP devices").
"""

from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Crée le second facteur (TOTP) d’un compte de l’équipe et affiche l’URI otpauth:// "
        "et le secret à saisir dans une application d’authentification."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Identifiant du compte (staff).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remplace les appareils existants du compte (téléphone perdu).",
        )

    @transaction.atomic
    def handle(self, username, replace=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"Aucun compte « {username} ». Créez-le d’abord : manage.py createsuperuser"
            )
        if not user.is_staff:
            raise CommandError(f"Le compte « {username} » n’a pas accès à l’espace équipe.")
        devices = TOTPDevice.objects.filter(user=user)
        if devices.exists() and not replace:
            raise CommandError(
                f"Le compte « {username} » a déjà un second facteur. "
                "Relancez avec --replace pour le remplacer (l’ancien cessera de marcher)."
            )
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        secret = b32encode(device.bin_key).decode()
        self.stdout.write(f"Second facteur créé pour « {username} ».")
        self.stdout.write(f"URI à ouvrir ou à scanner : {device.config_url}")
        self.stdout.write(f"Ou saisissez ce secret à la main (TOTP, 6 chiffres, 30 s) : {secret}")
        self.stdout.write("À la prochaine connexion, l’espace équipe demandera le code affiché.")
