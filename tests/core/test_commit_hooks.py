"""`on_commit_once`: work a transaction does once after its commit, whatever it rolled back
on the way — built on `transaction.on_commit` alone."""

from typing import Any

import pytest
from django.db import transaction

from backend.core.commit_hooks import on_commit_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def runs() -> list[str]:
    return []


def ask(runs: list[str], key: str = "raise") -> None:
    on_commit_once(key, lambda: runs.append(key))


def test_asked_fifty_times_it_runs_once_after_the_commit(runs: list[str]) -> None:
    with transaction.atomic():
        for _ in range(50):
            ask(runs)
        assert runs == []
    assert runs == ["raise"]


def test_each_commit_runs_it_again(runs: list[str]) -> None:
    for _ in range(3):
        with transaction.atomic():
            ask(runs)
            ask(runs)
    assert runs == ["raise"] * 3


def test_outside_a_transaction_it_runs_at_once_each_time(runs: list[str]) -> None:
    ask(runs)
    ask(runs)
    assert runs == ["raise", "raise"]


def test_a_rolled_back_transaction_runs_nothing_and_leaves_the_next_one_alone(
    runs: list[str],
) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        ask(runs)
        raise RuntimeError
    assert runs == []
    with transaction.atomic():
        ask(runs)
    assert runs == ["raise"]


def test_a_savepoint_rolled_back_drops_only_what_it_asked_for(runs: list[str]) -> None:
    with transaction.atomic(), pytest.raises(RuntimeError), transaction.atomic():
        ask(runs)
        raise RuntimeError
    assert runs == []  # the only request was rolled back with its savepoint

    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            ask(runs)
            raise RuntimeError
        ask(runs)  # asked again after the savepoint dropped the first
    assert runs == ["raise"]

    runs.clear()
    with transaction.atomic():
        ask(runs)  # asked before the savepoint: survives its rollback
        with pytest.raises(RuntimeError), transaction.atomic():
            ask(runs)
            raise RuntimeError
    assert runs == ["raise"]


def test_keys_are_separate(runs: list[str]) -> None:
    with transaction.atomic():
        ask(runs, "a")
        ask(runs, "b")
        ask(runs, "a")
    assert sorted(runs) == ["a", "b"]


def test_a_failing_callback_does_not_swallow_the_next_commit(runs: list[str]) -> None:
    def fail() -> Any:
        raise RuntimeError("broker down")

    with pytest.raises(RuntimeError), transaction.atomic():
        on_commit_once("raise", fail)
    with transaction.atomic():
        ask(runs)
    assert runs == ["raise"]
