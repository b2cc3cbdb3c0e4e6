"""`guards_remembered()`: inside the block each guard is asked once per object; outside it,
every time (issue 23: a submit asked its guards three times, some of them read the
database)."""

from typing import Any

from backend.machines.guards import guard, guards_remembered


class _Counted:
    asked = 0


@guard("never")
def _counted(instance: Any) -> bool:
    instance.asked += 1
    return True


def test_a_guard_is_asked_once_per_object_inside_the_block() -> None:
    first, second = _Counted(), _Counted()
    with guards_remembered():
        assert _counted(first) and _counted(first) and _counted(second)
        with guards_remembered():  # a nested block shares the answers
            assert _counted(first)
    assert (first.asked, second.asked) == (1, 1)
    assert _counted(first)
    assert first.asked == 2
