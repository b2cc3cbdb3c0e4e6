"""Reference data and the network register (public), providers and services (scoped)."""

from typing import Any

import pytest

from backend.network.services import network_apply_decision
from backend.registry.models import SocialService
from tests import factories

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/api/v1/service-types/",
    "/api/v1/orps/",
    "/api/v1/municipalities/",
    "/api/v1/target-groups/",
    "/api/v1/activity-cards/",
    "/api/v1/periods/",
    "/api/v1/register/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_reference_data_and_register_are_public(url: str, api: Any) -> None:
    response = api.get(url)
    assert response.status_code == 200
    assert {"count", "next", "previous", "results"} <= set(response.json())


def test_reference_data_by_code(api: Any) -> None:
    types = api.get("/api/v1/service-types/", {"page_size": 100}).json()["results"]
    sheltered = next(t for t in types if t["paragraph"] == "51")
    assert (sheltered["forms"], sheltered["default_unit"]) == (["residential"], "beds")
    tanvald = api.get("/api/v1/municipalities/", {"orp": "5108"}).json()
    assert "Tanvald" in {m["name"] for m in tanvald["results"]}
    assert api.get("/api/v1/municipalities/", {"orp": "0000"}).status_code == 400


def test_write_methods_on_reference_data_are_not_allowed(
    client_for: Any, regional_officer: Any
) -> None:
    response = client_for(regional_officer).post("/api/v1/orps/", {})
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")


def test_the_register_with_filters_and_capacity_history(
    api: Any, plan_in: Any, regional_officer: Any
) -> None:
    plan = plan_in("included")
    decision = factories.DECISION_DEFAULTS
    from backend.plans.models import RegionalDecision

    recorded = RegionalDecision.objects.create(
        plan=plan, outcome="included", decided_by=regional_officer, **decision
    )
    entry = network_apply_decision(plan=plan, decision=recorded, by=regional_officer)
    listed = api.get(
        "/api/v1/register/",
        {
            "period": plan.call.period_id,
            "orp": "5105",
            "service_type": "51",
            "form": "residential",
            "provider": plan.provider_id,
            "ico": plan.provider.ico,
        },
    ).json()
    assert [e["id"] for e in listed["results"]] == [entry.pk]
    assert api.get("/api/v1/register/", {"service_type": "49"}).json()["results"] == []
    detail = api.get(f"/api/v1/register/{entry.pk}/").json()
    assert (detail["capacity"], detail["unit"], detail["orps"]) == ("15.00", "beds", ["5105"])
    assert [(c["capacity_before"], c["capacity_after"]) for c in detail["changes"]] == [
        ("0.00", "15.00")
    ]
    assert api.get("/api/v1/register/999999/").status_code == 404


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("provider_user", {"own"}),
        ("other_provider_user", {"other"}),
        ("municipal_officer", {"own"}),  # TULIPAN's plan touches Liberec
        ("tanvald_officer", set()),
        ("regional_officer", {"own", "other"}),
        ("stranger", set()),
    ],
)
def test_providers_and_services_in_scope(
    role: str, sees: set[str], plan_in: Any, as_role: Any, provider: Any, other_provider: Any
) -> None:
    plan_in("awaiting_opinion")
    other_service = factories.SocialServiceFactory(provider=other_provider)
    providers = {"own": provider.pk, "other": other_provider.pk}
    listed = {p["id"] for p in as_role(role).get("/api/v1/providers/").json()["results"]}
    assert listed == {providers[name] for name in sees}
    services = {s["provider"] for s in as_role(role).get("/api/v1/services/").json()["results"]}
    assert services == {providers[name] for name in sees}
    status = as_role(role).get(f"/api/v1/services/{other_service.pk}/").status_code
    assert status == (200 if "other" in sees else 404)


@pytest.mark.parametrize(
    ("ico", "status", "message"),
    [
        ("26672472", 201, None),
        ("265370036", 400, "exactly 8 digits"),  # Romodrom's IČ as the 2017 minutes print it
        ("26672473", 400, "check digit"),
    ],
)
def test_the_region_registers_providers_with_a_valid_ico(
    ico: str, status: int, message: str | None, client_for: Any, regional_officer: Any
) -> None:
    data = {"name": "Sdružení TULIPAN, z. s.", "ico": ico, "legal_form": "zs", "address": "Liberec"}
    response = client_for(regional_officer).post("/api/v1/providers/", data)
    assert response.status_code == status, response.json()
    if message:
        assert any(message in text for text in response.json()["errors"]["ico"])


def test_only_the_region_registers_providers(client_for: Any, provider_user: Any) -> None:
    data = {"name": "X", "ico": "25755277", "legal_form": "ops", "address": "Liberec"}
    assert client_for(provider_user).post("/api/v1/providers/", data).status_code == 403


def test_a_provider_adds_a_planned_service(
    client_for: Any, provider_user: Any, provider: Any
) -> None:
    client = client_for(provider_user)
    data = {
        "name": "Podpora samostatného bydlení",
        "service_type": "43",
        "form": "field",
        "orps": ["5105"],
    }
    response = client.post("/api/v1/services/", data)
    assert response.status_code == 201, response.json()
    assert (response.json()["provider"], response.json()["capacity_unit"]) == (provider.pk, "flats")
    wrong_form = client.post("/api/v1/services/", {**data, "form": "residential"})
    assert (wrong_form.status_code, list(wrong_form.json()["errors"])) == (400, ["form"])


def test_a_service_type_with_a_nul_character_is_a_400(client_for: Any, provider_user: Any) -> None:
    data = {"name": "X", "service_type": "4\x003", "form": "field", "orps": ["51\x0005"]}
    response = client_for(provider_user).post("/api/v1/services/", data, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"service_type", "orps"}


@pytest.mark.parametrize(("role", "status"), [("municipal_officer", 403), ("anonymous", 401)])
def test_only_providers_add_services(role: str, status: int, as_role: Any) -> None:
    data = {"name": "X", "service_type": "43", "form": "field"}
    assert as_role(role).post("/api/v1/services/", data).status_code == status


def test_the_unit_follows_from_type_and_form_whatever_is_sent(
    client_for: Any, provider_user: Any
) -> None:
    data = {
        "name": "Chráněné bydlení Ještědská",
        "service_type": "51",
        "form": "residential",
        "capacity_unit": "fte",
        "orps": ["5105"],
    }
    response = client_for(provider_user).post("/api/v1/services/", data)
    assert response.status_code == 201, response.json()
    assert SocialService.objects.get(pk=response.json()["id"]).capacity_unit == "beds"
