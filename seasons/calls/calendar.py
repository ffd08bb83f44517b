"""Call deadlines as an iCalendar feed (RFC 5545), written by hand: it is small.

Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character); text
values escape backslashes, semicolons, commas and newlines. Times are written in UTC
(the "Z" form), which every calendar converts to its own zone.
"""

import datetime

from django.utils.translation import gettext as _

FOLD_AT = 75


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Split a content line into chunks of at most 75 octets; continuation lines start
    with one space (which counts in their 75)."""
    encoded = line.encode()
    chunks, start, limit = [], 0, FOLD_AT
    while len(encoded) - start > limit:
        end = start + limit
        while encoded[end] & 0xC0 == 0x80:  # do not cut a multi-byte character
            end -= 1
        chunks.append(encoded[start:end].decode())
        start, limit = end, FOLD_AT - 1
    chunks.append(encoded[start:].decode())
    return "\r\n ".join(chunks)


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def deadline_event(call, url, host):
    return [
        "BEGIN:VEVENT",
        f"UID:call-{call.pk}-deadline@{host}",
        f"DTSTAMP:{utc(call.updated_at)}",
        f"DTSTART:{utc(call.closes_at)}",
        "SUMMARY:" + escape(_("Deadline: %(title)s") % {"title": call.title}),
        "DESCRIPTION:"
        + escape(
            _("%(season)s — call run by %(operator)s. %(url)s")
            % {"season": call.season.title, "operator": call.operator, "url": url}
        ),
        f"URL:{url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar(calls, name, absolute_url, host):
    """The whole VCALENDAR as text; `absolute_url(path)` makes a call's link absolute."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//" + escape(name) + "//" + escape(_("Call deadlines")) + "//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape(f"{name} — {_('Call deadlines')}"),
    ]
    for call in calls:
        lines += deadline_event(call, absolute_url(call.get_absolute_url()), host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
