"""Cells of the staff's lists, short enough for every list to fit a 1,400 px screen with
the admin's navigation and filters open: long titles cut, with the whole title as the
cell's tooltip, and days without their hour (the hour is on the object's own page)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

EMPTY = "—"


def shortened(text, limit):
    """`text` as it is when it has at most `limit` characters; else its first ones with
    an ellipsis, the whole text in the tooltip."""
    text = str(text)
    if len(text) <= limit:
        return text
    return format_html('<span title="{}">{}…</span>', text, text[: limit - 1].rstrip())


def short_day(value):
    """ "20/09/2023" for a day or a moment (in the program's time zone), "—" for none."""
    if value is None:
        return EMPTY
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def shortened_column(path, description, limit, ordering=None):
    """A list's column showing the object's `path` ("milestone.title") shortened to
    `limit` characters, "—" where there is none; sorted on `ordering` (default `path`)."""

    @admin.display(description=description, ordering=ordering or path.replace(".", "__"))
    def column(obj):
        value = _follow(obj, path)
        return EMPTY if value in (None, "") else shortened(value, limit)

    return staticmethod(column)


def day_column(path, description):
    """A list's column showing the day of the object's date or moment `path`."""

    @admin.display(description=description, ordering=path)
    def column(obj):
        return short_day(_follow(obj, path))

    return staticmethod(column)


def relabelled(path, description):
    """A list's column showing the field `path` as it is, under a shorter header."""

    @admin.display(description=description, ordering=path)
    def column(obj):
        return getattr(obj, path)

    return staticmethod(column)


def _follow(obj, path):
    """The value at `path` ("milestone.title"), None past a missing link (no milestone)."""
    for name in path.split("."):
        obj = getattr(obj, name) if obj is not None else None
    return obj
