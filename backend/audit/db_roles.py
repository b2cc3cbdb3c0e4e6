"""The database role the web and the worker run as: it owns nothing, so it cannot switch the
audit trail off.

PostgreSQL lets only a table's owner (or a superuser) `ALTER TABLE … DISABLE TRIGGER`,
`DROP TRIGGER` or `DROP TABLE`, and only a role granted TRUNCATE may truncate. Migrations run
as the owner role; `grant_app_role` (run by `manage.py db_roles` as that owner, after every
`migrate`) creates or updates the application's role with

- SELECT, INSERT, UPDATE, DELETE on every table and USAGE on every sequence of the schema,
- on the append-only tables (`append_only_models()`: the transition log, deadline changes,
  field history, the access log) SELECT and INSERT only — the triggers of migration
  audit/0002 refuse UPDATE and DELETE to the owner as well, this refuses them a layer earlier,
- default privileges, so a table a later migration creates is readable and writable at once
  (an append-only one loses UPDATE and DELETE when `db_roles` runs after that migration),

and nothing else: no ownership, no TRUNCATE, no CREATE in the schema, no role attributes.
docs/operations.md, "Database roles".
"""

from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import sql

from backend.audit.history import append_only_models

APP_TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY_PRIVILEGES = "SELECT, INSERT"
# A login role with none of the powers that would let it grant itself more.
APP_ROLE_ATTRIBUTES = (
    "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT"
)


class RoleError(Exception):
    """The application role cannot be set up as asked (e.g. it would own tables)."""


def append_only_tables() -> list[str]:
    return sorted(model._meta.db_table for model in append_only_models())


def grant_app_role(
    connection: BaseDatabaseWrapper, role: str, password: str | None = None
) -> list[str]:
    """Create (or bring up to date) the application's `role` in `connection`'s database, run
    as the role that owns the tables; returns the statements run. Idempotent.

    `password` None keeps the role's password (a new role then has none: it logs in only
    where pg_hba.conf trusts it). Refuses a role that is the connection's own role or owns
    anything in the schema: such a role could still disable the triggers."""
    if connection.vendor != "postgresql":
        raise RoleError("Database roles exist on PostgreSQL only.")
    connection.ensure_connection()
    raw = connection.connection
    role_id = sql.Identifier(role)
    statements: list[sql.Composable] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        owner, schema = cursor.fetchone()
        if role == owner:
            raise RoleError(f"The application role must not be the owner role ({owner}).")
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        exists = cursor.fetchone() is not None
        if exists:
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                "WHERE r.rolname = %s",
                [role],
            )
            owned = cursor.fetchone()[0]
            if owned:
                raise RoleError(
                    f"Role {role} owns {owned} tables, sequences or indexes: it could disable "
                    f"the audit triggers. Give them to the owner role first (as {owner}: "
                    f"REASSIGN OWNED BY {role} TO {owner})."
                )
        schema_id = sql.Identifier(schema)
        owner_id = sql.Identifier(owner)
        attributes = sql.SQL(APP_ROLE_ATTRIBUTES)
        statements.append(
            sql.SQL("ALTER ROLE {} WITH {}" if exists else "CREATE ROLE {} WITH {}").format(
                role_id, attributes
            )
        )
        if password is not None:
            statements.append(
                sql.SQL("ALTER ROLE {} WITH PASSWORD {}").format(role_id, sql.Literal(password))
            )
        statements += [
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(connection.settings_dict["NAME"]), role_id
            ),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema_id, role_id),
            # PostgreSQL 15 no longer lets everyone create tables in "public"; older versions
            # do, and a table the application created would be its own.
            sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(schema_id),
            sql.SQL("GRANT {} ON ALL TABLES IN SCHEMA {} TO {}").format(
                sql.SQL(APP_TABLE_PRIVILEGES), schema_id, role_id
            ),
            sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema_id, role_id),
        ]
        for table in append_only_tables():
            statements.append(
                sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(sql.Identifier(table), role_id)
            )
            statements.append(
                sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                    sql.SQL(APPEND_ONLY_PRIVILEGES), sql.Identifier(table), role_id
                )
            )
        statements += [
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT {} ON TABLES TO {}"
            ).format(owner_id, schema_id, sql.SQL(APP_TABLE_PRIVILEGES), role_id),
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT USAGE ON SEQUENCES TO {}"
            ).format(owner_id, schema_id, role_id),
        ]
        texts = [statement.as_string(raw) for statement in statements]
        for text in texts:
            # Composed on the client: utility statements (CREATE ROLE …) take no parameters.
            cursor.execute(text)
    return [
        text if "PASSWORD" not in text else text.split(" PASSWORD ")[0] + " PASSWORD ***"
        for text in texts
    ]
