"""A laureate's card (`laureates/includes/laureate_card.html`), rendered once per
version of the public rows, language and heading level, then read from the cache by every
page that shows it (`accelerator.page_cache.public_renders`).

A card shows its laureate, its season, its domains and its track: rows whose every save
or delete already replaces the page cache's version, so a stored card is never stale. On a
cache miss of a page, its cards then cost one cache round trip instead of 24 renders of
the template and the query of their domains (read only for the cards still missing).
"""

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from accelerator.page_cache import public_renders

CARD_TEMPLATE = "laureates/includes/laureate_card.html"


def card_name(laureate, heading):
    return f"laureate-card:{translation.get_language() or ''}:{heading}:{laureate.pk}"


def rendered_cards(laureates, heading=""):
    """[(laureate, its card's HTML)] in the order of `laureates`. `heading`: "h2" on a
    page that lists cards right under its h1, else the card's title is an h3."""
    laureates = list(laureates)
    by_name = {card_name(laureate, heading): laureate for laureate in laureates}

    def render(names):
        missing = [by_name[name] for name in names]
        prefetch_related_objects(missing, "domains")
        return {
            name: render_to_string(CARD_TEMPLATE, {"laureate": laureate, "heading": heading})
            for name, laureate in zip(names, missing, strict=True)
        }

    cards = public_renders(by_name, render)
    return [(laureate, safe(cards[name])) for name, laureate in by_name.items()]


def safe(card):
    """A card is the template engine's output, which escaped what it had to; the cache
    may hand it back as a plain string."""
    return mark_safe(card)  # noqa: S308  # nosec B308 B703
