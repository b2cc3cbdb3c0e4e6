"""Concurrency over the API. Optimistic: a write carrying the version the client read is
refused with 409 `stale_version` once someone else changed the object. Pessimistic (on
PostgreSQL, real threads): of two users deciding, resubmitting, issuing an opinion or
recording a resolution at the same moment exactly one gets through, the other gets 409
`conflict` with the reason, and the audit log, the outbox and the register change once."""

import threading
import time
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from backend.network import services as network_services
from backend.network.models import CapacityChange
from backend.plans.models import CouncilResolution, MunicipalOpinion, RegionalDecision
from tests import factories
from tests.api.test_plan_transitions import DECIDE
from tests.helpers import events, reload, state_logs
from workflows import running
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


# ---- Two users acting on the same object at the same moment, on PostgreSQL ---------------
# Each test starts two API requests behind a barrier; every transition is slowed inside its
# transaction (after the row lock, before the outbox row), so the second request reaches
# SELECT … FOR UPDATE while the first holds the lock. Exactly one gets through; the other
# waits for the lock, sees the new state and gets 409 with the reason in Czech. One audit
# row, one outbox event, one decision or resolution.

CONFLICT_CS = "Tuto akci nelze provést, dokud je"


def _race(monkeypatch: pytest.MonkeyPatch, *requests: tuple[Any, str, dict]) -> list[Any]:
    """POST each (user, url, data) in its own thread at once; the responses in that order."""
    record = running.event_record

    def slow_record(**kwargs: Any) -> Any:
        time.sleep(0.3)  # hold the row lock while the other request arrives
        return record(**kwargs)

    monkeypatch.setattr(running, "event_record", slow_record)
    barrier = threading.Barrier(len(requests))
    responses: list[Any] = [None] * len(requests)

    def act(index: int, user: Any, url: str, data: dict) -> None:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="cs")
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=5)
            responses[index] = client.post(url, data)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(index, *request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def _one_through(responses: list[Any]) -> None:
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 409], [(r.status_code, r.json()) for r in responses]
    (refused,) = [response for response in responses if response.status_code == 409]
    body = refused.json()
    assert body["code"] == "conflict"
    assert body["detail"].startswith(CONFLICT_CS), body


def _once(instance: Any, transition: str) -> None:
    assert state_logs(instance).filter(transition=transition).count() == 1
    assert events(instance).filter(transition=transition).count() == 1


race_test = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _apply(marks: list[Any]) -> Any:
    def decorate(function: Any) -> Any:
        for mark in reversed(marks):
            function = mark(function)
        return function

    return decorate


@_apply(race_test)
def test_two_decisions_without_a_version_one_included_one_conflict(
    service: Any, open_call: Any, regional_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    colleague = factories.user_with_role("regional_officer", factories.region_liberec())
    url = f"/api/v1/plans/{plan.pk}/decide/"
    rejection = {**DECIDE, "outcome": "not_included", "resolution_number": "259/17/ZK"}
    responses = _race(monkeypatch, (regional_officer, url, DECIDE), (colleague, url, rejection))
    _one_through(responses)
    _once(plan, "decide")
    (decision,) = RegionalDecision.objects.all()
    assert reload(plan).state == decision.outcome
    # The register changed only if the winner included the plan — never twice.
    assert CapacityChange.objects.count() == (1 if decision.outcome == "included" else 0)


@_apply(race_test)
def test_two_resubmissions_one_goes_back_to_review(
    service: Any, open_call: Any, provider_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = factories.plan_in_state("returned", service=service, call=open_call)
    colleague = factories.user_with_role("provider_user", service.provider, username="kolega")
    url = f"/api/v1/plans/{plan.pk}/resubmit/"
    responses = _race(monkeypatch, (provider_user, url, {}), (colleague, url, {}))
    _one_through(responses)
    _once(plan, "resubmit")
    assert reload(plan).state == "awaiting_opinion"
    # One opinion request per ORP, not two.
    assert MunicipalOpinion.objects.filter(plan=plan, state="requested").count() == 1


@_apply(race_test)
def test_two_officers_issue_the_same_opinion_once(
    service: Any,
    open_call: Any,
    liberec: Any,
    municipal_officer: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = factories.plan_in_state("awaiting_opinion", service=service, call=open_call)
    opinion = factories.opinion_in_state("drafted", plan=plan, municipality=liberec)
    colleague = factories.user_with_role("municipal_officer", liberec, username="liberec2")
    url = f"/api/v1/opinions/{opinion.pk}/issue/"
    responses = _race(monkeypatch, (municipal_officer, url, {}), (colleague, url, {}))
    _one_through(responses)
    _once(opinion, "issue")
    assert reload(opinion).state == "issued"
    _once(plan, "route")  # the plan moved on once
    assert reload(plan).state == "awaiting_decision"


@_apply(race_test)
def test_two_secretaries_record_a_resolution_once(
    service: Any,
    open_call: Any,
    liberec: Any,
    council_secretary: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = factories.plan_in_state("awaiting_council", service=service, call=open_call)
    opinion = factories.opinion_in_state("awaiting_council", plan=plan, municipality=liberec)
    colleague = factories.user_with_role("council_secretary", liberec, username="rada2")
    url = f"/api/v1/opinions/{opinion.pk}/record-resolution/"
    first = {"number": "827/2017", "meeting_date": "2017-08-29", "outcome": "approved"}
    second = {**first, "number": "828/2017", "outcome": "rejected"}
    responses = _race(monkeypatch, (council_secretary, url, first), (colleague, url, second))
    _one_through(responses)
    _once(opinion, "record_resolution")
    (resolution,) = CouncilResolution.objects.all()
    opinion = reload(opinion)
    assert opinion.state == "issued"
    assert opinion.resolution_id == resolution.pk


@_apply(race_test)
def test_an_opinion_issued_while_the_plan_is_withdrawn_neither_deadlocks(
    service: Any,
    open_call: Any,
    liberec: Any,
    municipal_officer: Any,
    provider_user: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The opinion's look-up locks its plan and then the opinion in one statement, in the
    order the plan's actions lock them (a withdrawal: the plan, then its open opinions), so
    the two wait for each other in turn instead of deadlocking (a 500)."""
    plan = factories.plan_in_state("awaiting_opinion", service=service, call=open_call)
    opinion = factories.opinion_in_state("drafted", plan=plan, municipality=liberec)
    responses = _race(
        monkeypatch,
        (provider_user, f"/api/v1/plans/{plan.pk}/withdraw/", {}),
        (municipal_officer, f"/api/v1/opinions/{opinion.pk}/issue/", {}),
    )
    withdrawn, issued = (response.status_code for response in responses)
    assert withdrawn == 200, responses[0].json()
    assert issued in (200, 409), responses[1].json()
    assert reload(plan).state == "withdrawn"
    assert reload(opinion).state == ("issued" if issued == 200 else "cancelled")


@_apply(race_test)
def test_the_opinion_look_up_locks_the_plan_before_the_opinion(
    opinion_in: Any, municipal_officer: Any
) -> None:
    """PostgreSQL locks the rows of each table in the order `FOR UPDATE OF` names them:
    while the look-up waits for an opinion another transaction holds, it holds the plan."""
    from django.db import DatabaseError, transaction

    from backend.api.plans.opinion_views import OpinionViewSet

    opinion = opinion_in("drafted")
    held, release = threading.Event(), threading.Event()

    def hold_the_opinion() -> None:
        try:
            with transaction.atomic():
                MunicipalOpinion.objects.select_for_update().get(pk=opinion.pk)
                held.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    def look_up() -> None:
        view = OpinionViewSet(action="issue", request=type("R", (), {"user": municipal_officer}))
        try:
            with transaction.atomic():
                view.get_queryset().get(pk=opinion.pk)
        finally:
            connection.close()

    holder, looker = threading.Thread(target=hold_the_opinion), threading.Thread(target=look_up)
    holder.start()
    assert held.wait(timeout=10)
    looker.start()
    time.sleep(0.5)  # the look-up is waiting for the opinion now
    try:
        with pytest.raises(DatabaseError), transaction.atomic():
            type(opinion.plan).objects.select_for_update(nowait=True).get(pk=opinion.plan_id)
    finally:
        release.set()
        holder.join(timeout=10)
        looker.join(timeout=10)
