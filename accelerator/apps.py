from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AcceleratorConfig(AppConfig):
    """The project itself: layout, security middleware, footer pages, operations."""

    name = "accelerator"
    verbose_name = "Accélérateur"

    def ready(self):
        from . import admin_counts, admin_filters, page_cache, public_records, sessions, views  # noqa: F401 -- sessions connects the login time signal

        page_cache.connect_signals()
        public_records.connect_signals()
        views.connect_signals()
        admin_filters.connect_signals()
        admin_counts.connect_signals()


class StaffAdminConfig(AdminConfig):
    """Django's admin, served by the site that requires the staff's second factor."""

    default_site = "accelerator.admin_site.StaffAdminSite"
