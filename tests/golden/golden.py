"""Golden outputs: a learner's mistake, run as the learner runs it, and the whole focused screen pinned as text.

A case is `tests/golden/<exercise_name>/<slug>.txt`, the screen of one mistake. Its answer (a complete module
standing in for the learner's `exercises/<chapter>/<exercise_name>.py`) is `<slug>.py` beside it, or else the
answer of the same name in `tests/answer_corpus/<exercise_name>/` (the corpus's wrong answers are mistakes
learners make; they need not be copied). Each case runs in this process (`pytest.main`, like `kata check N`:
`--target exercises --kata-one`, the learner's flags from pyproject.toml) at 100 columns with NO_COLOR, the
answer compiled under the exercise's own file name, so the screen names the file the learner edits.
Ports, durations and the kata's folder are normalised. `python tools/pin_golden.py` re-pins them all.
"""

from __future__ import annotations

import contextlib
import io
import linecache
import os
import re
import shutil
import sys
import sysconfig
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata.catalogue import Catalogue, load

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
CORPUS = ROOT / "tests" / "answer_corpus"
WIDTH = 100


@dataclass(frozen=True)
class Case:
    """One pinned mistake: its exercise, its answer's file and its screen's file."""

    exercise: str
    slug: str
    answer: Path
    screen: Path

    @property
    def name(self) -> str:
        return f"{self.exercise}/{self.slug}"


def cases() -> list[Case]:
    """Every case, in a stable order (a screen without an answer is a case that fails to run)."""
    found = []
    for screen in sorted(GOLDEN.glob("ex*/*.txt")):
        exercise, slug = screen.parent.name, screen.stem
        own = screen.with_suffix(".py")
        answer = own if own.is_file() else CORPUS / exercise / f"{slug}.py"
        found.append(Case(exercise, slug, answer, screen))
    return found


class AnswerInPlace:
    """A plugin: the learner's module of the case's exercise is the case's answer, under the exercise's file name."""

    def __init__(self, catalogue: Catalogue, case: Case, scratch: Path) -> None:
        self.exercise = catalogue.find(case.exercise)
        self.answer = case.answer
        self.scratch = scratch

    @staticmethod
    def holds_tests(source: str) -> bool:
        return re.search(r"^def test_", source, re.MULTILINE) is not None

    def on_disk(self, source: str) -> Path:
        """The answer written under a scratch root, at the exercise's own path (`normalise` maps it back)."""
        path = self.scratch / self.exercise.source("exercises").relative_to(ROOT)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        return path

    @pytest.hookimpl(trylast=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        from kata.learner.modules import broken, relative
        from kata.testrun.plugin import LEARNER_KEY

        modules = config.stash[LEARNER_KEY]
        filename = str(self.exercise.source("exercises"))
        source = self.answer.read_text(encoding="utf-8")
        stub = self.exercise.source("exercises").read_text(encoding="utf-8")
        if self.holds_tests(stub):  # chapter 10: the desks run the learner's file from disk, so it must be there
            filename = str(self.on_disk(source))
        lines = source.splitlines(keepends=True)
        linecache.cache[filename] = (len(source), None, lines, filename)  # the answer's lines, not the stub's
        name = f"exercises.{self.exercise.module}"
        module = types.ModuleType(name)
        module.__file__ = filename
        sys.modules[name] = module  # dataclasses look their module up
        try:
            exec(compile(source, filename, "exec"), module.__dict__)
        except Exception as error:  # a case whose answer does not import: said as `kata check` says it
            modules.imported[self.exercise.module] = broken(error, relative(filename, ROOT), ROOT)
        else:
            modules.imported[self.exercise.module] = module


def normalise(text: str, root: Path = ROOT) -> str:
    """The screen without what changes from run to run: ports, durations, the kata's folder."""
    text = text.replace(str(root), "<kata>")
    # Python 3.13 renamed two reason phrases (RFC 9110): pinned in the new words, whatever Python runs.
    renamed = (("Unprocessable Entity", "Unprocessable Content"), ("Request Entity Too Large", "Content Too Large"))
    for old, new in renamed:
        text = text.replace(old, new)
    text = re.sub(r"(127\.0\.0\.1|localhost):\d+", r"\1:PORT", text)
    text = re.sub(r"\b\d+\.\d+s\b", "N.NNs", text)
    text = re.sub(r"\(\d+:\d\d:\d\d\)", "", text)
    text = re.sub(r"\d+\.\d seconds of real time", "N.N seconds of real time", text)
    text = re.sub(r"-+ Captured stderr call -+\n(127\.0\.0\.1 - - \[[^\n]*\n)+", "", text)  # a server's log: timing
    text = re.sub(r"\[\d\d/\w{3}/\d{4} \d\d:\d\d:\d\d\]", "[DATE]", text)  # a server's log line
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", text)
    text = re.sub(r"(Bearer ?)[\w.~+/-]{8,}=*", r"\1<token>", text)  # tokens the kitchen or a test made up
    text = re.sub(r"'[\w-]{32}'", "'<token>'", text)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + "\n"


def run_case(case: Case, kitchen_url: str) -> str:
    """The learner's screen for this case, normalised."""
    catalogue = load(ROOT)
    exercise = catalogue.find(case.exercise)
    test_files = [path.relative_to(ROOT).as_posix() for path in exercise.test_files()]
    from kata.cli.run import PYTEST_ARGS

    args = [*PYTEST_ARGS, *test_files, "--kata-one", "-p", "no:xdist", "-p", "no:randomly"]
    args += ["--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"), "--capture=sys"]
    saved_modules = set(sys.modules)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_KITCHEN", kitchen_url)
        patch.setenv("NO_COLOR", "1")
        patch.setenv("COLUMNS", str(WIDTH))
        patch.delenv("KATA_SERVER", raising=False)
        patch.delenv("TOX_ENV_NAME", raising=False)  # printed commands as `kata ...`: its folder first on PATH
        patch.delenv("UV", raising=False)
        patch.setenv("PATH", sysconfig.get_path("scripts") + os.pathsep + os.environ.get("PATH", ""))
        patch.delenv("FORCE_COLOR", raising=False)
        patch.delenv("PY_COLORS", raising=False)
        patch.chdir(ROOT)
        # the learner's run keeps a notepad (its `drawn:` line is on the screen): in a temporary folder, not .kata/
        notepad = tempfile.mkdtemp(prefix="kata-golden-notepad-")
        patch.setenv("KATA_NOTEPAD", notepad)
        printed = io.StringIO()
        scratch = Path(tempfile.mkdtemp(prefix="kata-golden-answer-"))
        try:
            with contextlib.redirect_stdout(printed):
                pytest.main(args, plugins=[AnswerInPlace(catalogue, case, scratch)])
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.rmtree(notepad, ignore_errors=True)
            linecache.cache.pop(str(exercise.source("exercises")), None)
            for name in set(sys.modules) - saved_modules:
                if name.startswith("exercises"):
                    del sys.modules[name]
    text = printed.getvalue()
    for scratch_root in {str(scratch.resolve()), str(scratch)}:  # the learner's file, as a learner's run names it
        text = text.replace(scratch_root + os.sep, "").replace(scratch_root + "/", "")
    return normalise(text)


@contextlib.contextmanager
def a_kitchen(url: str | None = None):  # type: ignore[no-untyped-def]
    """A live kitchen's base URL: `url` if given, else one started in a thread for the block."""
    if url:
        yield url
        return
    from kata.kitchen.live import LiveKitchen

    live = LiveKitchen.start()
    try:
        yield live.url
    finally:
        live.stop()


def screens(kitchen_url: str, only: str = "") -> dict[Case, str]:
    """Every case's screen (those whose name holds `only`)."""
    return {case: run_case(case, kitchen_url) for case in cases() if only in case.name}
