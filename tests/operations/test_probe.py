"""The docker-compose health checks: the compose file's web check runs the probe on health
endpoints that exist, and the probe exits 0 only when every endpoint answers 200."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings as django_settings
from django.urls import resolve

from backend.operations import probe


def test_the_compose_web_check_probes_existing_health_endpoints() -> None:
    compose = yaml.safe_load((Path(django_settings.BASE_DIR) / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["healthcheck"]["test"]
    assert command[:4] == ["CMD", "python", "-m", "backend.operations.probe"]
    for path in command[4:]:
        assert resolve(path).namespace == "health"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_probe_exits_0_only_when_all_answer_200(
    live_server: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.setattr(probe, "BASE", live_server.url)
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost,127.0.0.1")
    settings.REDIS_URL = ""
    assert probe.main(["/health/", "/health/db/", "/health/redis/"]) == 0
    # No scheduled job has run: the Celery check answers 503.
    assert probe.main(["/health/db/", "/health/celery/"]) == 1
