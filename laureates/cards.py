"""A laureate's card (`laureates/includes/laureate_card.html`), rendered once per
version of the public rows, language and heading level, then read from the cache by every
page that shows it (`accelerator.page_cache.public_renders`).

A card shows its laureate, its season, its domains and its track: rows whose every save
or delete already replaces the page cache's version, so a stored card is never stale. On a
cache miss of a page, its cards then cost one cache round trip instead of 24 renders of
the template and the query of their domains (read only for the cards still missing).
A page hands its queryset or its laureates' ids (the list's, cut from
`laureates.views.public_order`): only the ids are read for a queryset (a narrow query,
without the season's join nor 24 wide rows made into objects), and the rows of the
cards still missing after them.
"""

from django.db.models import QuerySet, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from accelerator.page_cache import public_renders

from .models import Laureate

CARD_TEMPLATE = "laureates/includes/laureate_card.html"


def card_name(pk, heading):
    return f"laureate-card:{translation.get_language() or ''}:{heading}:{pk}"


def rendered_cards(laureates, heading=""):
    """The HTML of the cards of `laureates`, in their order: laureates already read, or
    (only their ids read until a card is missing) a queryset of laureates, laureate ids,
    or a page of either. `heading`: "h2" on a page that lists cards right under its h1,
    else the card's title is an h3."""
    shown = getattr(laureates, "object_list", laureates)
    if isinstance(shown, QuerySet):
        pks = list(shown.values_list("pk", flat=True))
    else:
        shown = list(shown)
        pks = shown if all(isinstance(item, int) for item in shown) else None
    if pks is not None:

        def rows_of(missing):
            found = Laureate.objects.select_related("season").in_bulk(missing)
            # A laureate deleted since its id was read has no card.
            return [found[pk] for pk in missing if pk in found]

    else:
        by_pk = {laureate.pk: laureate for laureate in shown}
        pks = list(by_pk)

        def rows_of(missing):
            return [by_pk[pk] for pk in missing]

    by_name = {card_name(pk, heading): pk for pk in pks}

    def render(names):
        missing = rows_of([by_name[name] for name in names])
        prefetch_related_objects(missing, "domains")
        return {
            card_name(laureate.pk, heading): render_to_string(
                CARD_TEMPLATE, {"laureate": laureate, "heading": heading}
            )
            for laureate in missing
        }

    cards = public_renders(by_name, render)
    return [safe(cards[name]) for name in by_name if name in cards]


def safe(card):
    """A card is the template engine's output, which escaped what it had to; the cache
    may hand it back as a plain string."""
    return mark_safe(card)  # noqa: S308  # nosec B308 B703
