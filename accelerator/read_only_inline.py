"""An inline of rows that the domain writes (files sent, status changes, e-mails, a
laureate's reports and updates): shown on their parent's admin page, never added, edited
through the inline's fields, nor deleted there."""

from django.contrib import admin


class ReadOnlyInline(admin.TabularInline):
    """Subclasses name `model` and `fields`; every field is shown read-only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False
