"""The base of each machine's list of transition names (`*/transitions.py`).

A transition is named once, by its enum member, wherever it is referred to: the actions, the
notifications' routing, the permission checks of the pages and the API, the templates (the
views pass the enum into the context). The members' values are the `@transition` methods'
names; `tests/workflows/test_transition_names.py` fails when the two lists differ.
"""

import enum


class Transitions(enum.StrEnum):
    # Templates look members up on the class (`{% if PlanTransition.DECIDE in transitions %}`);
    # a class is callable, and the template engine would call it.
    do_not_call_in_templates = enum.nonmember(True)
