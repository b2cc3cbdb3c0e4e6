"""Optimistic concurrency over the API: a write carrying the version the client read is
refused with 409 `stale_version` once someone else changed the object. Of two `decide`
calls with the same version exactly one gets through."""

import threading
import time
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from backend.network import services as network_services
from backend.network.models import CapacityChange
from backend.plans.models import RegionalDecision
from tests import factories
from tests.api.test_plan_transitions import DECIDE
from tests.helpers import reload
from workflows.plan_review import actions


@pytest.mark.django_db
def test_two_decides_with_the_same_version_one_200_one_409(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    plan = plan_in("awaiting_decision")
    colleague = factories.user_with_role("regional_officer", factories.region_liberec())
    url = f"/api/v1/plans/{plan.pk}/decide/"
    first = client_for(regional_officer).post(url, {**DECIDE, "version": plan.version})
    second = client_for(colleague).post(
        url, {**DECIDE, "version": plan.version, "resolution_number": "259/17/ZK"}
    )
    assert first.status_code == 200
    assert (second.status_code, second.json()["code"]) == (409, "stale_version")
    assert RegionalDecision.objects.get().resolution_number == "258/17/ZK"
    assert CapacityChange.objects.count() == 1


@pytest.mark.django_db
def test_a_stale_version_is_refused_even_when_the_state_would_allow_it(
    plan_in: Any, client_for: Any, regional_officer: Any, provider_user: Any
) -> None:
    """The officer read the plan, the provider completed it meanwhile: the decision waits."""
    plan = plan_in("returned")
    seen = client_for(regional_officer).get(f"/api/v1/plans/{plan.pk}/").json()["version"]
    client_for(provider_user).post(f"/api/v1/plans/{plan.pk}/resubmit/")
    assert reload(plan).state == "awaiting_opinion"
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/return-for-completion/",
        {"reason": "Doložte rozpočet.", "version": seen},
    )
    assert (response.status_code, response.json()["code"]) == (409, "stale_version")
    current = client_for(regional_officer).get(f"/api/v1/plans/{plan.pk}/").json()["version"]
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/return-for-completion/",
        {"reason": "Doložte rozpočet.", "version": current},
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_opinion_versions(opinion_in: Any, client_for: Any, municipal_officer: Any) -> None:
    opinion = opinion_in("requested")
    client = client_for(municipal_officer)
    url = f"/api/v1/opinions/{opinion.pk}/draft/"
    assert client.post(url, {"verdict": "supports", "version": 1}).status_code == 200
    stale = client.post(url, {"verdict": "does_not_support", "version": 1})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_version")
    assert reload(opinion).verdict == "supports"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_decides_over_http_let_exactly_one_through(
    service: Any, open_call: Any, regional_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    colleague = factories.user_with_role("regional_officer", factories.region_liberec())
    apply = network_services.network_apply_decision

    def slow_apply(**kwargs: Any) -> Any:
        time.sleep(0.3)  # hold the row lock, so the two requests overlap
        return apply(**kwargs)

    monkeypatch.setattr(actions, "network_apply_decision", slow_apply)
    barrier = threading.Barrier(2)
    statuses: dict[str, Any] = {}

    def officer(name: str, user: Any, number: str) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=5)
            response = client.post(
                f"/api/v1/plans/{plan.pk}/decide/",
                {**DECIDE, "version": plan.version, "resolution_number": number},
            )
            statuses[name] = (response.status_code, response.json().get("code"))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=officer, args=("a", regional_officer, "258/17/ZK")),
        threading.Thread(target=officer, args=("b", colleague, "259/17/ZK")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(status for status, _code in statuses.values()) == [200, 409], statuses
    assert reload(plan).state == "included"
    assert RegionalDecision.objects.count() == 1
    assert CapacityChange.objects.count() == 1
