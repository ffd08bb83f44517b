"""A new call's rubric: the default one (the five criteria of the AIC's season 2), which
staff then adapt in the admin.

Every path that creates a call calls `add_default_rubric` once the call is saved: the
admin (a call added on its own page or inline under its season), the demo loader, the
benchmark's data and the tests' factory. It is not a side effect of `Call.save`, so the
models of calls and reviews do not import each other.
"""

from django.conf import settings
from django.utils import translation

from ..models import DEFAULT_CRITERIA, Criterion


def default_rubric(call):
    """The default criteria of `call`, unsaved, in the program's language (whoever
    creates the call and in whatever language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            Criterion(call=call, position=n, title=str(title), description=str(text))
            for n, (title, text) in enumerate(DEFAULT_CRITERIA, start=1)
        ]


def add_default_rubric(call):
    return Criterion.objects.bulk_create(default_rubric(call))
