"""The filing of the three document kinds as the system ships it (docs/records.md, "Filing
and retention"): illustrative filing codes for the region to replace with those of its own
file plan in the admin; the retention modes and periods explained there."""

from django.db import migrations

DEFAULTS = [
    # kind, filing code, retention mode, retention period in years
    ("plan", "1.4.1", "S", 10),
    ("opinion", "1.4.2", "S", 10),
    ("decision", "1.4.3", "A", 10),
]


def seed(apps, schema_editor):
    DocumentFiling = apps.get_model("documents", "DocumentFiling")
    for kind, filing_code, retention_mode, retention_years in DEFAULTS:
        # A row the region already set is kept as it is.
        DocumentFiling.objects.get_or_create(
            kind=kind,
            defaults={
                "filing_code": filing_code,
                "retention_mode": retention_mode,
                "retention_years": retention_years,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0005_document_filing"),
    ]

    operations = [
        # Unapplying leaves the rows: 0005's reversal drops the table with them.
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
