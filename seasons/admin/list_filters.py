"""List filters the staff's lists share in shape: one whose every choice is a condition
(the applications' score and review progress), one on a state read from the data, never
stored (a call's, a review's)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ConditionFilter(admin.SimpleListFilter):
    """A list filter whose every choice is a condition: `conditions`, a sequence of
    (value in the address, label, Q); any other value leaves the list whole."""

    conditions = ()

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _condition in self.conditions]

    def queryset(self, request, queryset):
        for value, _label, condition in self.conditions:
            if self.value() == value:
                return queryset.filter(condition)
        return queryset


class StateFilter(admin.SimpleListFilter):
    """The list by state: `states` (the choices) and `in_state(queryset, state)`, the rows
    in one; any other value leaves the list whole."""

    title = _("state")
    parameter_name = "state"
    states = None

    def lookups(self, request, model_admin):
        return self.states.choices

    def queryset(self, request, queryset):
        if self.value() in self.states.values:
            return self.in_state(queryset, self.value())
        return queryset

    def in_state(self, queryset, state):
        raise NotImplementedError
