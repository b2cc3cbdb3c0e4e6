"""The reference numbers issued refuse UPDATE and DELETE in PostgreSQL too (the trigger
function is migration 0002's): a number is never changed, withdrawn or reused."""

from django.db import migrations

from backend.audit.triggers import append_only

TABLES = [("records", "ReferenceNumber")]


class Migration(migrations.Migration):
    dependencies = [("audit", "0014_historical_request_form"), ("records", "0001_initial")]

    operations = [append_only(TABLES)]
