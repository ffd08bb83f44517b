"""No review of a draft, in the database itself.

A draft is the applicant's alone: `seasons.selection.reviewing.assign` leaves drafts out and the
reviewers' querysets hide them, but a check constraint cannot look at another table, so a
trigger refuses any review row (inserted, or moved to another application) whose
application is a draft. A sent application never becomes a draft again, so checking the
review's side is enough. Both vendors raise an IntegrityError.
"""

from django.db import migrations

NAME = "review_never_on_draft"
MESSAGE = "review_never_on_draft: a draft cannot be reviewed"
DRAFT_OF_NEW = (
    "(SELECT status FROM seasons_submission WHERE id = NEW.submission_id) = 'draft'"
)

SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS {NAME}_{event.split()[0].lower()} BEFORE {event} "
    f"ON seasons_review FOR EACH ROW WHEN {DRAFT_OF_NEW} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    for event in ["INSERT", "UPDATE OF submission_id"]
]
POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION {NAME}() RETURNS trigger AS $$
    BEGIN
        IF {DRAFT_OF_NEW} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS {NAME} ON seasons_review",
    f"CREATE TRIGGER {NAME} BEFORE INSERT OR UPDATE OF submission_id ON seasons_review "
    f"FOR EACH ROW EXECUTE FUNCTION {NAME}()",
]


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for event in ["insert", "update"]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME}_{event}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME} ON seasons_review")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {NAME}()")


class Migration(migrations.Migration):
    dependencies = [("seasons", "0012_outbound_email_links_superseded_reminders")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
