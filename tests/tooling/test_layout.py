"""The house's layout stays readable: no import circle, one module per name, small modules, a true map.

Static checks of the source tree (no import, no run): what `docs/maintainers.md` promises a newcomer.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kata", "mock_server")
LIMITS = {"kata": 300, "mock_server": 300, "tests": 400}  # lines, per module: a longer suite is split by theme
# Names still twice, each a trap to take out: the notepad's (issue 27, in the making) beside older modules.
NAMES_TWICE_YET = {"page.py", "serve.py", "store.py", "wire.py"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of the kata and the server that `path` imports, at its top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])]
                )
            submodules = {f"{base}.{alias.name}" for alias in node.names} & known.keys()
            found.update(submodules or {base})  # `from package import module` needs the module, not a circle
    return (found & known.keys()) - {name}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_no_import_circle():
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    assert circles(graph) == [], "modules that import each other (at the top or in a function): break the circle"


def test_circles_are_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_name_twice():
    seen: dict[str, list[str]] = {}
    for path in modules().values():
        if path.name not in ("__init__.py", "__main__.py"):
            seen.setdefault(path.name, []).append(path.relative_to(ROOT).as_posix())
    assert {name: paths for name, paths in seen.items() if len(paths) > 1 and name not in NAMES_TWICE_YET} == {}


@pytest.mark.parametrize("folder", sorted(LIMITS))
def test_modules_are_small(folder):
    paths = (ROOT / folder).rglob("*.py")
    if folder == "tests":  # the corpus's answers are learners' modules, not ours
        paths = (path for path in paths if "answer_corpus" not in path.parts or path.parent.name == "answer_corpus")
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in paths}
    over = {path: lines for path, lines in sizes.items() if lines > LIMITS[folder]}
    assert over == {}, f"modules over {LIMITS[folder]} lines: split them by job"


def map_rows() -> dict[str, str]:
    """The rows of the package map in docs/maintainers.md, by the folder in their first cell."""
    text = (ROOT / "docs" / "maintainers.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w/]+)/`[^|]*\|[^|]*\|(.*)\|$", text, flags=re.MULTILINE)
    return {folder: modules_cell for folder, modules_cell in rows}


def test_the_maintainers_map_matches_the_tree():
    rows = map_rows()
    missing = []
    for package in PACKAGES:
        for folder in sorted({path.parent for path in (ROOT / package).rglob("*.py")}):
            shown = folder.relative_to(ROOT).as_posix()
            if shown not in rows:  # a package inside a mapped one is named there, as `name/`
                parent = folder.parent.relative_to(ROOT).as_posix()
                if f"`{folder.name}/`" not in rows.get(parent, ""):
                    missing.append(f"{shown}/ (no row, and not named in {parent}/'s row)")
                continue
            for path in sorted(folder.glob("*.py")):
                if path.name not in ("__init__.py", "__main__.py") and f"`{path.stem}" not in rows[shown]:
                    missing.append(path.relative_to(ROOT).as_posix())
    assert missing == [], "docs/maintainers.md's package map does not name these"
