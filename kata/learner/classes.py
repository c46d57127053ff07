"""A learner's own classes as tests see them: every method of every instance runs with a time limit.

`exercise.KitchenSession(...)` builds a real instance (within the time limit) and gives each method
the learner wrote a time-limited stand-in on that instance, so `session.get(...)` (which calls the
learner's `request`) or `cache.get_menu()` can never hang a run. The class itself is handed out behind
a thin stand-in: `isinstance(x, exercise.Booking)` and its attributes work as on the class. Exceptions
and enums are handed out as they are (`except exercise.DishNotFound` needs the class itself).
"""

from __future__ import annotations

import enum
import inspect
from typing import TYPE_CHECKING, Any

from kata.learner.time_limit import run_with_time_limit, time_limited

if TYPE_CHECKING:
    from typing import TypeGuard


def hands_out_limited(value: Any, module_name: str) -> TypeGuard[type]:
    """Whether `value` is a class of the learner's module whose instances get time-limited methods."""
    return (
        inspect.isclass(value) and value.__module__ == module_name and not issubclass(value, (BaseException, enum.Enum))
    )


class LimitedClass:
    """Stands in for a learner's class: calling it builds a real instance whose own methods are time-limited."""

    def __init__(self, cls: type, seconds: float) -> None:
        self.__dict__["_cls"] = cls
        self.__dict__["_seconds"] = seconds

    def __repr__(self) -> str:
        return repr(self._cls)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cls, name)

    def __instancecheck__(self, instance: Any) -> bool:
        return isinstance(instance, self._cls)

    def __subclasscheck__(self, subclass: type) -> bool:
        return issubclass(subclass, self._cls)

    def __eq__(self, other: object) -> bool:
        return other is self._cls or (isinstance(other, LimitedClass) and other._cls is self._cls)

    def __hash__(self) -> int:
        return hash(self._cls)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        instance = run_with_time_limit(self._cls, *args, seconds=self._seconds, **kwargs)
        return limit_methods(instance, self._seconds)


def limit_methods(instance: Any, seconds: float) -> Any:
    """`instance`, each method its class's module defines shadowed on it by a time-limited bound method."""
    own = getattr(instance, "__dict__", None)
    if not isinstance(own, dict):  # __slots__ or a named tuple: nothing to shadow, calls run unguarded
        return instance
    module_name = type(instance).__module__
    for klass in type(instance).__mro__:
        if klass.__module__ != module_name:
            continue
        for name, member in vars(klass).items():
            if name.startswith("__") or name in own or not inspect.isfunction(member):
                continue
            own[name] = time_limited(getattr(instance, name), seconds)
    return instance
