# The decorators wrap a transition method and keep its signature.
from collections.abc import Callable
from typing import Any, TypeVar, overload

_F = TypeVar("_F", bound=Callable[..., Any])

def fsm_log_by(func: _F) -> _F: ...
@overload
def fsm_log_description(
    func: _F, allow_inline: bool = False, description: str | None = None
) -> _F: ...
@overload
def fsm_log_description(
    func: None = None, allow_inline: bool = False, description: str | None = None
) -> Callable[[_F], _F]: ...
