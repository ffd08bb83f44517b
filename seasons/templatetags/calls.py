from django import template
from django.utils.translation import gettext as _

from accelerator.dates import format_date, format_days_left, format_moment
from seasons.applying import uploads
from seasons.models import CallState

register = template.Library()

STATE_BADGE_CLASSES = {
    CallState.UPCOMING: "fr-badge--info",
    CallState.OPEN: "fr-badge--success",
    CallState.CLOSED: "fr-badge--new",
}


@register.filter
def moment(value):
    """A datetime as "8 septembre 2023 à 12 h" in the program's time zone."""
    return format_moment(value) if value else ""


@register.filter
def file_size(value):
    """A size as "10 Mo" or "2,5 Mo" (Django's filesizeformat gives "10,0 Mio")."""
    return uploads.file_size(value)


@register.filter
def long_date(value):
    return format_date(value) if value else ""


@register.simple_tag
def deadline_sentence(call, now):
    """ "Apply before …" while one still can, "Applications closed on …" once closed."""
    values = {"deadline": format_moment(call.closes_at)}
    if call.state_at(now) == CallState.CLOSED:
        return _("Applications closed on %(deadline)s") % values
    return _("Apply before %(deadline)s") % values


@register.inclusion_tag("seasons/includes/call_state.html")
def call_state(call, now):
    state = call.state_at(now)
    return {
        "state": state,
        "label": CallState(state).label,
        "badge_class": STATE_BADGE_CLASSES[state],
        "days_left": format_days_left(call.days_left(now)) if state == CallState.OPEN else "",
    }
