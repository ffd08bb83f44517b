"""An inline that lists a laureate's rows read-only, each linked to its own admin page,
where the domain functions change them (updates, reports)."""

from django.contrib import admin


class ListedInline(admin.TabularInline):
    """Subclasses name `model` and `fields`; every field is shown read-only."""

    extra = 0
    show_change_link = True
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
