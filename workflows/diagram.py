"""State diagrams generated from the django-fsm declarations, so docs never drift: the Mermaid
text of docs/workflow.md and the transitions the web page draws (workflows/drawing.py)."""

from dataclasses import dataclass

from django.db import models
from django_fsm import FSMFieldMixin, State

from backend.calls.models import Call
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

HEADER = """# Workflow diagrams

Generated from the code by `python manage.py workflow_diagram`; do not edit by hand
(a test fails when this file is out of date).
"""


@dataclass(frozen=True, order=True)
class Edge:
    """One transition from one state to one target (a computed target gives several)."""

    source: str
    target: str
    name: str


def state_field(model: type[models.Model]) -> FSMFieldMixin:
    field: FSMFieldMixin = next(
        f for f in model._meta.concrete_fields if isinstance(f, FSMFieldMixin)
    )
    return field


def _targets(target: object) -> list[str]:
    if isinstance(target, State):
        return [str(state) for state in target.allowed_states]
    return [str(target)]


def edges(model: type[models.Model]) -> list[Edge]:
    """Every (source, target, transition name) of the model's state machine, sorted."""
    field = state_field(model)
    return sorted(
        {
            Edge(str(transition.source), target, transition.name)
            for transition in field.get_all_transitions(model)
            for target in _targets(transition.target)
            # A computed target equal to the source is never taken (the action skips it).
            if not (isinstance(transition.target, State) and target == str(transition.source))
        }
    )


def transition_labels(model: type[models.Model]) -> dict[str, str]:
    """The translated label of each transition (its `custom` label, else its name)."""
    field = state_field(model)
    return {
        transition.name: str(transition.custom.get("label", transition.name))
        for transition in field.get_all_transitions(model)
    }


def mermaid(model: type[models.Model]) -> str:
    """A Mermaid state diagram of the model's FSM field; labels are the transition names."""
    lines = ["stateDiagram-v2", f"    [*] --> {state_field(model).default}"]
    lines += [f"    {e.source} --> {e.target}: {e.name}" for e in edges(model)]
    return "\n".join(lines)


def document(models_: list[type[models.Model]]) -> str:
    parts = [HEADER]
    for model in models_:
        title = str(model._meta.verbose_name).capitalize()
        parts.append(f"## {title} (`{model.__name__}`)\n\n```mermaid\n{mermaid(model)}\n```\n")
    return "\n".join(parts)


def workflow_models() -> list[type[models.Model]]:
    return [DevelopmentPlan, MunicipalOpinion, Call]
