"""The web forms hold free text to the same limits as the API: the text area says its limit
(`maxlength`), and a longer text posted anyway is refused with the form kept."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from backend.core.free_text import LONG_TEXT
from backend.plans.models import DevelopmentPlan
from tests.web.pages import text

pytestmark = pytest.mark.django_db


def test_a_too_long_justification_is_refused_and_the_form_kept(
    client_as: Callable[[str], Client], plan_form: dict[str, Any]
) -> None:
    client = client_as("provider_user")
    page = client.get(reverse("plans:create"))
    assert f'maxlength="{LONG_TEXT}"' in page.content.decode()
    response = client.post(
        reverse("plans:create"), {**plan_form, "justification": "a" * (LONG_TEXT + 1)}
    )
    assert response.status_code == 400
    assert f"at most {LONG_TEXT} characters (it has {LONG_TEXT + 1})" in text(response)
    assert not DevelopmentPlan.objects.exists()
