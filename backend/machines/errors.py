"""Why a transition was refused; interfaces map these to HTTP 409 and 403."""

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _


class WorkflowError(Exception):
    """Base of every refusal; `reasons` are translated, human-readable sentences."""

    default_reason = _("The action is not possible.")

    def __init__(self, reasons: Sequence[str] | str | None = None) -> None:
        if reasons is None:
            reasons = [str(self.default_reason)]
        elif isinstance(reasons, str):
            reasons = [reasons]
        self.reasons = [str(reason) for reason in reasons]
        super().__init__(" ".join(self.reasons))


class TransitionConflict(WorkflowError):
    """The object's state or data do not allow the transition now (HTTP 409)."""

    default_reason = _("The object's state does not allow this action.")


class TransitionForbidden(WorkflowError):
    """The user may not perform the transition on this object (HTTP 403)."""

    default_reason = _("You are not allowed to perform this action.")
