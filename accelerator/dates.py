"""Dates and times written the way applicants read them, in the program's time zone,
and the one month arithmetic (`add_months`) of follow-up plans, retention and the demo."""

import calendar

from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _


def format_time(moment):
    """ "12 h", "12 h 30" in French; "12:00" in English."""
    local = timezone.localtime(moment)
    if get_language() and get_language().startswith("fr"):
        if local.minute:
            return f"{local.hour}\N{NO-BREAK SPACE}h\N{NO-BREAK SPACE}{local.minute:02d}"
        return f"{local.hour}\N{NO-BREAK SPACE}h"
    return f"{local.hour}:{local.minute:02d}"


def format_date(moment):
    """ "8 septembre 2023"; the first of a month is written "1er" in French."""
    local = timezone.localtime(moment) if hasattr(moment, "hour") else moment
    text = formats.date_format(local, "j F Y")
    if local.day == 1 and get_language() and get_language().startswith("fr"):
        text = "1er" + text[1:]
    return text


def format_moment(moment):
    """ "8 septembre 2023 à 12 h"."""
    return _("%(date)s at %(time)s") % {"date": format_date(moment), "time": format_time(moment)}


def format_days_left(days):
    if days <= 0:
        return _("last day")
    return ngettext("%(count)d day left", "%(count)d days left", days) % {"count": days}


def add_months(day, months):
    """The same day `months` later (earlier when negative), clamped to the end of shorter
    months (31 Jan + 1 = 28 or 29 Feb). Takes a date or a datetime."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))
