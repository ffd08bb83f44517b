"""A trigram index for the public list's search, on PostgreSQL only.

The list's search (`laureates.filters.LaureateFilter.search`) asks, for each word,
`search_text LIKE '%word%'` (`contains` on the normalised text): a B-tree cannot serve a
pattern that starts with `%`, so every search read the whole table (100 ms at 50,000
laureates). A trigram GIN index on the column serves it (pg_trgm, created by
seasons 0008 too). Nothing happens on SQLite. Not in the model's state: it serves a query
Django writes, it changes no model.
"""

from django.db import migrations

INDEX = "laureate_search_text_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "laureates_laureate" '
        'USING gin ("search_text" gin_trgm_ops)'
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("laureates", "0013_laureate_awaiting_acceptance")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
