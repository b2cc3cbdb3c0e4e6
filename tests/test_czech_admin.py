"""The Czech admin speaks Czech: app names, and the labels of the fields it shows."""

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django_fsm_log.models import StateLog

from tests import factories

pytestmark = pytest.mark.django_db

ENGLISH_APP_NAMES = ("Accounts", "Registry", "Calls", "Plans", "Network", "Notifications")


@pytest.fixture
def admin(db: None) -> Client:
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@kraj-lbc.example", "x" * 16)
    )
    return client


def _project_apps() -> list[Any]:
    base = str(settings.BASE_DIR)
    return [
        app
        for app in apps.get_app_configs()
        if app.path.startswith(base) and "/.venv/" not in app.path
    ]


def test_every_app_of_the_project_has_a_czech_name() -> None:
    for app in _project_apps():
        with translation.override("cs"):
            czech = str(app.verbose_name)
        with translation.override("en"):
            english = str(app.verbose_name)
        assert czech != english or english in {"API"}, app.label


def test_the_admin_index_shows_czech_app_names(admin: Client) -> None:
    page = admin.get("/admin/").content.decode()
    assert "Rozvojové záměry" in page and "Registr základní sítě" in page
    for name in ENGLISH_APP_NAMES:
        assert f">{name}<" not in page, name


def test_a_capacity_change_shows_czech_labels(admin: Client) -> None:
    entry = factories.NetworkEntryFactory()
    change = entry.changes.create(
        capacity_before=1, capacity_after=2, unit=entry.unit, reason="test"
    )
    page = admin.get(f"/admin/network/capacitychange/{change.pk}/change/").content.decode()
    assert "Zaznamenal(a)" in page and "Záznam v registru" in page
    assert "Recorded by" not in page and ">Entry<" not in page


def test_the_transition_log_speaks_czech(admin: Client) -> None:
    """django-fsm-log's own fields are English only; the log's list shows our translated
    columns and filters (the inline's labels: tests/test_model_labels.py)."""
    plan = factories.plan_in_state("awaiting_opinion")
    StateLog.objects.create(
        content_object=plan, transition="submit", source_state="draft", state=plan.state
    )
    html = admin.get("/admin/django_fsm_log/statelog/").content.decode()
    assert "Přechod" in html and "Nový stav" in html and "Provedl(a)" in html
    assert "Druh objektu" in html and "rozvojový záměr" in html
    assert "Transition" not in html and "Source state" not in html


def test_the_field_history_speaks_czech(admin: Client) -> None:
    """simple-history's own fields are labelled in English (its Czech is `cs_CZ`, unread for
    `cs`); the history list shows translated columns and a translated kind of change."""
    factories.plan_in_state("draft")
    html = admin.get("/admin/audit/historicaldevelopmentplan/").content.decode()
    assert "Změna" in html and "Provedl(a)" in html and "vytvořeno" in html
    assert "History date" not in html and "History type" not in html
