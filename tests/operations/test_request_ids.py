"""Every request has an id: the client's X-Request-ID (a UUID) or a new one, returned in the
response header, carried by every log line and by the tasks the request enqueues."""

import io
import json
import logging
import logging.config
import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings as django_settings
from django_guid import get_guid, set_guid

from backend.config.logging import logging_config
from backend.operations import celery_ids


def test_a_new_id_is_returned_in_the_header(client: Any) -> None:
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]
    assert len(first) == 32 and int(first, 16) >= 0
    assert first != second


def test_the_clients_uuid_is_kept(client: Any) -> None:
    given = str(uuid.uuid4())
    assert client.get("/health/", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given


def test_anything_else_is_replaced(client: Any) -> None:
    forged = "abc\nFAKE LOG LINE"
    returned = client.get("/health/", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
    assert returned != forged and len(returned) == 32


@pytest.fixture
def log_output() -> Iterator[Any]:
    """Configure logging as the settings do, writing into a buffer; restore afterwards."""
    buffer = io.StringIO()

    def configure(*, json_lines: bool) -> io.StringIO:
        config = logging_config(json_lines=json_lines, level="INFO", loggers={})
        logging.config.dictConfig(config)
        (handler,) = logging.getLogger().handlers
        handler.setStream(buffer)  # type: ignore[attr-defined]  # the console StreamHandler
        return buffer

    yield configure
    logging.config.dictConfig(django_settings.LOGGING)


@pytest.mark.django_db
def test_a_text_log_line_carries_the_request_id(client: Any, log_output: Any) -> None:
    buffer = log_output(json_lines=False)
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    (line,) = [line for line in buffer.getvalue().splitlines() if "Not Found" in line]
    assert f"WARNING [{response['X-Request-ID']}] django.request: Not Found:" in line


@pytest.mark.django_db
def test_json_log_lines_carry_the_request_id(client: Any, log_output: Any) -> None:
    buffer = log_output(json_lines=True)
    response = client.get("/en/no-such-page/")
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    (record,) = [record for record in records if record["message"].startswith("Not Found")]
    assert record["request_id"] == response["X-Request-ID"]
    assert (record["level"], record["logger"]) == ("WARNING", "django.request")
    assert "time" in record


def test_outside_a_request_the_id_is_a_dash(log_output: Any) -> None:
    set_guid(None)  # type: ignore[arg-type]  # None clears the id
    buffer = log_output(json_lines=False)
    logging.getLogger("zsss.test").warning("outside")
    assert "WARNING [-] zsss.test: outside" in buffer.getvalue()


def _task(*, eager: bool, header: str | None = None) -> Any:
    fields = {"is_eager": eager}
    request = SimpleNamespace(**fields, get=lambda name: header if name == "X-Request-ID" else None)
    return SimpleNamespace(request=request)


def test_a_task_published_in_a_request_carries_its_id_to_the_worker() -> None:
    set_guid("4c5f0c0d2f6a4b0e9d1f3a2b1c0d9e8f")
    headers: dict[str, Any] = {}
    celery_ids._publish_with_request_id(headers=headers)
    assert headers == {"X-Request-ID": "4c5f0c0d2f6a4b0e9d1f3a2b1c0d9e8f"}

    set_guid(None)  # type: ignore[arg-type]  # None clears the id (in the worker)
    task = _task(eager=False, header=headers["X-Request-ID"])
    celery_ids._run_with_request_id(task=task)
    assert get_guid() == "4c5f0c0d2f6a4b0e9d1f3a2b1c0d9e8f"
    celery_ids._forget_request_id(task=task)
    assert get_guid() is None


def test_a_scheduled_task_gets_its_own_id_and_an_eager_one_keeps_the_requests() -> None:
    set_guid(None)  # type: ignore[arg-type]  # None clears the id
    celery_ids._run_with_request_id(task=_task(eager=False))
    assert len(get_guid()) == 32

    set_guid("request-id")
    eager = _task(eager=True)
    celery_ids._run_with_request_id(task=eager)
    celery_ids._forget_request_id(task=eager)
    assert get_guid() == "request-id"
    set_guid(None)  # type: ignore[arg-type]  # None clears the id
