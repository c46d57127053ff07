"""Fixtures for the tooling's own tests (docs/maintainers.md, "Where a new test belongs").

Most tests run the plugin with `pytester` in this process, or call the CLI's
`kata.cli.main([...])` here, on a tiny kata written afresh (tiny_kata.py).
The few end-to-end tests (test_end_to_end.py) start real processes.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from kata.cli import run as runner
from kata.kitchen.live import KITCHEN_ENV, LiveKitchen

from .tiny_kata import TinyKata

LEARNER_PACKAGES = ("exercises", "solutions")


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("pytester"):
        config.pluginmanager.import_plugin("pytester")


@pytest.fixture(scope="session")
def shared_kitchen() -> Iterator[str]:
    """One live kitchen for every test run of this worker, handed to them in KATA_KITCHEN (reset before each test)."""
    live = LiveKitchen.start()
    yield live.url
    live.stop()


@pytest.fixture
def fresh_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learner's packages (`exercises`, `solutions`) forgotten, for this test: the tiny kata has its own."""
    for name in [n for n in sys.modules if n.split(".")[0] in LEARNER_PACKAGES]:
        monkeypatch.delitem(sys.modules, name)


@pytest.fixture
def kata(
    pytester: pytest.Pytester, shared_kitchen: str, fresh_modules: None, monkeypatch: pytest.MonkeyPatch
) -> TinyKata:
    """A tiny kata in pytester's folder (the current directory), stubs untouched; its runs use the shared kitchen."""
    monkeypatch.setenv(KITCHEN_ENV, shared_kitchen)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")  # as the CLI runs it: only the plugins the kata needs
    for name in ("KATA_SERVER", "KATA_TEAM", "KATA_TARGET", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return TinyKata(pytester.path)


@pytest.fixture
def learner_run(pytester: pytest.Pytester, kata: TinyKata) -> Any:
    """`learner_run(*args)`: the learner's run (`tox`), in this process: a `pytest.RunResult`."""

    def run(*args: str) -> pytest.RunResult:
        return pytester.runpytest_inprocess(
            "tests/exercises", "-p", "requests_mock", *args
        )  # the flags: pyproject.toml

    return run


@pytest.fixture
def cli(pytester: pytest.Pytester, kata: TinyKata, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`cli(*argv, input="")`: `kata ARGV` in this process, its child pytest runs too: (exit code, stdout, stderr).

    The runs the CLI would start in a child pytest (or in its own process, for `kata check`) run here with
    pytester, with the same arguments: what a verb prints around a run is the same either way.
    """

    def in_process(root: Path, args: list[str], **options: Any) -> runner.Run:
        kept = options.get("capture") or options.get("hold")
        shown = sys.stdout if not kept else io.StringIO()  # pytester echoes the run's output
        with contextlib.redirect_stdout(shown):
            result = pytester.runpytest_inprocess(*runner.PYTEST_ARGS, *args, plugins=list(options.get("plugins", ())))
        return runner.Run(returncode=int(result.ret), output=result.stdout.str() if kept else "")

    monkeypatch.setattr(runner, "run_pytest", in_process)
    monkeypatch.setattr(runner, "run_here", in_process)

    def run(*argv: str, input: str = "") -> tuple[int, str, str]:
        from kata.cli import main

        monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def kata_copy(
    pytester: pytest.Pytester, shared_kitchen: str, fresh_modules: None, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of the real kata's exercise trees and tests in pytester's folder, for tests about real exercises."""
    from .tiny_kata import ROOT

    monkeypatch.setenv(KITCHEN_ENV, shared_kitchen)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    for name in ("KATA_SERVER", "KATA_TEAM", "KATA_TARGET", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    ignored = shutil.ignore_patterns("__pycache__")
    for folder in ("exercises", "solutions", "tests/exercises"):
        shutil.copytree(ROOT / folder, pytester.path / folder, ignore=ignored)
    for name in ("catalogue.toml", "conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, pytester.path / name)
    return pytester.path


@dataclass
class Ran:
    returncode: int
    stdout: str


@pytest.fixture
def run_pytest(pytester: pytest.Pytester) -> Callable[..., Ran]:
    """`run_pytest(root, *args)`: pytest in this process in `kata_copy` (pytester's folder), as a learner runs it."""

    def run(root: Path, *args: str) -> Ran:
        assert root == pytester.path, "run_pytest runs in kata_copy"
        result = pytester.runpytest_inprocess("-p", "requests_mock", *args)
        return Ran(int(result.ret), result.stdout.str())

    return run


# The real kata cut down to its first three exercises, for the tests of a learner's install
# (test_learner_install*.py), which run it as a learner does.

NOT_COPIED = (
    "tests/server/",
    "tests/tooling/",
    "tests/browser/",
    "tests/answer_corpus/",
    "bench/",
    "tools/",
)


@pytest.fixture(scope="session")
def fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """`fresh_copy(source)`: a new copy of a kata folder, free to modify."""

    def copy(source: Path) -> Path:
        return Path(shutil.copytree(source, tmp_path_factory.mktemp("copy") / "kata"))

    return copy


@pytest.fixture(scope="session")
def small_kata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kata's tracked files, as a fresh clone has them, cut down to the first three exercises; do not modify it."""
    import re
    import subprocess

    from kata.catalogue import load

    from .tiny_kata import ROOT

    root = tmp_path_factory.mktemp("small") / "kata"
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith(NOT_COPIED):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    dropped = load(root).exercises[3:]
    catalogue = root / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8")
    starts = [match.start() for match in re.finditer(r"^\[\[exercises\]\]", text, flags=re.MULTILINE)]
    if len(starts) > 3:
        catalogue.write_text(text[: starts[3]], encoding="utf-8")
    for exercise in dropped:
        for path in (exercise.source("exercises"), exercise.source("solutions"), *exercise.test_files()):
            path.unlink(missing_ok=True)
    return root
