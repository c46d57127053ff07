"""Module-level state of the learner's test module (chapter 10): what a run of its tests changed, and where it lives.

The kata runs the learner's tests against the right front desk twice in one import; when the second run fails,
`changed(before, after)` names the module-level values the first run changed (a counter, a cache, a list that
grows), and `defined_at` the line of the learner's file that makes each one.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import ModuleType

LONGEST = 20_000  # characters of a value's repr compared; a longer one is compared by its length and identity


def snapshot(module: ModuleType) -> dict[str, str]:
    """Each module-level value of `module` (not its functions, classes and imported modules), as comparable text."""
    shot = {}
    for name, value in list(vars(module).items()):
        if name.startswith("__") or inspect.ismodule(value) or inspect.isclass(value) or callable(value):
            continue
        try:
            text = repr(value)
        except Exception:  # a value whose repr fails is compared by identity
            text = f"<{type(value).__name__} at {id(value):#x}>"
        shot[name] = text if len(text) <= LONGEST else f"<{type(value).__name__} at {id(value):#x}, {len(text)}>"
    return shot


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The names whose value differs, in the order the module made them."""
    return [name for name, text in after.items() if before.get(name) != text]


def defined_at(path: Path, name: str) -> int | None:
    """The line of the module-level statement that first binds `name` (else of a `global name`), or None."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return None
    for node in tree.body:
        if name in _bound_by(node):
            return node.lineno
    for found in ast.walk(tree):
        if isinstance(found, ast.Global) and name in found.names:
            return found.lineno
    return None


def _bound_by(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    else:
        return set()
    return {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
