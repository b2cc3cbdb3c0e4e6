# Issue 7: the plans list pages from an index and counts from indexes only.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('calls', '0001_initial'),
        ('plans', '0003_version'),
        ('registry', '0002_reference_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='developmentplan',
            index=models.Index(fields=['-created_at', '-id'], name='plan_created_idx'),
        ),
        migrations.AddIndex(
            model_name='developmentplan',
            index=models.Index(fields=['state', '-created_at', '-id'], include=('call',), name='plan_state_created_idx'),
        ),
        # The ORP filter's semi-join reads the territory table by ORP: with the plan id in
        # the index it is an index-only scan. The table is the implicit many-to-many one,
        # so the index is plain SQL (the same on PostgreSQL and SQLite).
        migrations.RunSQL(
            'CREATE INDEX plan_orps_orp_plan_idx ON plans_developmentplan_orps (orp_id, developmentplan_id)',
            'DROP INDEX plan_orps_orp_plan_idx',
        ),
    ]
