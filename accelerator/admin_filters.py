"""The filter sidebar of the admin's list of applications, kept rendered (issue 18).

Profiled on the list of 100,000 applications (docs/performance.md, "Performance II, third
round"): its filters list 200 calls, 20 seasons and every status, each choice a link that
carries the rest of the query string, about a third of the page's CPU; and the calls and
seasons were read again at every request. Both are now kept in the cache (CACHE_URL):

- the choices of the call and season filters (`KeptChoicesFilter`), per language;
- the sidebar's HTML (`{% kept_filters cl %}…{% endkept_filters %}`, around Django's own
  block), per language, filters shown (a reviewer has no score filter) and query string
  (every link carries it), never when the filters show counts (`_facets`: the counts
  follow the rows).

Invalidation is exact: both are stored with a version token that any save or delete of a
season or a call replaces, at once and again on commit (`connect_signals`); what else the
sidebar shows (statuses, organisation types, scores) is code. Writes that skip signals
(`update()`, `bulk_create()`) call `invalidate_admin_filters()` themselves. A cache that
is down makes them computed each time, as before.
"""

import hashlib
import logging

from django import template
from django.contrib import admin
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.safestring import mark_safe

from accelerator import versions

logger = logging.getLogger(__name__)

VERSION_KEY = "admin-filters:version"
# Every query string has its own sidebar (a search is one): entries expire unused.
KEPT_SECONDS = 600


def current_version(version_key=VERSION_KEY):
    return versions.current(version_key)


def invalidate_admin_filters(**_signal_arguments):
    """Make every kept choice and sidebar stale, now and again when the transaction
    commits (a sidebar rendered from the old rows between the save and the commit)."""
    invalidate(VERSION_KEY)


def invalidate(version_key):
    new_version(version_key)
    transaction.on_commit(lambda: new_version(version_key))


def new_version(version_key=VERSION_KEY):
    versions.renew(version_key, "The admin's kept pieces")


def kept(name, build, version_key=VERSION_KEY):
    """`build()`'s value, computed once per version (by default, of the seasons and calls)
    and kept KEPT_SECONDS at most; computed each time if the cache fails."""
    key = "admin-filters:" + name
    try:
        found = cache.get_many([version_key, key])
        version = found.get(version_key) or current_version(version_key)
    except Exception:
        logger.exception("The cache failed: the admin's filters are computed")
        return build()
    entry = found.get(key)
    if isinstance(entry, dict) and entry.get("version") == version and "value" in entry:
        return entry["value"]
    value = build()
    try:
        cache.set(key, {"version": version, "value": value}, timeout=KEPT_SECONDS)
    except Exception:
        logger.exception("The cache failed: the admin's filters are not kept")
    return value


def digest(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class KeptChoicesFilter:
    """A mixin for a related filter on seasons or calls: its (pk, label) choices are read
    once per version, not at every request."""

    def field_choices(self, field, request, model_admin):
        name = digest(
            model_admin.opts.label_lower,
            self.field_path,
            type(self).__qualname__,
            translation.get_language(),
        )
        return kept(
            "choices:" + name,
            lambda: super(KeptChoicesFilter, self).field_choices(field, request, model_admin),
        )


class KeptRelatedFilter(KeptChoicesFilter, admin.RelatedFieldListFilter):
    """Django's related filter, its choices kept."""


def sidebar_name(changelist):
    """What the sidebar's HTML follows: the filters shown and their classes, the whole
    query string (each link carries it), the language."""
    specs = [
        (
            type(spec).__module__,
            type(spec).__qualname__,
            str(spec.title),
            spec.expected_parameters(),
        )
        for spec in changelist.filter_specs
    ]
    return "sidebar:" + digest(
        changelist.opts.label_lower,
        translation.get_language(),
        specs,
        sorted(changelist.filter_params.items()),
        changelist.is_facets_optional,
    )


class KeptFiltersNode(template.Node):
    def __init__(self, nodelist, changelist):
        self.nodelist = nodelist
        self.changelist = changelist

    def render(self, context):
        changelist = self.changelist.resolve(context)
        if changelist.add_facets:
            # Counts of rows: they change with every application.
            return self.nodelist.render(context)
        html = kept(sidebar_name(changelist), lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # noqa: S308 # nosec B308 B703 -- HTML the template rendered


def wrapping_tag(parser, token, node_class):
    """A tag of one argument around what it keeps: `{% name arg %}…{% endname %}`."""
    try:
        name, argument = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError(f"{token.contents} takes one argument") from None
    nodelist = parser.parse((f"end{name}",))
    parser.delete_first_token()
    return node_class(nodelist, parser.compile_filter(argument))


def kept_filters(parser, token):
    """`{% kept_filters cl %}{{ block.super }}{% endkept_filters %}`."""
    return wrapping_tag(parser, token, KeptFiltersNode)


def connect_signals():
    """A season or a call saved or deleted makes the kept choices and sidebars stale."""
    from django.apps import apps

    for model_name in ("Season", "Call"):
        model = apps.get_model("seasons", model_name)
        uid = f"admin-filters:seasons.{model_name}"
        post_save.connect(invalidate_admin_filters, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(invalidate_admin_filters, sender=model, dispatch_uid=uid + ":delete")
