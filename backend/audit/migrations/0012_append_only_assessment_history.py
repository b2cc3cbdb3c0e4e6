"""The field history of the assessment (criteria, reference values, assessments, scores)
refuses UPDATE and DELETE in PostgreSQL too (the trigger function is migration 0002's)."""

from django.db import migrations

from backend.audit.triggers import append_only

TABLES = [
    ("audit", "HistoricalAssessment"),
    ("audit", "HistoricalCriterion"),
    ("audit", "HistoricalReferenceValue"),
    ("audit", "HistoricalScore"),
]


class Migration(migrations.Migration):
    dependencies = [("audit", "0011_assessment_history")]

    operations = [append_only(TABLES)]
