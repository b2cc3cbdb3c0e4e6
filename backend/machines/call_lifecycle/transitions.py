"""The names of the call's transitions (the methods of `machine.CallMachine`)."""

from backend.machines.transitions import Transitions


class CallTransition(Transitions):
    OPEN = "open"
    CLOSE = "close"
    FINISH = "finish"
