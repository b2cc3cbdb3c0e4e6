"""The libraries' private behaviour the product code still relies on, pinned: an upgrade that
changes it fails here, not in production. Each test names the one place that relies on it
(docs/architecture.md "Library internals")."""

import inspect
import re

import pytest
from django.db import transaction
from django_fsm import FSMFieldMixin, Transition
from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_django_keeps_the_pending_commit_hooks_in_run_on_commit() -> None:
    """backend/core/commit_hooks.py `pending_on_commit`, which backend/core/locking.py asks
    whether the transaction still holds a row lock: Django keeps the hooks of
    `transaction.on_commit` in `connection.run_on_commit`, a list of (savepoint ids,
    callback, robust) entries; a savepoint that rolls back drops the entries registered in
    it (as the database releases the row locks taken in it), and the end of the transaction
    drops them all."""

    def kept() -> None:
        pass

    def rolled_back() -> None:
        pass

    connection = transaction.get_connection()
    with transaction.atomic():
        transaction.on_commit(kept)
        with pytest.raises(RuntimeError), transaction.atomic():
            transaction.on_commit(rolled_back)
            assert [entry[1] for entry in connection.run_on_commit] == [kept, rolled_back]
            raise RuntimeError
        assert connection.in_atomic_block
        assert isinstance(connection.run_on_commit, list)
        [(savepoint_ids, callback, robust)] = connection.run_on_commit
        assert callback is kept
        assert robust is False
        assert isinstance(savepoint_ids, set)
    assert connection.run_on_commit == []


# What the model serializers' fields may not be derived from: the instance's own state.
_PER_INSTANCE = re.compile(
    r"self\.(_?context|instance|initial_data|partial|parent|root|data|validated_data|_kwargs)\b"
)


def _model_serializer_classes() -> list[type]:
    import backend.config.urls  # noqa: F401  (imports every API serializer)

    found, todo = [], [ModelSerializer]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_drf_derives_a_model_serializers_fields_from_its_class_alone() -> None:
    """backend/api/model_serializers.py builds each class's fields once and hands every
    instance a deep copy: right only while DRF's `ModelSerializer.get_fields` and the
    methods it builds the fields with read the class (its Meta, declared fields, the
    model), never the instance's context, data or parent. A DRF release that starts to, or
    a serializer of ours that overrides one of them to, fails here."""
    builders = [
        name
        for name, value in vars(serializers.ModelSerializer).items()
        if callable(value) and name.startswith(("get_", "build_", "include_"))
    ]
    assert {"get_fields", "get_field_names", "build_field", "get_extra_kwargs"} <= set(builders)
    for name in builders:
        source = inspect.getsource(getattr(serializers.ModelSerializer, name))
        assert not _PER_INSTANCE.search(source), f"DRF's ModelSerializer.{name}"
    # DRF binds what get_fields returns: the `fields` of an instance come from it.
    assert "self.get_fields()" in inspect.getsource(serializers.Serializer.fields.func)
    classes = _model_serializer_classes()
    assert len(classes) > 20
    for cls in classes:
        for name in set(builders) & set(vars(cls)):
            if cls is ModelSerializer and name == "get_fields":
                continue
            source = inspect.getsource(getattr(cls, name))
            assert not _PER_INSTANCE.search(source), f"{cls.__qualname__}.{name}"


def test_django_template_nodes_expose_what_the_letters_sandbox_reads() -> None:
    """backend/letters/sandbox.py: the sandbox walks the compiled nodes (if/for/with/firstof,
    their filter expressions and variables, each token's line) to refuse undocumented
    variables, and replaces the engine's builtins so no other tag or filter exists."""
    from django.template import TemplateSyntaxError
    from django.template.base import FilterExpression, Variable
    from django.template.defaulttags import FirstOfNode, ForNode, IfNode, WithNode

    from backend.letters.sandbox import ENGINE

    text = "{% if a %}{% for x in b %}{% with y=c|default:d %}{% firstof e %}{% endwith %}{% endfor %}{% endif %}"
    [if_node] = ENGINE.from_string(text).nodelist
    assert isinstance(if_node, IfNode) and if_node.token.lineno == 1
    condition, body = if_node.conditions_nodelists[0]
    assert isinstance(condition.value, FilterExpression)
    [for_node] = body
    assert isinstance(for_node, ForNode) and for_node.loopvars == ["x"]
    assert isinstance(for_node.sequence.var, Variable) and for_node.sequence.var.lookups == ("b",)
    [with_node] = for_node.nodelist_loop
    assert isinstance(with_node, WithNode)
    _func, [(is_variable, argument)] = with_node.extra_context["y"].filters[0]
    assert is_variable and argument.lookups == ("d",)
    [firstof] = with_node.nodelist
    assert isinstance(firstof, FirstOfNode) and firstof.vars[0].var.lookups == ("e",)
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string("{% now 'Y' %}")
