from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaureatesConfig(AppConfig):
    name = "laureates"
    verbose_name = _("Laureates and follow-up")
