"""pyHanko's synchronous calls run an event loop of their own (`asyncio.run`), which Python
refuses inside a thread whose loop is already running (a Playwright-driven test, an async
view): there the call runs in a short-lived thread of its own."""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def outside_event_loop(call: Callable[[], T]) -> T:
    """`call()` here, or in a fresh thread when this thread runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seal") as pool:
        return pool.submit(call).result()
