"""The libraries' private behaviour the product code still relies on, pinned: an upgrade that
changes it fails here, not in production. Each test names the one place that relies on it
(docs/architecture.md "Library internals")."""

import pytest
from django_fsm import FSMFieldMixin, Transition

from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan


def test_django_fsm_keeps_a_transition_methods_meta_on_the_method() -> None:
    """workflows/running.py `_fsm_meta`: django-fsm has no public way to get one method's
    transitions (their sources, conditions and permission) by name; it keeps them on the
    decorated method as `_django_fsm`, an FSMMeta with `field`, `transitions` by source and
    `get_transition(state)` (which falls back to the "*" source)."""
    meta = DevelopmentPlan.submit._django_fsm
    assert isinstance(meta.field, FSMFieldMixin)
    assert meta.field.name == "state"
    transition = meta.get_transition(PlanState.DRAFT)
    assert isinstance(transition, Transition)
    assert transition.name == "submit"
    assert meta.get_transition(PlanState.INCLUDED) is None
    assert all(isinstance(t, Transition) for t in meta.transitions.values())
    assert set(meta.transitions) >= {PlanState.DRAFT}


@pytest.mark.django_db
def test_django_does_not_fast_delete_rows_whose_model_has_delete_receivers() -> None:
    """backend/audit/guards.py: the append-only guard connects pre_delete receivers, so a
    cascade never reaches `QuerySet._raw_delete` (Django's fast delete, which sends no
    signal); the guard's own `_raw_delete` override is only a second line."""
    from django.db.models.deletion import Collector
    from django_fsm_log.models import StateLog

    assert not Collector(using="default").can_fast_delete(StateLog.objects.all())
    assert hasattr(StateLog.objects.all(), "_raw_delete")
