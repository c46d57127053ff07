"""Fresh imports for chapter 10's desk runs: each desk gets its own copy of the front desk and of the learner's tests.

A `ModuleSet` holds copies of modules, each executed afresh under its usual name, and puts them in place (in
`sys.modules` and as their parent package's attribute) only while a desk's run needs them: module-level state
that one run leaves behind (a counter, a cached answer, a constant changed and never put back) cannot reach
the next. `desk_modules` copies the module under test (`kata.front_desk`) and the broken desks built on it, so
that the learner's `from kata.front_desk import DishNotFound` names the very class the desk raises.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

MODULE_UNDER_TEST = "kata.front_desk"
DESKS_PACKAGE = "kata.desks.mistakes"  # Mistake and Hollow, on which every broken desk is built
_ABSENT: Any = object()


class ModuleSet:
    """Copies of modules by name, executed afresh, put in place while a run needs them."""

    def __init__(self) -> None:
        self.copies: dict[str, ModuleType] = {}

    def load(self, name: str, spec: ModuleSpec) -> ModuleType:
        """A fresh copy of module `name` from `spec`, executed with the copies loaded so far in place."""
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        self.copies[name] = module  # in place while it runs: dataclasses and pickling look it up by name
        try:
            with self.in_place():
                spec.loader.exec_module(module)
        except BaseException:
            del self.copies[name]
            raise
        return module

    @contextlib.contextmanager
    def in_place(self) -> Iterator[None]:
        """The copies in `sys.modules` and on their parent packages; what was there before, afterwards."""
        saved = [(name, sys.modules.get(name, _ABSENT), _attribute(name)) for name in self.copies]
        for name, module in self.copies.items():
            _put(name, module, module)
        try:
            yield
        finally:
            for name, module, attribute in reversed(saved):
                _put(name, module, attribute)


def desk_modules(desk: type) -> tuple[ModuleSet, type]:
    """Fresh copies of the front desk's modules, and `desk` as the copies define it.

    A desk defined outside them (a test's own) is handed back as it is, beside no copy: its exceptions are the
    ones the learner's module imports.
    """
    modules = ModuleSet()
    home = desk.__module__
    if home != MODULE_UNDER_TEST and not home.startswith(DESKS_PACKAGE):
        return modules, desk
    for name in dict.fromkeys((MODULE_UNDER_TEST, DESKS_PACKAGE, home)):
        spec = sys.modules[name].__spec__
        assert spec is not None
        modules.load(name, spec)
    return modules, getattr(modules.copies[home], desk.__qualname__)


def file_spec(name: str, path: Path) -> ModuleSpec:
    """The spec of the file `path` as module `name`, from the import system's finders (pytest's assertion
    rewriter is the first of them during a run), else a plain one."""
    wanted = path.resolve()
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec(name, [str(path.parent)]) if find_spec is not None else None
        if spec is not None and spec.origin is not None and Path(spec.origin).resolve() == wanted:
            return spec
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    return spec


def _attribute(name: str) -> Any:
    parent, _, child = name.rpartition(".")
    package = sys.modules.get(parent) if parent else None
    return getattr(package, child, _ABSENT) if package is not None else _ABSENT


def _put(name: str, module: Any, attribute: Any) -> None:
    """`module` as sys.modules[name] and `attribute` as the parent package's attribute (_ABSENT: neither)."""
    if module is _ABSENT:
        sys.modules.pop(name, None)
    else:
        sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    package = sys.modules.get(parent) if parent else None
    if package is None:
        return
    if attribute is _ABSENT:
        with contextlib.suppress(AttributeError):
            delattr(package, child)
    else:
        setattr(package, child, attribute)
