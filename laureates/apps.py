from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaureatesConfig(AppConfig):
    name = "laureates"
    verbose_name = _("Laureates and follow-up")

    def ready(self):
        """Turn the decision "selected" into a laureate (`laureates.onboarding`): seasons
        offers the hook, so that it never imports this app."""
        from seasons.selection.workflow import register_selection_hook

        from .onboarding import LaureateSelectionHook

        register_selection_hook(LaureateSelectionHook())

        from . import cockpit, public_record

        cockpit.register()
        public_record.connect_signals()
