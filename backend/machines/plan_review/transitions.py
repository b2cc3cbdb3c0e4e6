"""The names of the development plan's transitions (the methods of `machine.PlanMachine`)."""

from backend.machines.transitions import Transitions


class PlanTransition(Transitions):
    SUBMIT = "submit"
    RETURN_FOR_COMPLETION = "return_for_completion"
    RESUBMIT = "resubmit"
    ROUTE = "route"
    LAPSE = "lapse"
    WITHDRAW = "withdraw"
    DECIDE = "decide"
