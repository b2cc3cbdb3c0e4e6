"""Reads of the imports: the runs of the officer's regions, a run's rows, saved mappings."""

from typing import Any

from django.db.models import QuerySet

from backend.accounts.rules import roles_of
from backend.imports.models import ColumnMapping, ImportRow, ImportRun


def import_runs_for_user(*, user: Any) -> QuerySet[ImportRun]:
    """The imports of the user's regions (none for anybody else)."""
    return ImportRun.objects.filter(region_id__in=roles_of(user).region_ids).select_related(
        "created_by", "committed_by"
    )


def import_rows(*, run: ImportRun, outcome: str = "") -> QuerySet[ImportRow]:
    rows = run.rows.all()
    return rows.filter(outcome=outcome) if outcome else rows


def column_mappings_for_user(*, user: Any) -> QuerySet[ColumnMapping]:
    return ColumnMapping.objects.filter(region_id__in=roles_of(user).region_ids)
