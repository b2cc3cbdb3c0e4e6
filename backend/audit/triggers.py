"""The PostgreSQL triggers that make a table append-only, for the audit's migrations.

Migration 0002 creates the trigger function `zsss_append_only()`; each later migration that
adds append-only tables attaches it with `append_only(...)`. Other databases rely on the ORM
guard (backend/audit/guards.py)."""

from collections.abc import Sequence
from typing import Any

from django.db import migrations


def append_only(tables: Sequence[tuple[str, str]]) -> migrations.RunPython:
    """A migration operation attaching the append-only trigger to the tables of these
    (app label, model name) pairs on PostgreSQL, and detaching it when reversed."""

    def _tables(apps: Any) -> list[str]:
        return [apps.get_model(app, model)._meta.db_table for app, model in tables]

    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in _tables(apps):
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION zsss_append_only()"
            )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in _tables(apps):
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')

    return migrations.RunPython(create, drop)
