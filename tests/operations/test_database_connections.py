"""PostgreSQL connections: kept between requests, checked before reuse, and running the
queries they repeat as prepared statements (planned once per connection)."""

import json

import pytest
from django.db import connection

from backend.registry.models import Orp
from tests.helpers import output_of_fresh_django

PRINT_DATABASE = (
    "import json; from django.conf import settings; db = settings.DATABASES['default']; "
    "print(json.dumps({key: db[key] for key in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS')}))"
)
DEPLOYMENT = ("DATABASE_URL", "DB_CONN_MAX_AGE", "DB_PREPARE_THRESHOLD")


def _database_settings(**env: str) -> dict:
    return json.loads(output_of_fresh_django(PRINT_DATABASE, unset=DEPLOYMENT, **env))


POSTGRES = "postgres://zsss:secret@db:5432/zsss"


def test_postgresql_connections_persist_and_prepare_what_they_repeat() -> None:
    database = _database_settings(DATABASE_URL=POSTGRES)
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"] == {
        "server_side_binding": True,
        "prepare_threshold": 5,
        "options": "-c random_page_cost=1.1",
    }


def test_the_planner_cost_of_a_random_read_can_be_left_to_the_server() -> None:
    assert (
        "options"
        not in _database_settings(DATABASE_URL=POSTGRES, DB_RANDOM_PAGE_COST="0")["OPTIONS"]
    )
    database = _database_settings(DATABASE_URL=POSTGRES, DB_RANDOM_PAGE_COST="2")
    assert database["OPTIONS"]["options"] == "-c random_page_cost=2.0"


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler() -> None:
    database = _database_settings(DATABASE_URL=POSTGRES, DB_PREPARE_THRESHOLD="0")
    assert "prepare_threshold" not in database["OPTIONS"]
    assert "server_side_binding" not in database["OPTIONS"]


def test_the_embedded_sqlite_database_has_no_prepared_statements() -> None:
    options = _database_settings()["OPTIONS"]
    assert "prepare_threshold" not in options
    assert options["transaction_mode"] == "IMMEDIATE"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
@pytest.mark.django_db
def test_a_repeated_query_runs_as_a_prepared_statement() -> None:
    for _ in range(6):
        list(Orp.objects.filter(code="5105"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "registry_orp"' in statement for statement in prepared)
