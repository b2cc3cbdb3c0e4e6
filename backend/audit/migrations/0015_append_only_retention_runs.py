"""The record of the retention job's runs refuses UPDATE and DELETE in PostgreSQL too (the
trigger function is migration 0002's)."""

from django.db import migrations

from backend.audit.triggers import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0014_historical_request_form"), ("retention", "0001_initial")]

    operations = [append_only([("retention", "RetentionRun")])]
