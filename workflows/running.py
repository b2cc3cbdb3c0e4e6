"""The one door through which every state change passes.

A transition is named by its member of the machine's enum (`*/transitions.py`).
`run_transition` is called by the `actions` of each workflow inside their transaction, after
they have locked the row: it checks permission, state and guards (each refusal explains
itself), runs the django-fsm transition (which writes the django-fsm-log row), saves the row
and records the domain event in the outbox — all in the caller's transaction.
"""

from typing import TYPE_CHECKING, Any, cast

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import FSMFieldMixin, FSMMeta, Transition

from backend.accounts.absences import on_behalf_of
from backend.events.services import event_record
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.guards import guards_remembered, unmet_reasons
from backend.machines.transitions import Transitions

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from backend.accounts.models import User


def _fsm_meta(instance: models.Model, name: str) -> FSMMeta:
    method = getattr(type(instance), name, None)
    meta: FSMMeta | None = getattr(method, "_django_fsm", None)
    if meta is None:
        raise AttributeError(f"{type(instance).__name__}.{name} is not a transition")
    return meta


def _state_field(meta: FSMMeta) -> FSMFieldMixin:
    # The machines give `@transition` the field itself (`field=state`), never its name.
    return cast(FSMFieldMixin, meta.field)


def any_transition(instance: models.Model, name: str) -> Transition:
    """A transition object of the method (all sources share permission and guards)."""
    return next(iter(_fsm_meta(instance, name).transitions.values()))


def user_may(instance: models.Model, name: Transitions, user: "User | AnonymousUser") -> bool:
    """Whether the rules let `user` perform transition `name` on this object, in any state."""
    return any_transition(instance, name).has_perm(instance, user)


def refusal_reasons(instance: models.Model, name: str) -> list[str]:
    """Why transition `name` cannot run now ([] when it can)."""
    meta = _fsm_meta(instance, name)
    field = _state_field(meta)
    state = field.get_state(instance)
    transition = meta.get_transition(state)
    if transition is None:
        label = dict(field.flatchoices).get(state, state)
        return [
            _("This action is not possible while the %(object)s is in the state “%(state)s”.")
            % {"object": instance._meta.verbose_name, "state": label}
        ]
    return unmet_reasons(transition.conditions, instance)


def available_transitions(instance: models.Model, user: "User | AnonymousUser") -> list[str]:
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
    instance: models.Model,
    name: Transitions,
    *,
    by: "User | None",
    check_permission: bool = True,
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
    by: "User | None",
    comment: str = "",
    check_permission: bool = True,
    **kwargs: Any,
) -> object:
    """Run transition `name` on a locked `instance`; `by=None` means the system itself.
    `kwargs` go to the transition method; what it returns is returned."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("run_transition must run inside transaction.atomic()")
    source = _state_field(_fsm_meta(instance, name)).get_state(instance)
    # django-fsm asks the guards again before it changes the state: nothing changed between.
    with guards_remembered():
        ensure_allowed(instance, name, by=by, check_permission=check_permission)
        result = getattr(instance, name)(by=by, description=comment or None, **kwargs)
    instance.save()
    event_record(
        subject=instance,
        transition=name,
        source=source,
        target=_state_field(_fsm_meta(instance, name)).get_state(instance),
        actor=by,
        comment=comment,
        on_behalf_of_id=on_behalf_of(
            actor=by, owner_id=getattr(instance, "assignee_id", None), day=timezone.localdate()
        ),
    )
    return result
