"""The append-only records added with casework, clarification threads and letters refuse
UPDATE and DELETE in PostgreSQL too (the trigger function is migration 0002's)."""

from django.db import migrations

from backend.audit.triggers import append_only

TABLES = [
    ("casework", "Assignment"),
    ("clarifications", "Message"),
    ("clarifications", "MessageAttachment"),
    ("letters", "LetterVersion"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_network_levels"),
        ("casework", "0001_initial"),
        ("clarifications", "0001_initial"),
        ("letters", "0001_initial"),
    ]

    operations = [append_only(TABLES)]
