"""Fresh imports for chapter 10's desk runs: each desk gets its own copy of the front desk and of the learner's tests.

A `ModuleSet` holds copies of modules, each executed afresh under its usual name, and puts them in place (in
`sys.modules` and as their parent package's attribute) only while a desk's run needs them: module-level state
that one run leaves behind (a counter, a cached answer, a constant changed and never put back) cannot reach
the next. `desk_modules` copies the module under test (`kata.front_desk`) and the broken desks built on it, so
that the learner's `from kata.front_desk import DishNotFound` names the very class the desk raises.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.abc
import importlib.util
import sys
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, Iterator

import pytest

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


def desk_modules(desk: type, codes: dict[str, CodeType]) -> tuple[ModuleSet, type]:
    """Fresh copies of the front desk's modules, and `desk` as the copies define it.

    `codes` keeps each module's code for the next copies (a run reads and compiles each file once). A desk
    defined outside them (a test's own) is handed back as it is, beside no copy: its exceptions are the ones
    the learner's module imports.
    """
    modules = ModuleSet()
    home = desk.__module__
    if home != MODULE_UNDER_TEST and not home.startswith(DESKS_PACKAGE):
        return modules, desk
    for name in dict.fromkeys((MODULE_UNDER_TEST, DESKS_PACKAGE, home)):
        spec = sys.modules[name].__spec__
        assert spec is not None and spec.origin is not None
        if name not in codes:
            loader = spec.loader
            assert isinstance(loader, importlib.abc.InspectLoader)
            code = loader.get_code(name)
            assert code is not None
            codes[name] = code
        copy = code_spec(name, Path(spec.origin), codes[name])
        copy.submodule_search_locations = spec.submodule_search_locations  # a package stays a package
        modules.load(name, copy)
    return modules, getattr(modules.copies[home], desk.__qualname__)


def rewritten_code(path: Path, config: pytest.Config) -> CodeType:
    """The code of the learner's file with its asserts rewritten as pytest rewrites them (a failing assert then
    explains itself), compiled once for all the copies of a run."""
    from _pytest.assertion.rewrite import rewrite_asserts  # what pytest's import hook runs; no public API has it

    source = path.read_bytes()
    tree = ast.parse(source, filename=str(path))
    rewrite_asserts(tree, source, str(path), config)
    return compile(tree, str(path), "exec", dont_inherit=True)


def code_spec(name: str, path: Path, code: CodeType) -> ModuleSpec:
    """The spec of module `name` from the file `path`, whose loader runs `code`."""
    spec = importlib.util.spec_from_file_location(name, path, loader=_Runs(code))
    assert spec is not None
    return spec


class _Runs(importlib.abc.Loader):
    """A loader that runs code compiled already."""

    def __init__(self, code: CodeType) -> None:
        self.code = code

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: ModuleType) -> None:
        exec(self.code, vars(module))


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
