"""The history pages of the admin (django-simple-history) in the words staff read.

Out of the box a change reads "status: shortlisted → selected" or "submitted at:
2023-05-01 10:00:00+00:00": the stored values. Here each value is shown as on the rest
of the admin: the label of a choice, a date and time in the program's time zone, "Yes"
or "No".
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


def readable(field, value):
    """A stored value as the admin shows it."""
    if value is None or value == "":
        return "—"
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return value
        return readable(self.model._meta.get_field(change.field), value)


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page shows labels and local times."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)


class StateHistoryAdmin(ReadableHistoryAdmin):
    """The history of a model whose state only its domain functions change (a tranche, a
    report): readable, but a past version is never saved back."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Saving a past version back would change the state without the domain functions.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
