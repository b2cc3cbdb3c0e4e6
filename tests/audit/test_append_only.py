"""The audit trail is append-only for everyone: the ORM refuses changes and deletes, the
admin offers no add, change or delete even to superusers, and PostgreSQL refuses UPDATE and
DELETE on the tables themselves."""

from typing import Any

import pytest
from django.db import DatabaseError, connection, models, transaction
from django.test import Client
from django.urls import reverse

from backend.audit.guards import AppendOnlyError
from backend.audit.history import append_only_models

pytestmark = pytest.mark.django_db
KINDS = ["state log", "deadline change", "history", "access", "retention run"]


@pytest.fixture(params=KINDS)
def record(request: pytest.FixtureRequest, audit_records: dict[str, models.Model]) -> Any:
    return audit_records[request.param]


def _rows(record: Any) -> models.QuerySet:
    return type(record)._default_manager.filter(pk=record.pk)


class TestOrm:
    def test_saving_a_changed_row_is_refused(self, record: Any) -> None:
        before = _rows(record).values().get()
        for field in ("description", "reason", "justification", "filename"):
            if hasattr(record, field):
                setattr(record, field, "přepsáno")
        with pytest.raises(AppendOnlyError):
            record.save()
        assert _rows(record).values().get() == before

    def test_deleting_a_row_is_refused(self, record: Any) -> None:
        # The refusal comes from inside Django's delete transaction, so it needs its own.
        with pytest.raises(AppendOnlyError), transaction.atomic():
            record.delete()
        assert _rows(record).exists()

    def test_queryset_update_and_delete_are_refused(self, record: Any) -> None:
        with pytest.raises(AppendOnlyError):
            _rows(record).update(pk=record.pk)
        with pytest.raises(AppendOnlyError):
            _rows(record).delete()
        assert _rows(record).exists()

    def test_new_rows_are_still_written(self, audit_records: dict[str, Any]) -> None:
        # The fixture wrote one row of each kind through the normal code paths.
        assert {type(r) for r in audit_records.values()} <= set(append_only_models())


def _admin_url(record: Any, view: str, *args: Any) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


class TestAdmin:
    def test_a_superuser_can_only_look(self, record: Any, superuser: Any) -> None:
        client = Client()
        client.force_login(superuser)
        assert client.get(_admin_url(record, "changelist")).status_code == 200
        change = client.get(_admin_url(record, "change", record.pk))
        assert change.status_code == 200  # shown read-only …
        assert b'name="_save"' not in change.content  # … without a save button
        assert client.post(_admin_url(record, "change", record.pk), {}).status_code == 403
        assert client.get(_admin_url(record, "delete", record.pk)).status_code == 403
        assert (
            client.post(_admin_url(record, "delete", record.pk), {"post": "yes"}).status_code == 403
        )
        assert client.get(_admin_url(record, "add")).status_code == 403
        assert _rows(record).exists()

    def test_no_bulk_delete_action_is_offered(self, record: Any, superuser: Any) -> None:
        client = Client()
        client.force_login(superuser)
        page = client.get(_admin_url(record, "changelist")).content
        assert b"delete_selected" not in page


@pytest.mark.postgres
class TestDatabaseTrigger:
    """Raw SQL bypasses the ORM: the trigger refuses it (TRUNCATE stays possible)."""

    @pytest.mark.parametrize(
        "statement",
        ["UPDATE {table} SET id = id WHERE id = %s", "DELETE FROM {table} WHERE id = %s"],
    )
    def test_raw_update_and_delete_are_refused(self, record: Any, statement: str) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("the trigger exists on PostgreSQL only")
        pk_column = record._meta.pk.column
        sql = statement.replace("id", pk_column).format(table=record._meta.db_table)
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [record.pk])
        assert _rows(record).exists()

    def test_every_append_only_table_has_the_trigger(self, db: None) -> None:
        if connection.vendor != "postgresql":
            pytest.skip("the trigger exists on PostgreSQL only")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE %s",
                ["%_append_only"],
            )
            tables = {row[0] for row in cursor.fetchall()}
        assert tables == {model._meta.db_table for model in append_only_models()}
