"""On PostgreSQL, the append-only tables refuse UPDATE and DELETE in the database itself,
so not even raw SQL or another client changes the audit trail. TRUNCATE stays possible (test
flushes, a deliberate reset). Other databases rely on the ORM guard (backend/audit/guards.py).
"""

from django.db import migrations

TABLES = [
    ("django_fsm_log", "StateLog"),
    ("workflows", "DeadlineChange"),
    ("audit", "AttachmentAccess"),
    ("audit", "HistoricalCall"),
    ("audit", "HistoricalCouncilResolution"),
    ("audit", "HistoricalDevelopmentPlan"),
    ("audit", "HistoricalMunicipalOpinion"),
    ("audit", "HistoricalNetworkEntry"),
    ("audit", "HistoricalProvider"),
    ("audit", "HistoricalRegionalDecision"),
    ("audit", "HistoricalSocialService"),
]

FUNCTION = """
CREATE OR REPLACE FUNCTION zsss_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
        USING HINT = 'Audit records are never changed or deleted.';
END
$$;
"""


def _tables(apps):
    return [apps.get_model(app, model)._meta.db_table for app, model in TABLES]


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No parameters: the "%" of RAISE must reach PostgreSQL as it is.
    schema_editor.execute(FUNCTION, params=None)
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
    schema_editor.execute("DROP FUNCTION IF EXISTS zsss_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("django_fsm_log", "0004_auto_20190131_0341"),
        ("workflows", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
