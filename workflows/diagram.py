"""State diagrams generated from the django-fsm declarations (Mermaid), so docs never drift."""

from django.db import models
from django_fsm import FSMFieldMixin, State

HEADER = """# Workflow diagrams

Generated from the code by `python manage.py workflow_diagram`; do not edit by hand
(a test fails when this file is out of date).
"""


def _targets(target: object) -> list[str]:
    if isinstance(target, State):
        return [str(state) for state in target.allowed_states]
    return [str(target)]


def mermaid(model: type[models.Model]) -> str:
    """A Mermaid state diagram of the model's FSM field; labels are the transition names."""
    field = next(f for f in model._meta.concrete_fields if isinstance(f, FSMFieldMixin))
    lines = ["stateDiagram-v2", f"    [*] --> {field.default}"]
    edges = sorted(
        {
            (str(transition.source), target, transition.name)
            for transition in field.get_all_transitions(model)
            for target in _targets(transition.target)
            # A computed target equal to the source is never taken (the action skips it).
            if not (isinstance(transition.target, State) and target == str(transition.source))
        }
    )
    lines += [f"    {source} --> {target}: {name}" for source, target, name in edges]
    return "\n".join(lines)


def document(models_: list[type[models.Model]]) -> str:
    parts = [HEADER]
    for model in models_:
        title = str(model._meta.verbose_name).capitalize()
        parts.append(f"## {title} (`{model.__name__}`)\n\n```mermaid\n{mermaid(model)}\n```\n")
    return "\n".join(parts)


def workflow_models() -> list[type[models.Model]]:
    from backend.calls.models import Call
    from backend.plans.models import DevelopmentPlan, MunicipalOpinion

    return [DevelopmentPlan, MunicipalOpinion, Call]
