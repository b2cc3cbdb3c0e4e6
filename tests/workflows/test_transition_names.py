"""Each transition is named by its enum member (`backend/machines/*/transitions.py`), and every place
that refers to one uses it: a renamed or misspelt transition fails here, not silently in
production (a notice nobody gets, a button that never shows)."""

import ast
import re
from pathlib import Path

import pytest

from backend.calls.models import Call
from backend.calls.services import ANNOUNCE
from backend.casework.services import ASSIGN
from backend.clarifications.models import Message
from backend.clarifications.services import POST_EVENT
from backend.events.services import event_kind
from backend.machines.call_lifecycle.transitions import CallTransition
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.transitions import PlanTransition
from backend.machines.transitions import Transitions
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.remedies.steps import RemedyStep
from notifications.routing import HANDLERS
from workflows.deadlines import CHANGE_EVENT
from workflows.models import DeadlineChange

ROOT = Path(__file__).resolve().parents[2]
MACHINES: dict[type, type[Transitions]] = {
    DevelopmentPlan: PlanTransition,
    MunicipalOpinion: OpinionTransition,
    Call: CallTransition,
}
ENUMS = {enum.__name__: enum for enum in MACHINES.values()}


@pytest.mark.parametrize(("model", "enum"), MACHINES.items(), ids=lambda v: v.__name__)
def test_the_enum_names_exactly_the_machines_transitions(model, enum):
    declared = {t.name for t in model().get_all_state_transitions()}
    assert {member.value for member in enum} == declared


def test_every_routed_event_kind_is_a_transition_of_its_model():
    kinds = {event_kind(model, t) for model, enum in MACHINES.items() for t in enum}
    kinds.add(event_kind(DeadlineChange, CHANGE_EVENT))
    # The follow-up of a reservation: steps of the register entry, not of a machine.
    kinds |= {event_kind(NetworkEntry, step) for step in RemedyStep}
    # A case given to an officer: not a transition (no state changes), but routed.
    kinds |= {event_kind(model, ASSIGN) for model in (DevelopmentPlan, MunicipalOpinion)}
    kinds.add(event_kind(Message, POST_EVENT))
    kinds.add(event_kind(Call, ANNOUNCE))  # a call's creation, not a transition of its machine
    assert set(HANDLERS) <= kinds, set(HANDLERS) - kinds


TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted(
    (ROOT / "templates").rglob("*.txt")
)


def test_templates_test_transitions_by_the_enum():
    """`{% if "decide" in transitions %}` would hide the button after a rename; the views pass
    the enums, so a page writes `{% if PlanTransition.DECIDE in transitions %}`."""
    quoted, unknown = [], []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT)
        quoted += [
            f"{name}: {m}" for m in re.findall(r"[\"'](\w+)[\"']\s+in\s+\w*transitions", text)
        ]
        for enum_name, member in re.findall(r"\b(\w+Transition)\.(\w+)", text):
            enum = ENUMS.get(enum_name)
            if enum is None or member not in enum.__members__:
                unknown.append(f"{name}: {enum_name}.{member}")
    assert not quoted, quoted
    assert not unknown, unknown


def test_the_plan_page_finds_the_enum_members():
    """A member the template engine could not resolve would be "" and hide its button."""
    from django.template import Context, Template

    page = Template(
        "{% if PlanTransition.DECIDE in transitions %}yes{% endif %}"
        "{% if OpinionTransition.SEND_TO_COUNCIL in transitions %}!{% endif %}"
    )
    context = {"PlanTransition": PlanTransition, "OpinionTransition": OpinionTransition}
    assert page.render(Context({**context, "transitions": ["decide"]})) == "yes"
    assert page.render(Context({**context, "transitions": ["send_to_council"]})) == "!"


# The functions that take a transition's name, and where each takes it.
TAKES_A_NAME = {
    "ensure_allowed": 1,
    "run_transition": 1,
    "user_may": 1,
    "refusal_reasons": 1,
    "any_transition": 1,
    "ensure_permitted": 1,
    "transition_input": 2,
    "_transition": 1,
    "_call_transition": 1,
    "event_kind": 1,
    "each_by_system": 2,
}
SOURCES = [
    path
    for folder in ("backend", "workflows", "notifications", "bench")
    for path in sorted((ROOT / folder).rglob("*.py"))
    if "migrations" not in path.parts
]


def _literal_names(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = TAKES_A_NAME.get(called)
            args = (
                [node.args[position]] if position is not None and len(node.args) > position else []
            )
            args += [k.value for k in node.keywords if k.arg == "transition"]
            found += [
                (a.lineno, a.value)
                for a in args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "transition" for s in sides):
                found += [
                    (s.lineno, s.value)
                    for s in sides
                    if isinstance(s, ast.Constant) and isinstance(s.value, str)
                ]
    return found


def test_the_code_names_transitions_by_the_enum():
    """No transition's name as a string literal where a transition is taken or compared."""
    literals = [
        f"{path.relative_to(ROOT)}:{line}: {value!r}"
        for path in SOURCES
        for line, value in _literal_names(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not literals, literals


def test_the_event_kinds_in_the_code_are_built_from_the_enum():
    """`"developmentplan.decide"` as a literal is how a rename broke the notices silently."""
    kind = re.compile(r"[\"']((?:developmentplan|municipalopinion|call)\.(\w+))[\"']")
    call_fields = {f.name for f in Call._meta.get_fields()}
    found = [
        f"{path.relative_to(ROOT)}: {literal}"
        for path in SOURCES
        if path.name != "permissions_matrix.py"  # its `call.read`, `call.open` are action ids
        for literal, after in kind.findall(path.read_text(encoding="utf-8"))
        if not (literal.startswith("call.") and after in call_fields)  # `call.name`: a field
    ]
    assert not found, found
