"""Shared pieces of the API views: action inputs with the client's version, the caller's
allowed transitions, and running an action at the version the client read."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from backend.core.free_text import SHORT_TEXT
from backend.machines.errors import TransitionForbidden
from backend.machines.transitions import Transitions
from backend.machines.versioning import run_at_version
from workflows.running import available_transitions, user_may

R = TypeVar("R")


# The query's filters and ordering narrow the list (and its export); an object addressed by
# its URL is looked up as it is. DRF would build the filter set for every lookup too — a
# millisecond of each transition. (A comment, not a docstring: the API schema would take a
# docstring for the description of every view of the viewsets that mix it in.)
class ListFilteringOnly:
    detail: bool  # set by the viewset's router (ViewSetMixin)

    def filter_queryset(self, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]  # a mixin: the viewset's GenericAPIView comes next


class VersionedInput(serializers.Serializer):
    """Every write may carry the `version` the client read (optimistic concurrency)."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_(
            "The version you read; if the object changed since, the action is refused with "
            "409 stale_version. Omit it to act on the current state."
        ),
    )


class CommentInput(VersionedInput):
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SHORT_TEXT
    )


def api_name(transition: str) -> str:
    """The transition as its API action is named (`return_for_completion` → `return-for-completion`)."""
    return transition.replace("_", "-")


def allowed_transitions(instance: models.Model, user: Any) -> list[str]:
    """The actions the caller may POST on the object now."""
    return [api_name(name) for name in available_transitions(instance, user)]


def act(
    instance: Any,
    data: dict[str, Any],
    action: Callable[[Any], R],
    *,
    lock_first: tuple[models.Model, ...] = (),
    related: tuple[str, ...] = (),
    last: bool = False,
) -> R:
    """Run `action(locked_instance)` if the object is still at the version the client sent
    (`related`: the relations read with the locked row, see `backend.core.locking.lock`;
    `last`: inside `transition_atomic`, which ends with it)."""
    return run_at_version(
        instance,
        data.pop("version", None),
        action,
        lock_first=lock_first,
        related=related,
        last=last,
    )


def transition_atomic() -> transaction.Atomic:
    """The transaction of one API transition, from the look-up of its object to the action's
    end (the answer is read after the commit): the view reads the row (or its plan's) under the lock in the look-up itself
    (`select_for_update` + `backend.core.locking.lock_taken`), so the action does not read
    it a second time; refused (403, 400, 409) or failing, it rolls back what it locked."""
    return transaction.atomic()


def ensure_permitted(instance: models.Model, transition: Transitions, user: Any) -> None:
    """Refuse (403) before looking at the input, as the actions check permission first:
    a caller the rules do not allow learns nothing from validation messages."""
    if not user_may(instance, transition, user):
        raise TransitionForbidden()


def transition_input(
    request: Any,
    instance: models.Model,
    transition: Transitions,
    input_class: type[serializers.Serializer],
    *,
    before_validation: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """The transition's validated input, read only once the caller may run it (403 first,
    as in the actions: a caller the rules do not allow learns nothing from validation
    messages). `before_validation` runs in between (the upload checks of an opinion)."""
    ensure_permitted(instance, transition, request.user)
    if before_validation is not None:
        before_validation()
    serializer = input_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
