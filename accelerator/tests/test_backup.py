"""A backup made as docs/operations.md says restores every row of a populated database."""

import os
import shutil
import sqlite3
import subprocess

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def row_counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 -- names from the schema
        counts[table] = cursor.fetchone()[0]
    return counts


def pg_environment(settings_dict):
    environment = {**os.environ, "PGHOST": settings_dict["HOST"] or "127.0.0.1"}
    environment["PGPORT"] = str(settings_dict["PORT"] or 5432)
    environment["PGUSER"] = settings_dict["USER"] or "postgres"
    if settings_dict["PASSWORD"]:
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return environment


def run(*command, environment):
    subprocess.run(command, env=environment, check=True, capture_output=True, timeout=120)


def test_postgresql_dump_restores_every_row_of_every_table(demo, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the pg_dump/pg_restore test needs PostgreSQL: set DATABASE_URL=postgres://…")
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb"):
        assert shutil.which(tool), f"{tool} is missing: apt-get install postgresql-client"
    source = connection.settings_dict["NAME"]
    target = f"{source}_restored"
    environment = pg_environment(connection.settings_dict)
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = row_counts(cursor, tables)

    dump = tmp_path / "accelerator.dump"
    run(
        "pg_dump",
        "--format=custom",
        "--no-owner",
        f"--file={dump}",
        source,
        environment=environment,
    )
    run("dropdb", "--if-exists", target, environment=environment)
    run("createdb", target, environment=environment)
    try:
        run(
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={target}",
            str(dump),
            environment=environment,
        )
        import psycopg

        with psycopg.connect(
            dbname=target,
            host=environment["PGHOST"],
            port=environment["PGPORT"],
            user=environment["PGUSER"],
            password=connection.settings_dict["PASSWORD"] or None,
        ) as restored:
            after = row_counts(restored.cursor(), tables)
    finally:
        run("dropdb", "--if-exists", target, environment=environment)

    assert after == before
    assert len(tables) > 20
    assert before["seasons_submission"] == 36
    assert before["laureates_laureate"] == 13
    assert sum(before.values()) > 300


def test_sqlite_backup_restores_every_row_of_every_table(demo, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite .backup test needs SQLite (the default database)")
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = row_counts(cursor, tables)
    connection.ensure_connection()
    backup_file = tmp_path / "backup.sqlite3"
    # The online backup API, which the sqlite3 shell's `.backup` command uses too.
    with sqlite3.connect(backup_file) as backup:
        connection.connection.backup(backup)
    restored_file = tmp_path / "restored.sqlite3"
    shutil.copyfile(backup_file, restored_file)  # restoring is copying the file back
    with sqlite3.connect(restored_file) as restored:
        after = row_counts(restored.cursor(), tables)
        integrity = restored.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    assert after == before
    assert before["seasons_submission"] == 36
    assert sum(before.values()) > 300
