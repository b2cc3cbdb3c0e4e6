"""The names of the municipal opinion's transitions (the methods of `machine.OpinionMachine`)."""

from backend.machines.transitions import Transitions


class OpinionTransition(Transitions):
    DRAFT = "draft"
    SEND_TO_COUNCIL = "send_to_council"
    ISSUE = "issue"
    RECORD_RESOLUTION = "record_resolution"
    EXPIRE = "expire"
    CANCEL = "cancel"
