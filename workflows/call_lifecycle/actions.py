"""The one door for state changes of a call; `by=None` is the scheduler."""

from backend.accounts.models import User
from backend.calls.models import Call
from backend.core.locking import atomic_action, lock
from backend.machines.call_lifecycle.transitions import CallTransition
from workflows.running import run_transition


def _call_transition(call: Call, name: CallTransition, by: User | None, comment: str) -> Call:
    with atomic_action():
        call = lock(call)
        run_transition(call, name, by=by, comment=comment)
    return call


def call_open(*, call: Call, by: User | None = None, comment: str = "") -> Call:
    """Open the call for submissions (on time by the scheduler, or early by hand)."""
    return _call_transition(call, CallTransition.OPEN, by, comment)


def call_close(*, call: Call, by: User | None = None, comment: str = "") -> Call:
    """Close the call; later submissions are refused."""
    return _call_transition(call, CallTransition.CLOSE, by, comment)


def call_finish(*, call: Call, by: User | None = None, comment: str = "") -> Call:
    """Finish a closed call whose plans are all settled."""
    return _call_transition(call, CallTransition.FINISH, by, comment)
