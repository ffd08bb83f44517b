"""Rows written in bulk: COPY on PostgreSQL, `executemany` on SQLite (the tests).

Primary keys are chosen by the caller so that children can point at their parents without
reading them back; `reset_sequences` moves the sequences past them at the end.
"""

from django.core.management.color import no_style
from django.db import connection
from django.db.models import JSONField, Max
from django.utils import timezone

from laureates.models import ImpactIndicator, Laureate, Measurement, Milestone
from seasons.models import Referent, Review, Score, Submission


class Writer:
    """Writes rows of one model given as tuples of `fields`; every other column gets its
    default (fields with `auto_now` get the time of the run)."""

    def __init__(self, model, fields):
        self.model = model
        now = timezone.now()
        meta = model._meta
        explicit = [meta.get_field(name) for name in fields]
        self.rest = [f for f in meta.concrete_fields if f not in explicit and not f.primary_key]
        self.rest_values = tuple(
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            # A JSON default ({} for `Submission.answers`) is written as JSON.
            else f.get_db_prep_save(f.get_default(), connection)
            if isinstance(f, JSONField)
            else f.get_default()
            for f in self.rest
        )
        self.columns = [f.column for f in explicit] + [f.column for f in self.rest]

    def write(self, rows):
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        rest = self.rest_values
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + rest)
                        count += 1
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                batch = [row + rest for row in rows]
                # Names from the models' own metadata, quoted; the values are parameters.
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, batch)
                count = len(batch)
        return count


def next_id(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences():
    models = [
        Submission,
        Referent,
        Review,
        Score,
        Laureate,
        Laureate.domains.through,
        Milestone,
        ImpactIndicator,
        Measurement,
    ]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
