"""The change list's rows written in one pass, the bytes of Django's `result_list` (issue 18).

Profiled on the list of 100,000 applications (docs/performance.md, "Admin, fourth round"):
Django's `items_for_result` looks each column up again for every row (`lookup_field`),
writes every cell through `format_html`, re-parses the row's address to add the
preserved filters, and the template then loops over the nine cells of each row: about a
third of the page's CPU. `{% quick_result_list cl %}` gives the same template the same
context, except that each row is one piece of HTML, made by a writer per column decided
once per list. It covers the columns of a plain list (the model admin's own methods,
fields that are not relations); any other list (an editable one, a popup, a column of
another kind) is Django's own. `accelerator/tests/test_admin_rows.py` compares both.
"""

import datetime

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _coerce_field_name,
    result_headers,
    result_hidden_fields,
    results,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from .admin_lists import QuickLinksChangeList


def quick_result_list(cl):
    """The context of Django's `result_list(cl)`, each row of `results` one cell of HTML."""
    headers = list(result_headers(cl))
    rows = quick_results(cl)
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": list(results(cl)) if rows is None else rows,
    }


def quick_results(cl):
    """Each row as `ResultList(None, [html])`, or None when a column or the list is not
    one this module writes (then Django's `results`)."""
    if getattr(cl, "formset", None) or cl.is_popup or cl.to_field or cl.list_display_links is None:
        return None
    writers = column_writers(cl)
    if writers is None:
        return None
    link = ChangeLink(cl)
    # Safe: each cell's text and address went through `conditional_escape`, as in Django's.
    return [
        ResultList(None, [SafeString("".join([write(row, link) for write in writers]))])  # nosec B703
        for row in cl.result_list
    ]


class ChangeLink:
    """Each row's change address with the preserved filters, as Django adds them
    (`add_preserved_filters`): worked out once for the list when the address is the same
    but for the row's integer key, else for each row."""

    def __init__(self, cl):
        self.cl = cl
        self.context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        self.parts = None
        parts = cl.change_url_parts() if isinstance(cl, QuickLinksChangeList) else ()
        if parts:
            # The filters are added after the path, whatever the row's key in it.
            sample = f"{parts[0]}{QuickLinksChangeList.PLACEHOLDER}{parts[1]}"
            preserved = add_preserved_filters(self.context, sample)
            if preserved.startswith(sample):
                self.parts = (parts[0], parts[1] + preserved[len(sample) :])

    def __call__(self, row):
        pk = getattr(row, self.cl.pk_attname)
        if self.parts is not None and type(pk) is int:
            return f"{self.parts[0]}{pk}{self.parts[1]}"
        return add_preserved_filters(self.context, self.cl.url_for_result(row))


def column_writers(cl):
    """One function per column of `cl.list_display`, writing its cell as Django's
    `items_for_result` does; None if a column is of a kind left to Django."""
    writers, first = [], True
    empty = cl.model_admin.get_empty_value_display()
    for index, name in enumerate(cl.list_display):
        linked = (first and not cl.list_display_links) or name in cl.list_display_links
        writer = field_writer(cl, index, name, empty, linked) or method_writer(
            cl, index, name, empty, linked
        )
        if writer is None:
            return None
        if linked:
            writers.append(linked_writer(writer, "th" if first else "td"))
            first = False
        else:
            writers.append(plain(writer))
    return writers


def field_writer(cl, index, name, empty, linked):
    """A column of a model field that is not a relation."""
    if not isinstance(name, str):
        return None
    try:
        field = cl.lookup_opts.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.is_relation or field.auto_created or not field.concrete or field.attname != name:
        return None
    classes = "field-" + _coerce_field_name(name, index)
    if isinstance(field, (models.DateField, models.TimeField)):
        classes += " nowrap"
    attrib = f' class="{classes}"'

    def write(row):
        value = getattr(row, name)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        return attrib, display_for_field(value, field, empty, avoid_link=linked)

    return write


def method_writer(cl, index, name, empty, linked):
    """A column of one of the model admin's own methods (`list_display = ["score"]`)."""
    if callable(name) or not isinstance(name, str) or name == "__str__":
        return None
    try:
        cl.lookup_opts.get_field(name)
    except FieldDoesNotExist:
        pass
    else:
        return None
    attr = getattr(cl.model_admin, name, None)
    if not callable(attr) or isinstance(attr, property):
        return None
    default_empty, empty = empty, getattr(attr, "empty_value_display", empty)
    boolean = getattr(attr, "boolean", False)
    classes = "action-checkbox" if name == "action_checkbox" else "field-" + name

    def write(row):
        try:
            value = attr(row)
        except ObjectDoesNotExist:
            return f' class="{classes}"', default_empty
        if isinstance(value, str) and value.strip() == "":
            value = ""
        nowrap = " nowrap" if isinstance(value, (datetime.date, datetime.time)) else ""
        return f' class="{classes}{nowrap}"', display_for_value(value, empty, boolean)

    return write


def linked_writer(writer, tag):
    def write(row, link):
        attrib, shown = writer(row)
        url = conditional_escape(link(row))
        return f'<{tag}{attrib}><a href="{url}">{conditional_escape(shown)}</a></{tag}>'

    return write


def plain(writer):
    def write(row, _link):
        attrib, shown = writer(row)
        return f"<td{attrib}>{conditional_escape(shown)}</td>"

    return write
