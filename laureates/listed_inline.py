"""An inline that lists a laureate's rows read-only, each linked to its own admin page,
where the domain functions change them (updates, reports)."""

from accelerator.read_only_inline import ReadOnlyInline


class ListedInline(ReadOnlyInline):
    """Subclasses name `model` and `fields`; every field is shown read-only."""

    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return False
