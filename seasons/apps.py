from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SeasonsConfig(AppConfig):
    name = "seasons"
    verbose_name = _("Seasons, calls and applications")

    def ready(self):
        from .selection.roles import sync_roles

        # After every app's migrations, once Django has created their permissions.
        post_migrate.connect(sync_roles, dispatch_uid="seasons.sync_roles")

        from . import cockpit

        cockpit.register()
