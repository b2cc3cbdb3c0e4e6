"""The role the web and the worker run as (`manage.py db_roles`, the one setup compose and CI
use) owns nothing: logged in as it, the audit trail cannot be switched off — no DISABLE
TRIGGER, DROP TRIGGER, TRUNCATE, UPDATE or DELETE of audit rows, no table of its own — while
the application's own writes (a login, a transition through the API with its history and
transition log, a logout) work as that role.

On PostgreSQL only; the roles are created in the test database's cluster and dropped after."""

import json
import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import errors, sql

from backend.audit.db_roles import append_only_tables
from tests.helpers import output_of_fresh_django, reload, state_logs

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "app-role-test-Secret-7"
# A table of each kind of append-only record, and one an ordinary write goes to.
AUDIT_TABLES = [
    "audit_historicaldevelopmentplan",
    "django_fsm_log_statelog",
    "workflows_deadlinechange",
    "audit_attachmentaccess",
]


@pytest.fixture
def app_role(db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The application role of the test database, set up by `manage.py db_roles` as the
    owner (the suite's own role); dropped with its privileges afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("database roles exist on PostgreSQL only")
    role = f"zsss_app_test_{os.getpid()}"
    monkeypatch.setenv("DB_APP_PASSWORD", PASSWORD)
    call_command("db_roles", "--app-role", role, verbosity=0)
    yield role
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)).as_string())
        cursor.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)).as_string())


def _connect_as(role: str) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        dbname=db["NAME"],
        user=role,
        password=PASSWORD,
        autocommit=True,
    )


def _database_url(role: str) -> str:
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{role}:{PASSWORD}@{host}:{port}/{db['NAME']}"


REFUSED = [
    "ALTER TABLE {table} DISABLE TRIGGER ALL",
    "ALTER TABLE {table} DISABLE TRIGGER {table}_append_only",
    "DROP TRIGGER {table}_append_only ON {table}",
    "TRUNCATE {table}",
    "DELETE FROM {table}",
    "UPDATE {table} SET id = id",
    "DROP TABLE {table}",
]


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in AUDIT_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts


def test_the_app_role_cannot_touch_the_audit_trail(
    app_role: str, audit_records: dict[str, Any]
) -> None:
    before = _counts()
    assert all(before.values())
    accepted = []
    with _connect_as(app_role) as conn:
        for table in AUDIT_TABLES:
            for statement in REFUSED:
                try:
                    conn.execute(statement.format(table=table))
                except errors.InsufficientPrivilege:
                    continue  # refused for the lack of a privilege, before any trigger
                accepted.append(statement.format(table=table))
    assert accepted == []
    assert _counts() == before
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE %s AND tgenabled = 'O'",
            ["%_append_only"],
        )
        assert cursor.fetchone()[0] == len(append_only_tables())


def test_the_app_role_owns_nothing_and_cannot_create_or_grant(app_role: str) -> None:
    with _connect_as(app_role) as conn:
        owned = conn.execute(
            "SELECT count(*) FROM pg_class WHERE relowner = "
            "(SELECT oid FROM pg_roles WHERE rolname = current_user)"
        ).fetchone()[0]
        assert owned == 0
        attributes = conn.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user"
        ).fetchone()
        assert attributes == (False, False, False, False)
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE own_table (id int)")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("CREATE ROLE another_owner")
        # It reads and appends to the audit trail: what the application does with it.
        assert conn.execute("SELECT count(*) FROM django_fsm_log_statelog").fetchone()[0] >= 0


def test_every_append_only_table_is_insert_and_select_only(app_role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) "
            "FROM information_schema.role_table_grants WHERE grantee = %s "
            "GROUP BY table_name",
            [app_role],
        )
        grants = dict(cursor.fetchall())
    for table in append_only_tables():
        assert grants[table] == "INSERT,SELECT", table
    assert grants["plans_developmentplan"] == "DELETE,INSERT,SELECT,UPDATE"
    assert grants["django_session"] == "DELETE,INSERT,SELECT,UPDATE"


def test_a_table_created_by_a_later_migration_is_covered(app_role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE later_migration (id bigint GENERATED BY DEFAULT AS IDENTITY)")
    try:
        with _connect_as(app_role) as conn:
            conn.execute("INSERT INTO later_migration DEFAULT VALUES")
            assert conn.execute("SELECT count(*) FROM later_migration").fetchone()[0] == 1
            conn.execute("DELETE FROM later_migration")
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute("TRUNCATE later_migration")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE later_migration")


# Run in a fresh process logged in to the database as the app role: the application's own
# writes through the web and the API.
APP_WRITES = """
import json
from django.test import Client
from backend.audit.services import access_record
client = Client()
answers = {{}}
answers["login"] = client.post(
    "/accounts/login/", {{"username": "tulipan", "password": {password!r}}}
).status_code
answers["withdraw"] = client.post(
    "/api/v1/plans/{plan}/withdraw/", {{"comment": "Záměr odložen."}},
    content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
).status_code
access_record(user=None, plan_id={plan}, filename="rozpocet.pdf")
answers["logout"] = client.post("/accounts/logout/").status_code
print(json.dumps(answers))
"""


def test_the_application_writes_as_the_app_role(
    app_role: str, make_plan: Any, provider_user: Any, tmp_path: Any
) -> None:
    plan = make_plan("awaiting_opinion")
    provider_user.set_password(PASSWORD)
    provider_user.save()
    out = output_of_fresh_django(
        APP_WRITES.format(plan=plan.pk, password=PASSWORD),
        unset=("REDIS_URL", "CELERY_BROKER_URL"),
        DATABASE_URL=_database_url(app_role),
        ALLOWED_HOSTS="testserver",
        CELERY_TASK_ALWAYS_EAGER="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    answers = json.loads(out.splitlines()[-1])
    assert answers == {"login": 302, "withdraw": 200, "logout": 302}
    assert reload(plan).state == "withdrawn"
    assert state_logs(plan).get().transition == "withdraw"
    assert plan.history.filter(state="withdrawn").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_attachmentaccess WHERE plan_id = %s", [plan.pk])
        assert cursor.fetchone()[0] == 1
