"""Plans over the API: who sees which (list, detail), creating and editing drafts, the
attachments and the log — each endpoint per role."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.plans.models import DevelopmentPlan
from tests import factories
from tests.api.conftest import errors_of
from tests.helpers import reload

pytestmark = pytest.mark.django_db


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.json()
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("provider_user", {"draft", "submitted"}),
        ("other_provider_user", {"others"}),
        ("municipal_officer", {"submitted"}),
        ("council_secretary", {"submitted"}),
        ("tanvald_officer", set()),
        ("regional_officer", {"draft", "submitted", "others"}),
        ("stranger", set()),
    ],
)
def test_the_list_holds_only_the_plans_in_the_callers_scope(
    role: str, sees: set[str], plan_in: Any, as_role: Any, other_provider: Any
) -> None:
    other_service = factories.SocialServiceFactory(provider=other_provider)
    plans = {
        "draft": plan_in("draft"),
        "submitted": plan_in("awaiting_opinion"),
        "others": plan_in("draft", service=other_service),
    }
    expected = {plans[name].pk for name in sees}
    assert _ids(as_role(role).get("/api/v1/plans/")) == expected
    for name, plan in plans.items():
        status = as_role(role).get(f"/api/v1/plans/{plan.pk}/").status_code
        assert status == (200 if name in sees else 404), (name, status)


def test_anonymous_gets_401_with_the_token_scheme(api: Any) -> None:
    response = api.get("/api/v1/plans/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_filters_and_ordering(plan_in: Any, client_for: Any, regional_officer: Any) -> None:
    draft, submitted = plan_in("draft"), plan_in("awaiting_opinion")
    client = client_for(regional_officer)
    assert _ids(client.get("/api/v1/plans/", {"state": "draft"})) == {draft.pk}
    assert _ids(client.get("/api/v1/plans/", {"orp": "5105", "service_type": "51"})) == {
        draft.pk,
        submitted.pk,
    }
    assert _ids(client.get("/api/v1/plans/", {"q": "26672472"})) == {draft.pk, submitted.pk}
    ordered = client.get("/api/v1/plans/", {"ordering": "id"}).json()["results"]
    assert [p["id"] for p in ordered] == sorted([draft.pk, submitted.pk])
    assert client.get("/api/v1/plans/", {"state": "nonsense"}).status_code == 400


def test_plans_equal_in_the_sorted_column_keep_one_place_on_every_page(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    """Ties come by id in the sort's direction: without it the database orders them as its
    plan happens to, and one page may repeat what another showed."""
    same = [plan_in("draft", capacity_requested=Decimal(9)).pk for _ in range(5)]
    client = client_for(regional_officer)
    listed = []
    for page in (1, 2, 3):
        query = {"ordering": "-capacity_requested", "page_size": 2, "page": page}
        listed += [plan["id"] for plan in client.get("/api/v1/plans/", query).json()["results"]]
    assert listed == sorted(same, reverse=True)


def test_a_plan_in_two_orps_is_listed_once_without_distinct(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    from backend.registry.models import Orp

    plan = plan_in("awaiting_opinion")
    plan.orps.add(*Orp.objects.filter(code__in=["5105", "5109"]))
    client = client_for(regional_officer)
    for orp in ("5105", "5109"):
        body = client.get(
            "/api/v1/plans/", {"orp": orp, "state": ["awaiting_opinion", "draft"]}
        ).json()
        assert body["count"] == 1
        assert [p["id"] for p in body["results"]] == [plan.pk]
    assert client.get("/api/v1/plans/", {"orp": "9999"}).status_code == 400


def test_dates_carry_the_prague_offset_and_decimals_are_strings(
    plan_in: Any, client_for: Any, provider_user: Any
) -> None:
    plan = plan_in("awaiting_opinion")
    body = client_for(provider_user).get(f"/api/v1/plans/{plan.pk}/").json()
    assert body["capacity_requested"] == "15.00"
    assert body["submitted_at"][-6:] in ("+01:00", "+02:00")


def new_plan(call: Any, service: Any, **extra: Any) -> dict[str, Any]:
    """The body of a new capacity increase of `service` (3 → 15 beds in ORP Liberec)."""
    return {
        "call": call.pk,
        "service": service.pk,
        "kind": "capacity_increase",
        "capacity_current": "3",
        "capacity_requested": "15",
        "orps": ["5105"],
        "justification": "Poptávka převyšuje kapacitu.",
        **extra,
    }


def test_a_provider_files_a_draft(
    open_call: Any, service: Any, client_for: Any, provider_user: Any
) -> None:
    response = client_for(provider_user).post("/api/v1/plans/", new_plan(open_call, service))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["state"], body["capacity_unit"], body["orps"]) == ("draft", "beds", ["5105"])
    assert body["allowed_transitions"] == ["submit", "withdraw"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("municipal_officer", 403),
        ("regional_officer", 403),
        ("stranger", 403),
        ("anonymous", 401),
        ("other_provider_user", 400),  # not its service: no such choice
    ],
)
def test_only_the_services_provider_files_a_plan(
    role: str, status: int, open_call: Any, service: Any, as_role: Any
) -> None:
    response = as_role(role).post("/api/v1/plans/", new_plan(open_call, service))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"capacity_unit": "fte"}, "capacity_unit"),  # sheltered housing counts beds
        ({"capacity_requested": "2"}, "capacity_requested"),  # an "increase" below 3
        ({"capacity_requested": "-1"}, "capacity_requested"),
        ({"orps": ["9999"]}, "orps"),
        ({"kind": "nonsense"}, "kind"),
    ],
)
def test_bad_plan_input_is_a_field_error(
    extra: dict[str, Any],
    field: str,
    open_call: Any,
    service: Any,
    client_for: Any,
    provider_user: Any,
) -> None:
    response = client_for(provider_user).post(
        "/api/v1/plans/", new_plan(open_call, service, **extra)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in errors_of(response)


def test_no_plan_in_a_closed_call(service: Any, client_for: Any, provider_user: Any) -> None:
    closed = factories.CallFactory(closed=True)
    response = client_for(provider_user).post("/api/v1/plans/", new_plan(closed, service))
    assert response.status_code == 400
    assert "call" in errors_of(response)


def test_editing_a_draft_and_a_stale_version(
    plan_in: Any, client_for: Any, provider_user: Any
) -> None:
    plan = plan_in("draft")
    client = client_for(provider_user)
    response = client.patch(
        f"/api/v1/plans/{plan.pk}/", {"capacity_requested": "16", "version": plan.version}
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["capacity_requested"], response.json()["version"]) == ("16.00", 2)
    stale = client.patch(f"/api/v1/plans/{plan.pk}/", {"capacity_requested": "17", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    assert reload(plan).capacity_requested == 16


@pytest.mark.parametrize("field", ["activity_cards", "orps"])
def test_a_code_with_a_nul_character_is_a_400(
    field: str, plan_in: Any, client_for: Any, provider_user: Any
) -> None:
    """Found by the fuzzer as a provider on PostgreSQL, which cannot hold NUL in text: the
    look-up of the code failed with a 500."""
    plan = plan_in("draft")
    response = client_for(provider_user).patch(
        f"/api/v1/plans/{plan.pk}/", {field: ["A01\x0001"], "version": plan.version}, format="json"
    )
    assert response.status_code == 400
    assert errors_of(response)[field] == ["Null characters are not allowed."]
    assert reload(plan).version == plan.version


@pytest.mark.parametrize(
    ("state", "role", "status"),
    [
        ("draft", "other_provider_user", 404),
        ("draft", "regional_officer", 403),
        ("awaiting_opinion", "municipal_officer", 403),
        ("awaiting_opinion", "provider_user", 409),  # only drafts and returned plans
        ("returned", "provider_user", 200),
        ("draft", "anonymous", 401),
    ],
)
def test_who_edits_which_plan(
    state: str, role: str, status: int, plan_in: Any, as_role: Any
) -> None:
    plan = plan_in(state)
    response = as_role(role).patch(f"/api/v1/plans/{plan.pk}/", {"justification": "Nově."})
    assert response.status_code == status


def _pdf(size: int = 100, name: str = "rozpocet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * size, content_type="application/pdf")


def test_attachments_upload_list_download(
    plan_in: Any, client_for: Any, provider_user: Any, municipal_officer: Any
) -> None:
    plan = plan_in("draft")
    client = client_for(provider_user)
    url = f"/api/v1/plans/{plan.pk}/attachments/"
    response = client.post(url, {"kind": "budget", "file": _pdf()}, format="multipart")
    assert response.status_code == 201, response.json()
    attachment = response.json()
    assert (attachment["original_name"], attachment["kind"]) == ("rozpocet.pdf", "budget")
    assert client.get(url).json() == [attachment]
    download = client.get(attachment["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for(municipal_officer).get(attachment["download_url"]).status_code == 404
    assert client.get(f"{url}999999/").status_code == 404


@pytest.mark.parametrize(
    ("file", "status", "code"),
    [
        (_pdf(name="virus.exe"), 400, "invalid"),
        (_pdf(size=2048), 413, "too_large"),
    ],
)
def test_bad_uploads(
    file: Any,
    status: int,
    code: str,
    plan_in: Any,
    client_for: Any,
    provider_user: Any,
    settings: Any,
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    plan = plan_in("draft")
    response = client_for(provider_user).post(
        f"/api/v1/plans/{plan.pk}/attachments/",
        {"kind": "budget", "file": file},
        format="multipart",
    )
    assert response.status_code == status
    assert response.json()["code"] == code
    assert "file" in response.json()["errors"]


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(
    plan_in: Any, client_for: Any, provider_user: Any, settings: Any
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 10
    plan = plan_in("draft")
    response = client_for(provider_user).post(
        f"/api/v1/plans/{plan.pk}/attachments/",
        {"kind": "budget", "file": _pdf(size=200_000)},
        format="multipart",
    )
    assert (response.status_code, response.json()["code"]) == (413, "too_large")


@pytest.mark.parametrize(
    ("state", "role", "status"),
    [
        ("draft", "regional_officer", 403),
        ("awaiting_opinion", "municipal_officer", 403),
        ("awaiting_opinion", "provider_user", 409),  # documents only while editable
        ("draft", "other_provider_user", 404),
    ],
)
def test_who_may_attach(state: str, role: str, status: int, plan_in: Any, as_role: Any) -> None:
    plan = plan_in(state)
    response = as_role(role).post(
        f"/api/v1/plans/{plan.pk}/attachments/",
        {"kind": "budget", "file": _pdf()},
        format="multipart",
    )
    assert response.status_code == status


def test_the_log_lists_transitions_of_the_plan_and_its_opinions(
    plan_in: Any, client_for: Any, provider_user: Any, other_provider_user: Any
) -> None:
    plan = plan_in("draft")
    client_for(provider_user).post(f"/api/v1/plans/{plan.pk}/submit/")
    log = client_for(provider_user).get(f"/api/v1/plans/{plan.pk}/log/", {"kind": "state"}).json()
    assert [(e["subject"], e["transition"], e["state"], e["by"]) for e in log] == [
        ("plan", "submit", "awaiting_opinion", "tulipan")
    ]
    assert client_for(other_provider_user).get(f"/api/v1/plans/{plan.pk}/log/").status_code == 404


def test_the_current_capacity_is_the_registers(
    open_call: Any, service: Any, client_for: Any, provider_user: Any
) -> None:
    """The network register holds 12 beds for the call's period: "0 → 3.5" is no increase of
    this service, and a plan that omits the current capacity starts from the register's."""
    factories.NetworkEntryFactory(service=service, period=open_call.period, capacity=Decimal(12))
    client = client_for(provider_user)
    contradicting = new_plan(open_call, service, capacity_current="0", capacity_requested="3.5")
    response = client.post("/api/v1/plans/", contradicting)
    assert response.status_code == 400
    (message,) = errors_of(response)["capacity_current"]
    assert "12 beds" in message
    assert not DevelopmentPlan.objects.exists()

    omitted = new_plan(open_call, service, capacity_requested="14")
    del omitted["capacity_current"]
    created = client.post("/api/v1/plans/", omitted)
    assert created.status_code == 201, created.json()
    assert created.json()["capacity_current"] == "12.00"
