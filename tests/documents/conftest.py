import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.web.conftest import make_plan  # noqa: F401  (shared fixture)


@pytest.fixture
def admin_client_root(db: None) -> Client:
    """A signed-in superuser: the admin is for staff accounts only."""
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@kraj-lbc.example", "x" * 16)
    )
    return client
