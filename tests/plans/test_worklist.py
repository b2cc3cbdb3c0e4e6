"""The personal inbox of tasks: what waits for whom, most urgent first."""

from typing import Any

import pytest

from backend.machines.plan_review.states import PlanState
from backend.plans.worklist import Task, worklist_refs_for_user, worklist_tasks
from tests import factories

pytestmark = pytest.mark.django_db


def worklist_for_user(*, user: Any) -> list[Task]:
    return worklist_tasks(worklist_refs_for_user(user=user))


def test_a_provider_is_asked_to_submit_drafts_only_while_the_call_takes_plans(
    provider_user: Any, service: Any
) -> None:
    open_draft = factories.plan_in_state(PlanState.DRAFT, service=service)
    closed_call = factories.CallFactory(closed=True)
    factories.plan_in_state(PlanState.DRAFT, service=service, call=closed_call)
    returned = factories.plan_in_state(PlanState.RETURNED, service=service, call=closed_call)

    urls = [task.url for task in worklist_for_user(user=provider_user)]

    assert len(urls) == 2
    assert any(url.endswith(f"/{open_draft.pk}/") for url in urls)
    assert any(url.endswith(f"/{returned.pk}/") for url in urls)


def test_others_see_no_provider_tasks(other_provider_user: Any, service: Any) -> None:
    factories.plan_in_state(PlanState.DRAFT, service=service)
    assert worklist_for_user(user=other_provider_user) == []


def test_each_task_names_its_plan(provider_user: Any, service: Any) -> None:
    draft = factories.plan_in_state(PlanState.DRAFT, service=service)
    [task] = worklist_for_user(user=provider_user)
    assert task.plan_id == draft.pk
