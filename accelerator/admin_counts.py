"""The applications list's total, kept until an application is added or deleted (issue 18).

Unfiltered, the admin's list of applications counts every row of its table at every
request (`COUNT(*)` over 100,000 rows: 15 to 50 ms of PostgreSQL's CPU, as much as the
page's own rendering). `KeptCountPaginator` keeps that total in the cache under a version
token that any application created or deleted replaces, at once and again on commit
(`connect_signals`); a change of status changes no total. A filtered, searched or
restricted list (a reviewer's) is counted as before: its rows follow other columns.
Writes that skip signals (`bulk_create()`, a raw delete) call `invalidate_admin_counts()`.
"""

from django.core.paginator import Paginator
from django.db.models.signals import post_delete, post_save
from django.utils.functional import cached_property

from .admin_filters import invalidate, kept

VERSION_KEY = "admin-counts:version"


def invalidate_admin_counts(**_signal_arguments):
    invalidate(VERSION_KEY)


def whole_table(queryset):
    """Whether `queryset` has every row of its table once: no filter, no DISTINCT, no
    grouping, no slice, no union (annotations by subquery multiply no row)."""
    query = getattr(queryset, "query", None)
    return bool(
        query is not None
        and not query.where
        and not query.distinct
        and query.group_by is None
        and not query.is_sliced
        and not query.combinator
    )


class KeptCountPaginator(Paginator):
    @cached_property
    def count(self):
        if not whole_table(self.object_list):
            return super().count
        name = "count:" + self.object_list.model._meta.label_lower
        return kept(name, lambda: Paginator.count.func(self), VERSION_KEY)


class KeptCount:
    """A ModelAdmin mixin: its unfiltered list's total kept (the model must be watched by
    `connect_signals`)."""

    paginator = KeptCountPaginator


def connect_signals():
    from django.apps import apps

    model = apps.get_model("seasons", "Submission")

    def created(instance, created, **_arguments):
        if created:
            invalidate_admin_counts()

    post_save.connect(created, sender=model, weak=False, dispatch_uid="admin-counts:save")
    post_delete.connect(invalidate_admin_counts, sender=model, dispatch_uid="admin-counts:delete")
