"""The append-only records added with casework, clarification threads and letters refuse
UPDATE and DELETE in PostgreSQL too (the trigger function is migration 0002's)."""

from django.db import migrations

TABLES = [
    ("casework", "Assignment"),
    ("clarifications", "Message"),
    ("clarifications", "MessageAttachment"),
    ("letters", "LetterVersion"),
]


def _tables(apps):
    return [apps.get_model(app, model)._meta.db_table for app, model in TABLES]


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        schema_editor.execute(
            f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION zsss_append_only()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_network_levels"),
        ("casework", "0001_initial"),
        ("clarifications", "0001_initial"),
        ("letters", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
