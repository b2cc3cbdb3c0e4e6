"""Memos that live for the length of a block: what a block asks twice is computed once.

A memo is a `ContextVar` holding a dict, or None outside any block. `memo_open(var)` opens
an empty one for the block; a nested block shares the outer one's, so the answers the outer
block collected stay valid inside it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any


@contextmanager
def memo_open(memo: ContextVar[dict[Any, Any] | None]) -> Iterator[None]:
    """An empty memo in `memo` for the block, unless a block around it opened one."""
    if memo.get() is not None:
        yield
        return
    token = memo.set({})
    try:
        yield
    finally:
        memo.reset(token)
