"""The one door through which every state change passes.

A transition is named by its member of the machine's enum (`*/transitions.py`).
`run_transition` is called by the `actions` of each workflow inside their transaction, after
they have locked the row: it checks permission, state and guards (each refusal explains
itself), runs the django-fsm transition (which writes the django-fsm-log row), saves the row
and records the domain event in the outbox — all in the caller's transaction.
"""

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django_fsm import FSMFieldMixin, Transition

from backend.events.services import event_record
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.guards import unmet_reasons
from backend.machines.transitions import Transitions


def _fsm_meta(instance: models.Model, name: str) -> Any:
    method = getattr(type(instance), name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise AttributeError(f"{type(instance).__name__}.{name} is not a transition")
    return meta


def any_transition(instance: models.Model, name: str) -> Transition:
    """A transition object of the method (all sources share permission and guards)."""
    return next(iter(_fsm_meta(instance, name).transitions.values()))


def user_may(instance: models.Model, name: Transitions, user: Any) -> bool:
    """Whether the rules let `user` perform transition `name` on this object, in any state."""
    return any_transition(instance, name).has_perm(instance, user)


def refusal_reasons(instance: models.Model, name: str) -> list[str]:
    """Why transition `name` cannot run now ([] when it can)."""
    meta = _fsm_meta(instance, name)
    state = meta.field.get_state(instance)
    transition = meta.get_transition(state)
    if transition is None:
        label = dict(meta.field.flatchoices).get(state, state)
        return [
            _("This action is not possible while the %(object)s is in the state “%(state)s”.")
            % {"object": instance._meta.verbose_name, "state": label}
        ]
    return unmet_reasons(transition.conditions, instance)


def available_transitions(instance: models.Model, user: Any) -> list[str]:
    """Names of the transitions `user` may run on the object now."""
    field = next(f for f in instance._meta.concrete_fields if isinstance(f, FSMFieldMixin))
    return [
        transition.name
        for transition in field.get_all_transitions(type(instance))
        if transition.source in (field.get_state(instance), "*")
        and transition.has_perm(instance, user)
        and not refusal_reasons(instance, transition.name)
    ]


def ensure_allowed(
    instance: models.Model, name: Transitions, *, by: Any, check_permission: bool = True
) -> None:
    """Raise TransitionForbidden or TransitionConflict (with reasons) unless `by` may run
    transition `name` now. Permission comes first, so a stranger learns nothing of the state."""
    if check_permission and by is not None and not user_may(instance, name, by):
        raise TransitionForbidden()
    reasons = refusal_reasons(instance, name)
    if reasons:
        raise TransitionConflict(reasons)


def run_transition(
    instance: models.Model,
    name: Transitions,
    *,
    by: Any,
    comment: str = "",
    check_permission: bool = True,
    **kwargs: Any,
) -> Any:
    """Run transition `name` on a locked `instance`; `by=None` means the system itself."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("run_transition must run inside transaction.atomic()")
    ensure_allowed(instance, name, by=by, check_permission=check_permission)
    source = _fsm_meta(instance, name).field.get_state(instance)
    result = getattr(instance, name)(by=by, description=comment or None, **kwargs)
    instance.save()
    event_record(
        subject=instance,
        transition=name,
        source=source,
        target=_fsm_meta(instance, name).field.get_state(instance),
        actor=by,
        comment=comment,
    )
    return result
