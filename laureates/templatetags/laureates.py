from django import template
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


# What the template's loop wrote around each link, kept so that the page is the same bytes;
# constant markup, no data.
LINK = (
    '\n          <li><a class="fr-pagination__link" href="?{}" title="{}"{}>{}</a></li>\n        '
)
CURRENT = mark_safe(' aria-current="page"')  # nosec B308


@register.simple_tag(takes_context=True)
def page_links(context, page):
    """The pagination's numbered links, as `{% querystring page=n %}` and a translated
    "Page n" title made them in a template loop, in one pass of Python: the list has a
    link per page, 209 pages at 5,000 laureates, and the loop was most of a render."""
    query = context.request.GET.copy()
    query["page"] = "_"  # where `page` stands in the query string, as the tag would put it
    parts = query.urlencode().split("&")
    position = parts.index("page=_")
    title = gettext("Page %(number)s")
    links = []
    for number in page.paginator.page_range:
        parts[position] = f"page={number}"
        shown = localize(number)
        current = CURRENT if number == page.number else ""
        links.append(format_html(LINK, "&".join(parts), title % {"number": shown}, current, shown))
    # Each link is made by format_html, so their concatenation is safe.
    return mark_safe("".join(links))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def laureate_cards(laureates, heading=""):
    """`{% laureate_cards page_obj "h2" as cards %}`: [(laureate, card)], the cards from
    the cache when they are there (`laureates.cards`)."""
    return rendered_cards(laureates, heading)
