"""The submitted plan as a PDF: for those who may see the plan, never for a draft."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse


def test_the_provider_downloads_the_submitted_plan(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    plan = make_plan("awaiting_opinion")
    response = client_as("provider_user").get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="rozvojovy-zamer-{plan.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("state", "role"),
    [
        ("draft", "provider_user"),
        ("draft", "regional_officer"),
        ("awaiting_opinion", "other_provider_user"),
        ("awaiting_opinion", "tanvald_officer"),
    ],
)
def test_no_pdf_of_a_draft_nor_for_a_user_outside_the_scope(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any], state: str, role: str
) -> None:
    plan = make_plan(state)
    assert client_as(role).get(reverse("plans:pdf", args=[plan.pk])).status_code == 404


def test_the_plan_page_offers_the_pdf_only_once_submitted(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    client = client_as("provider_user")
    for state, offered in [("draft", False), ("awaiting_opinion", True)]:
        plan = make_plan(state)
        page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
        assert (f'href="{reverse("plans:pdf", args=[plan.pk])}"' in page) is offered, state
