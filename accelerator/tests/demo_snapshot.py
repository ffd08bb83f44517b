"""The demonstration data for tests: `load_demo` runs once per test session, and every
other test that asks for the demo gets the same rows back from memory.

The first test that needs the demo runs the real loader and notes every row it added,
in every table (history, group memberships and users included). Each later test gets
those rows inserted again, a few queries inside its own transaction, which rolls back
as usual. Where the rows cannot come back as they were (the test made a row with one of
their ids first, or the loader changed rows the test had made), the test runs the real
loader instead. Transactional tests (the browser tests) get the rows back the same way,
committed, and flushed after the test as the loader's would be; the flush makes the staff
groups again with other ids, so the rows' links to a group follow it by its name.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from accelerator.demo.loader import load_demo

# {the day the demo is loaded as: [(model, [rows the loader added])]}
_rows_added = {}
# {the day: {a group's id in its rows: the group's name}}: groups are not the demo's rows
# (`migrate` makes them), and a transactional test's flush makes them again with new ids.
_group_names = {}


def _tables():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _ids(model):
    return set(model._base_manager.values_list("pk", flat=True))


def _run_the_loader(today):
    # As `manage.py load_demo` with DEBUG on: the demo account and the reviews come too.
    with override_settings(DEBUG=True):
        return load_demo(today=today)


def _load_and_remember(today):
    before = {model: _ids(model) for model in _tables()}
    if _run_the_loader(today)["changed"]:
        return  # the loader changed rows of the test's: not a new site's demo
    rows_added = []
    for model, ids in before.items():
        added = list(model._base_manager.exclude(pk__in=ids))
        if added:
            rows_added.append((model, added))
    _rows_added[today] = rows_added
    _group_names[today] = dict(Group.objects.values_list("pk", "name"))


def _follow_the_groups(today):
    """Points the rows' links to a staff group at the group of the same name today (no
    change unless a flush made the groups again); False when one of them is gone."""
    rows_added, names = _rows_added[today], _group_names[today]
    if any(model is Group for model, _rows in rows_added):
        return True  # the loader made groups of its own: their rows come back as they were
    now = dict(Group.objects.values_list("name", "pk"))
    if not set(names.values()) <= set(now):
        return False
    for model, rows in rows_added:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Group:
                for row in rows:
                    setattr(row, field.attname, now[names[getattr(row, field.attname)]])
    _group_names[today] = {now[name]: name for name in names.values()}
    return True


def _references_hold(rows_added):
    """Every row outside the snapshot that its rows point at is still there with the same
    id (a transactional test's flush re-creates the staff groups with other ids)."""
    restored = {model: {row.pk for row in rows} for model, rows in rows_added}
    for model, rows in rows_added:
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            target = field.related_model
            wanted = {getattr(row, field.attname) for row in rows} - {None}
            if field.target_field.primary_key:
                wanted -= restored.get(target, set())
            lookup = {f"{field.target_field.attname}__in": wanted}
            if wanted and target._base_manager.filter(**lookup).count() != len(wanted):
                return False
    return True


def _put_back(today):
    """False (and nothing written) when a row of the test's holds one of the ids, or a
    row the snapshot points at is gone."""
    rows_added = _rows_added[today]
    if (
        any(
            model._base_manager.filter(pk__in=[row.pk for row in rows]).exists()
            for model, rows in rows_added
        )
        or not _follow_the_groups(today)
        or not _references_hold(rows_added)
    ):
        return False
    # Foreign keys are checked at the commit (Django makes them deferrable): any order.
    with transaction.atomic():
        for model, rows in rows_added:
            model._base_manager.bulk_create(rows)
        models = [model for model, _rows in rows_added]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    return True


def demo_data(today=None):
    """The demo as `load_demo` loads it on a new site, on `today` (default: today)."""
    today = today or timezone.localdate()
    if today not in _rows_added:
        _load_and_remember(today)
    elif not _put_back(today):
        _run_the_loader(today)
