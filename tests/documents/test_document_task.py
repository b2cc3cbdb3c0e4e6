"""The transition's PDF is rendered by a Celery task after the commit, not in the request:
published with the newest version at the time, idempotent, and rendered at once only when
delivering inline (the demo loader) or when the broker is unreachable."""

from typing import Any

import pytest
from kombu.exceptions import OperationalError

from backend.core.enqueue import inline_delivery
from backend.documents import services
from backend.documents.models import Document, DocumentKind
from backend.documents.services import document_generate
from backend.documents.tasks import document_generate_task
from backend.records.services import reference_numbers_of
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The tasks put on the broker (not run, as with a worker elsewhere)."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        document_generate_task,
        "apply_async",
        lambda kwargs, **options: calls.append(kwargs),
    )
    return calls


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(**_: Any) -> bytes:
        raise AssertionError("rendered in the request")

    monkeypatch.setattr(services, "render_pdf", fail)


def test_a_transition_publishes_the_task_and_renders_nothing_itself(
    make_plan: Any,
    provider_user: Any,
    published: list[dict[str, Any]],
    no_rendering: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    plan = make_plan("draft")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan_submit(plan=plan, by=provider_user)
    assert published == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert published == [
        {
            "kind": DocumentKind.PLAN,
            "plan_id": plan.pk,
            "opinion_id": None,
            "by_id": provider_user.pk,
            "after_version": 0,
            "reference_number_id": reference_numbers_of(plan).get().pk,
        }
    ]
    assert not Document.objects.filter(plan=plan).exists()


def test_the_task_is_idempotent(make_plan: Any) -> None:
    plan = make_plan("awaiting_opinion")
    params = {"kind": DocumentKind.PLAN, "plan_id": plan.pk, "opinion_id": None, "by_id": None}
    first = document_generate_task.apply(kwargs={**params, "after_version": 0}).get()
    again = document_generate_task.apply(kwargs={**params, "after_version": 0}).get()
    assert isinstance(first, int)
    assert again is None  # a redelivered task stores nothing more
    assert list(Document.objects.filter(plan=plan).values_list("version", flat=True)) == [1]
    # The next transition's task (published when version 1 existed) stores version 2.
    second = document_generate(**params, after_version=1)
    assert second is not None and second.version == 2


def test_a_version_stored_meanwhile_is_not_duplicated(make_plan: Any) -> None:
    """Two transitions before the worker ran: both tasks were told version 0; the first
    renders the plan as it is now, the second finds that version and skips."""
    plan = make_plan("awaiting_opinion")
    params = {"kind": DocumentKind.PLAN, "plan_id": plan.pk, "after_version": 0}
    assert document_generate(**params) is not None
    assert document_generate(**params) is None
    assert Document.objects.filter(plan=plan).count() == 1


def test_inline_delivery_renders_at_once(
    make_plan: Any,
    provider_user: Any,
    published: list[dict[str, Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    plan = make_plan("draft")
    with inline_delivery(), django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=plan, by=provider_user)
    assert published == []
    assert Document.objects.get(plan=plan).kind == DocumentKind.PLAN


def test_an_unreachable_broker_renders_at_once(
    make_plan: Any,
    provider_user: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def broker_down(**_: Any) -> None:
        raise OperationalError("Connection refused")

    monkeypatch.setattr(document_generate_task, "apply_async", broker_down)
    plan = make_plan("draft")
    with django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=plan, by=provider_user)
    assert Document.objects.get(plan=plan).version == 1
