"""The follow-up on the register entry's page (the provider's statement, the office's two
findings) and the office's list of reservations under follow-up."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from backend.network.choices import NetworkLevel
from backend.remedies.services import remedy_statement_send
from tests import factories
from tests.helpers import prague, reload
from tests.remedies.conftest import CONDITIONS, pdf

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_public_sees_the_entry_but_not_the_follow_up(reserved: Any, provider_user: Any) -> None:
    remedy_statement_send(entry=reserved, by=provider_user, text="Tajné doklady.")
    page = _client().get(reverse("network:entry", args=[reserved.pk])).content.decode()
    assert "Chráněné bydlení Lípa" in page
    assert "Tajné doklady." not in page
    assert reverse("remedies:statement", args=[reserved.pk]) not in page


def test_the_provider_sends_a_statement_from_the_entry_page(
    reserved: Any, provider_user: Any
) -> None:
    client = _client(provider_user)
    page = client.get(reverse("network:entry", args=[reserved.pk])).content.decode()
    assert CONDITIONS in page
    assert "It must be remedied by 7 Apr 2026." in page
    assert reverse("remedies:statement", args=[reserved.pk]) in page
    assert reverse("remedies:confirm", args=[reserved.pk]) not in page
    url = reverse("remedies:statement", args=[reserved.pk])
    refused = client.post(url, {"text": "", "documents": pdf()})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    response = client.post(url, {"text": "Smlouvy doloženy.", "documents": [pdf(), pdf("b.pdf")]})
    assert response.status_code == 302
    (statement,) = reserved.remedy_statements.all()
    assert sorted(statement.attachments.values_list("original_name", flat=True)) == [
        "b.pdf",
        "doklad.pdf",
    ]
    page = client.get(reverse("network:entry", args=[reserved.pk])).content.decode()
    assert "Smlouvy doloženy." in page
    document = statement.attachments.get(original_name="b.pdf")
    download = client.get(reverse("remedies:document", args=[reserved.pk, document.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_office_confirms_the_remedy_and_the_register_shows_it(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    remedy_statement_send(entry=reserved, by=provider_user, text="Smlouvy doloženy.")
    client = _client(regional_officer)
    page = client.get(reverse("network:entry", args=[reserved.pk])).content.decode()
    assert "Smlouvy doloženy." in page
    assert reverse("remedies:not_remedied", args=[reserved.pk]) in page
    assert reverse("remedies:statement", args=[reserved.pk]) not in page
    url = reverse("remedies:confirm", args=[reserved.pk])
    refused = client.post(url, {"resolution_number": "120/26/RK", "resolution_date": ""})
    assert refused.status_code == 400
    assert reload(reserved).level == NetworkLevel.RESERVATION_Z1V
    response = client.post(url, {"resolution_number": "120/26/RK", "resolution_date": "2026-05-12"})
    assert response.status_code == 302
    assert reload(reserved).level == NetworkLevel.INCLUDED
    page = client.get(reverse("network:entry", args=[reserved.pk])).content.decode()
    assert "120/26/RK" in page and "remedied" in page
    register = _client().get(reverse("network:register")).content.decode()
    table = register.split("<tbody", 1)[1]
    assert "Chráněné bydlení Lípa" in table
    assert "included with a reservation (Z1v)" not in table and ">included<" in table
    # A second confirmation finds nothing to confirm: 409 with the reason.
    again = client.post(url, {"resolution_number": "121/26/RK", "resolution_date": "2026-05-12"})
    assert again.status_code == 409
    assert "has no reservation" in again.content.decode()


def test_not_remedied_needs_a_reason(reserved: Any, regional_officer: Any) -> None:
    client = _client(regional_officer)
    url = reverse("remedies:not_remedied", args=[reserved.pk])
    data = {"resolution_number": "120/26/RK", "resolution_date": "2026-05-12"}
    assert client.post(url, {**data, "reason": ""}).status_code == 400
    assert client.post(url, {**data, "reason": "Nedoloženo."}).status_code == 302
    assert reload(reserved).level == NetworkLevel.NOT_INCLUDED


def test_the_office_lists_reservations_by_due_overdue_and_statement(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    soon = factories.NetworkEntryFactory(
        service=factories.SocialServiceFactory(name="Azylový dům Brzy"),
        level=NetworkLevel.RESERVATION_Z2V,
        remedy_due=dt.date(2026, 4, 20),
    )
    factories.NetworkEntryFactory(
        service=factories.SocialServiceFactory(name="Noclehárna Zařazená"),
        level=NetworkLevel.INCLUDED,
    )
    remedy_statement_send(
        entry=soon, by=factories.user_with_role("provider_user", soon.service.provider), text="Ok."
    )
    client = _client(regional_officer)
    url = reverse("remedies:list")

    def listed(which: str) -> list[str]:
        with time_machine.travel(prague(2026, 4, 10, 9)):
            body = client.get(url, {"which": which}).content.decode()
        return [
            name
            for name in ("Chráněné bydlení Lípa", "Azylový dům Brzy", "Noclehárna Zařazená")
            if name in body
        ]

    assert listed("") == ["Chráněné bydlení Lípa", "Azylový dům Brzy"]
    assert listed("overdue") == ["Chráněné bydlení Lípa"]
    assert listed("due_soon") == ["Azylový dům Brzy"]
    assert listed("statement") == ["Azylový dům Brzy"]
    assert _client(provider_user).get(url).status_code == 403


def test_the_providers_services_page_lists_its_reservations(
    reserved: Any, provider_user: Any, other_provider_user: Any
) -> None:
    remedy_statement_send(entry=reserved, by=provider_user, text="Ok.")
    page = _client(provider_user).get(reverse("plans:services")).content.decode()
    assert reverse("network:entry", args=[reserved.pk]) in page
    assert "remedy by 7 Apr 2026" in page and "1 statement sent" in page
    other = _client(other_provider_user).get(reverse("plans:services")).content.decode()
    assert reverse("network:entry", args=[reserved.pk]) not in other
