"""Sane limits over the API, each refused with a field error that names it and nothing
stored: the length of free text, the documents per plan, the plans of one kind per service
and call; and a decision that changes no capacity records no register change."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.core.free_text import LONG_TEXT, SHORT_TEXT
from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.models import DevelopmentPlan, PlanAttachment
from tests import factories
from tests.api.conftest import errors_of
from tests.api.test_plan_transitions import DECIDE
from tests.api.test_plans import new_plan as _new
from tests.helpers import reload

pytestmark = pytest.mark.django_db


def _refused(response: Any, field: str) -> str:
    assert response.status_code == 400, response.json()
    return " ".join(errors_of(response)[field])


# --- free text ---------------------------------------------------------------------------------


def test_a_justification_at_the_limit_is_taken_one_more_character_is_refused(
    open_call: Any, service: Any, client_for: Any, provider_user: Any
) -> None:
    client = client_for(provider_user)
    too_long = _new(open_call, service, justification="a" * (LONG_TEXT + 1))
    message = _refused(client.post("/api/v1/plans/", too_long), "justification")
    assert f"no more than {LONG_TEXT} characters" in message
    assert not DevelopmentPlan.objects.exists()
    at_limit = _new(open_call, service, justification="a" * LONG_TEXT)
    response = client.post("/api/v1/plans/", at_limit)
    assert response.status_code == 201, response.json()


def test_editing_a_draft_to_a_too_long_justification_keeps_the_old_one(
    plan_in: Any, client_for: Any, provider_user: Any
) -> None:
    plan = plan_in("draft", justification="Původní.")
    response = client_for(provider_user).patch(
        f"/api/v1/plans/{plan.pk}/", {"justification": "b" * (LONG_TEXT + 1)}
    )
    _refused(response, "justification")
    assert reload(plan).justification == "Původní."


@pytest.mark.parametrize(
    ("state", "action", "body", "field"),
    [
        (
            "awaiting_decision",
            "return-for-completion",
            {"reason": "r" * (SHORT_TEXT + 1)},
            "reason",
        ),
        (
            "awaiting_decision",
            "decide",
            {**DECIDE, "conditions": "c" * (LONG_TEXT + 1)},
            "conditions",
        ),
        ("awaiting_opinion", "withdraw", {"comment": "w" * (SHORT_TEXT + 1)}, "comment"),
    ],
)
def test_a_too_long_text_of_a_transition_is_refused_and_the_plan_stays(
    state: str,
    action: str,
    body: dict[str, str],
    field: str,
    plan_in: Any,
    client_for: Any,
    provider_user: Any,
    regional_officer: Any,
) -> None:
    plan = plan_in(state)
    by = provider_user if action == "withdraw" else regional_officer
    response = client_for(by).post(f"/api/v1/plans/{plan.pk}/{action}/", body)
    assert "no more than" in _refused(response, field)
    assert reload(plan).state == state


def test_a_too_long_opinion_reasoning_is_refused(
    opinion_in: Any, client_for: Any, municipal_officer: Any
) -> None:
    opinion = opinion_in("requested")
    response = client_for(municipal_officer).post(
        f"/api/v1/opinions/{opinion.pk}/draft/",
        {"verdict": "supports", "reasoning": "x" * (LONG_TEXT + 1)},
    )
    assert "no more than" in _refused(response, "reasoning")
    assert (reload(opinion).state, reload(opinion).reasoning) == ("requested", "")


# --- documents per plan ------------------------------------------------------------------------


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("priloha.pdf", b"%PDF-1.4 obsah", content_type="application/pdf")


def test_a_plan_takes_documents_up_to_the_limit(
    plan_in: Any, client_for: Any, provider_user: Any, settings: Any
) -> None:
    settings.ATTACHMENTS_PER_PLAN = 2
    plan = plan_in("draft")
    client, url = client_for(provider_user), f"/api/v1/plans/{plan.pk}/attachments/"
    for _ in range(2):
        response = client.post(url, {"kind": "other", "file": _pdf()}, format="multipart")
        assert response.status_code == 201, response.json()
    response = client.post(url, {"kind": "other", "file": _pdf()}, format="multipart")
    assert "at most 2 documents" in _refused(response, "file")
    assert PlanAttachment.objects.filter(plan=plan).count() == 2


# --- plans per service and call ----------------------------------------------------------------


@pytest.mark.parametrize("existing", ["draft", "awaiting_opinion", "returned", "included"])
def test_a_second_plan_of_the_same_kind_for_a_service_in_a_call_is_refused(
    existing: str, plan_in: Any, open_call: Any, service: Any, client_for: Any, provider_user: Any
) -> None:
    first = plan_in(existing, kind="capacity_increase")
    response = client_for(provider_user).post("/api/v1/plans/", _new(open_call, service))
    message = _refused(response, "service")
    assert f"already has plan #{first.pk} of this kind (capacity increase" in message
    assert DevelopmentPlan.objects.count() == 1


@pytest.mark.parametrize("ended", ["withdrawn", "lapsed", "not_included"])
def test_after_a_plan_ended_without_inclusion_the_service_may_file_again(
    ended: str, plan_in: Any, open_call: Any, service: Any, client_for: Any, provider_user: Any
) -> None:
    plan_in(ended, kind="capacity_increase")
    response = client_for(provider_user).post("/api/v1/plans/", _new(open_call, service))
    assert response.status_code == 201, response.json()


def test_another_kind_or_another_call_is_a_plan_of_its_own(
    plan_in: Any, open_call: Any, service: Any, client_for: Any, provider_user: Any
) -> None:
    """TULIPAN filed an inclusion and an increase of one service in the 2017 call."""
    plan_in("awaiting_opinion", kind="capacity_increase")
    client = client_for(provider_user)
    other_kind = _new(open_call, service, kind="other_change", capacity_requested="3")
    assert client.post("/api/v1/plans/", other_kind).status_code == 201
    later_call = factories.CallFactory()
    response = client.post("/api/v1/plans/", _new(later_call, service))
    assert response.status_code == 201, response.json()


# --- register changes --------------------------------------------------------------------------


def test_a_decision_that_keeps_the_capacity_records_no_capacity_change(
    plan_in: Any, open_call: Any, service: Any, client_for: Any, regional_officer: Any
) -> None:
    entry = factories.NetworkEntryFactory(
        service=service, period=open_call.period, capacity=Decimal(15)
    )
    plan = plan_in("awaiting_decision", kind="other_change", capacity_current=Decimal(15))
    plan.capacity_requested = Decimal(15)
    plan.save()
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/decide/",
        {**DECIDE, "outcome": "included_with_conditions", "conditions": "Doložit registraci."},
    )
    assert response.status_code == 200, response.json()
    entry = NetworkEntry.objects.get(pk=entry.pk)
    assert (entry.capacity, entry.status, entry.conditions) == (
        Decimal(15),
        "included_with_conditions",
        "Doložit registraci.",
    )
    assert not CapacityChange.objects.filter(entry=entry).exists()


def test_a_decision_that_changes_the_capacity_records_the_change(
    plan_in: Any, open_call: Any, service: Any, client_for: Any, regional_officer: Any
) -> None:
    entry = factories.NetworkEntryFactory(
        service=service, period=open_call.period, capacity=Decimal(3)
    )
    plan = plan_in("awaiting_decision", kind="capacity_increase", capacity_current=Decimal(3))
    response = client_for(regional_officer).post(f"/api/v1/plans/{plan.pk}/decide/", DECIDE)
    assert response.status_code == 200, response.json()
    change = CapacityChange.objects.get(entry=entry)
    assert (change.capacity_before, change.capacity_after) == (Decimal(3), plan.capacity_requested)
