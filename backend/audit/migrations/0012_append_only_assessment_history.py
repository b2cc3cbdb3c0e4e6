"""The field history of the assessment (criteria, reference values, assessments, scores)
refuses UPDATE and DELETE in PostgreSQL too (the trigger function is migration 0002's)."""

from django.db import migrations

TABLES = [
    ("audit", "HistoricalAssessment"),
    ("audit", "HistoricalCriterion"),
    ("audit", "HistoricalReferenceValue"),
    ("audit", "HistoricalScore"),
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
    dependencies = [("audit", "0011_assessment_history")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
