"""The reference numbers issued refuse UPDATE and DELETE in PostgreSQL too (the trigger
function is migration 0002's): a number is never changed, withdrawn or reused."""

from django.db import migrations

from backend.audit.triggers import append_only

TABLES = [("records", "ReferenceNumber")]


class Migration(migrations.Migration):
    dependencies = [("audit", "0015_append_only_retention_runs"), ("records", "0001_initial")]

    operations = [append_only(TABLES)]
