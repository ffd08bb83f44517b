from django import template
from django.template.base import render_value_in_context
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from laureates.cards import rendered_cards
from laureates.charts import format_value

register = template.Library()


@register.filter
def indicator_value(value):
    """950000.00 as "950 000": indicators are mostly whole counts."""
    return "" if value is None else format_value(value)


# What the template's loop wrote around each link, kept so that the links are the same
# bytes; constant markup, no data.
LINK = (
    '\n          <li><a class="fr-pagination__link" href="?{}" title="{}"{}>{}</a></li>\n        '
)
# The design system's truncation: an inert "…" in the list, where pages are left out.
GAP = '\n          <li><a class="fr-pagination__link">…</a></li>\n        '
CURRENT = mark_safe(' aria-current="page"')  # nosec B308
# The design system's pattern: the first and last pages, the current one and two on each
# side, "…" between (at most 9 numbers, whatever the number of pages).
AROUND, AT_ENDS = 2, 1


@register.simple_tag(takes_context=True)
def page_links(context, page):
    """The pagination's numbered links, as `{% querystring page=n %}` and a translated
    "Page n" title made them in a template loop, in one pass of Python, for the pages
    around the current one and at both ends (Django's elided page range): the list had a
    link per page, 209 at 5,000 laureates and 2,084 at 50,000, most of a render and of
    the page's bytes."""
    query = context.request.GET.copy()
    query["page"] = "_"  # where `page` stands in the query string, as the tag would put it
    parts = query.urlencode().split("&")
    position = parts.index("page=_")
    title = gettext("Page %(number)s")
    links = []
    pages = page.paginator.get_elided_page_range(page.number, on_each_side=AROUND, on_ends=AT_ENDS)
    for number in pages:
        if not isinstance(number, int):  # the paginator's ellipsis
            links.append(GAP)
            continue
        parts[position] = f"page={number}"
        shown = localize(number)
        current = CURRENT if number == page.number else ""
        links.append(format_html(LINK, "&".join(parts), title % {"number": shown}, current, shown))
    # Each link is made by format_html, the gap is constant: their concatenation is safe.
    return mark_safe("".join(links))  # noqa: S308  # nosec B308 B703


OPTION = '\n          <option value="{}"{}>{}</option>\n        '
SELECTED = mark_safe(" selected")  # nosec B308


@register.simple_tag(takes_context=True)
def select_options(context, field):
    """A filter's `<option>`s, as the template loop over `field.field.choices` wrote them
    (`laureates/includes/filter_field.html`), in one pass of Python: the same bytes, a
    fifth of the time of the filter form on a miss."""
    chosen = field.value()
    chosen = "%s" % ("" if chosen is None else chosen)  # as |stringformat:"s"
    options = []
    for value, label in field.field.choices:
        selected = SELECTED if "%s" % value == chosen else ""  # noqa: UP031
        shown, label = (render_value_in_context(text, context) for text in (value, label))
        options.append(format_html(OPTION, shown, selected, label))
    return mark_safe("".join(options))  # noqa: S308  # nosec B308 B703


FILTER_FIELD = "laureates/includes/filter_field.html"
# One entry per language, filter, chosen value and version of the choices: a bound that
# only a crawler of every combination reaches, and then starts again.
MAX_FIELDS_KEPT = 1024
_fields_kept = {}


@register.simple_tag(takes_context=True)
def filter_field(context, field):
    """`{% include "laureates/includes/filter_field.html" with field=field %}`, kept by
    the process once rendered: the include reads nothing but the field, so its bytes
    follow from the language, the field, its value, its errors and its choices (which
    come from the page fragment of the filters' choices, so a new season or domain makes
    a new key). Rendering the five filters was about 1 ms of a miss of the list."""
    choices = getattr(field.field, "choices", ())
    key = (
        translation.get_language(),
        field.html_name,
        field.widget_type,
        "%s" % field.value(),  # noqa: UP031
        tuple(field.errors),
        tuple((str(value), str(label)) for value, label in choices),
    )
    made = _fields_kept.get(key)
    if made is None:
        template = context.template.engine.get_template(FILTER_FIELD)
        made = template.render(context.new({"field": field}))
        if len(_fields_kept) >= MAX_FIELDS_KEPT:
            _fields_kept.clear()
        _fields_kept[key] = made
    return made


@register.simple_tag
def laureate_cards(laureates, heading=""):
    """`{% laureate_cards page_obj "h2" as cards %}`: the cards' HTML, from the cache
    when they are there (`laureates.cards`)."""
    return rendered_cards(laureates, heading)
