from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaureatesConfig(AppConfig):
    name = "laureates"
    verbose_name = _("Laureates and follow-up")

    def ready(self):
        """Turn the decision "selected" into a laureate (`laureates.selection`)."""
        try:
            from seasons.selection import register_selection_hook
        except ImportError:
            # The selection workflow of issue 4 is not there yet: nothing to hook into.
            return
        from .selection import LaureateSelectionHook

        register_selection_hook(LaureateSelectionHook())
