# Issue 7: the plans list pages from an index and counts from indexes only.

from django.db import migrations, models

# On PostgreSQL the index of the order within a state also carries the call (INCLUDE), so the
# paginator's count (state, the region's calls) is an index-only scan; SQLite has no INCLUDE.
STATE_CREATED = (
    "CREATE INDEX plan_state_created_idx ON plans_developmentplan "
    '(state, created_at DESC, id DESC){include}'
)


def create_state_created(apps, schema_editor):
    include = " INCLUDE (call_id)" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(STATE_CREATED.format(include=include))


def drop_state_created(apps, schema_editor):
    schema_editor.execute("DROP INDEX plan_state_created_idx")


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0003_version'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='developmentplan',
            index=models.Index(fields=['-created_at', '-id'], name='plan_created_idx'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='developmentplan',
                    index=models.Index(fields=['state', '-created_at', '-id'], name='plan_state_created_idx'),
                ),
            ],
            database_operations=[migrations.RunPython(create_state_created, drop_state_created)],
        ),
        # The ORP filter's semi-join reads the territory table by ORP: with the plan id in
        # the index it is an index-only scan. The table is the implicit many-to-many one,
        # so the index is plain SQL (the same on PostgreSQL and SQLite).
        migrations.RunSQL(
            'CREATE INDEX plan_orps_orp_plan_idx ON plans_developmentplan_orps (orp_id, developmentplan_id)',
            'DROP INDEX plan_orps_orp_plan_idx',
        ),
    ]
