"""Trigram indexes for the admin's search of applications, on PostgreSQL only.

The admin searches `reference`, `organisation_name`, `project_name` and `contact_email`
with `icontains`, which PostgreSQL runs as `UPPER(column::text) LIKE UPPER('%word%')`: a
B-tree cannot serve a pattern that starts with `%`, a trigram GIN index on that same
expression can (pg_trgm, a trusted extension since PostgreSQL 13). With 100,000
applications a search goes from a sequential scan of the table to a bitmap of the matches.

Nothing happens on SQLite, which has no such index (and little data). The indexes are not
in the model's state: they serve a query Django writes, they do not change any model.
"""

from django.db import migrations

COLUMNS = ["reference", "organisation_name", "project_name", "contact_email"]


def index_name(column):
    return f"submission_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index_name(column)}" ON "seasons_submission" '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [("seasons", "0007_links_email")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
