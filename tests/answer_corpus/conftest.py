"""The corpus runner: every answer of the corpus put in place of its solution and run against its exercise's tests.

`tests/answer_corpus/<exercise_name>/{wrong,valid}_<slug>.py` is a complete module that could stand in for
`solutions/<chapter>/<exercise_name>.py`. Its first line says what it is (`# wrong: <the mistake>` or
`# valid: <the idiom>`); a wrong answer's second line is `# expect: <text>`, which the failure output of
one of its exercise's tests must contain (the message names the mistake).

Each answer file is one test (`test_corpus.py`), named after the file. With `--dist loadgroup` one worker
runs all the answers of an exercise, and they run together, in ONE pytest session in this process
(`pytest.main`, as pytester's in-process runs do), when the first of them is asked for: the `CorpusRunner`
plugin runs each exercise test once per answer of that exercise, with an `exercise` fixture that hands out
the answer's module, and records the reports instead of logging them. A wrong answer stops at the first
failure whose output holds its `# expect:` text; a valid one at its first failure. The live tests talk to
this worker's kitchen.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest
from _pytest.runner import runtestprotocol

from kata.catalogue import Catalogue, Exercise, load
from kata.learner.modules import ExerciseModule

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = Path(__file__).resolve().parent  # one folder per exercise, beside this runner
KINDS = ("wrong", "valid")


@dataclass
class Answer:
    """One answer of the corpus, and what happened to it."""

    path: Path
    exercise: str  # the exercise's name, e.g. ex03_is_it_open
    kind: str  # "wrong" or "valid"
    says: str  # the first line's text: the mistake, or the idiom
    expect: str | None  # a wrong answer's `# expect:` text
    ran: int = 0
    failures: list[str] = field(default_factory=list)  # "<test id>: <failure text>"
    caught_by: str | None = None  # the test whose failure output holds `expect`

    @property
    def shown(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def done(self) -> bool:
        """Nothing more to learn from running further tests."""
        return self.caught_by is not None if self.kind == "wrong" else bool(self.failures)


class BadAnswerFile(Exception):
    """An answer file does not follow the corpus format."""


def read_answer(path: Path) -> Answer:
    """The answer at `path`, its header checked (BadAnswerFile says what is wrong)."""
    kind = path.name.split("_", 1)[0]
    if kind not in KINDS or not path.name.endswith(".py"):
        raise BadAnswerFile(f"{path.name}: name it wrong_<slug>.py or valid_<slug>.py")
    lines = [*path.read_text(encoding="utf-8").splitlines(), "", ""]
    first, second = lines[0], lines[1]
    if not first.startswith(f"# {kind}: ") or not first[len(kind) + 4 :].strip():
        raise BadAnswerFile(f"its first line must be `# {kind}: <{'the mistake' if kind == 'wrong' else 'the idiom'}>`")
    expect = None
    if kind == "wrong":
        if not second.startswith("# expect: ") or not second[10:].strip():
            raise BadAnswerFile("its second line must be `# expect: <text the failure output must contain>`")
        expect = second[10:].strip()
    return Answer(path, path.parent.name, kind, first[len(kind) + 4 :].strip(), expect)


def answer_files() -> list[Path]:
    """Every answer file of the corpus, in a stable order."""
    found = sorted(ANSWERS.glob("ex*/*.py"))
    if not found:  # a corpus that vanished must not pass as a corpus with nothing wrong in it
        raise RuntimeError(f"no answer found under {ANSWERS}: the corpus has moved or is gone")
    return found


def load_answer(answer: Answer) -> ModuleType:
    """The answer as a module of its own (registered in sys.modules while it runs: dataclasses need that)."""
    name = f"kata_corpus.{answer.exercise}.{answer.path.stem}"
    spec = importlib.util.spec_from_file_location(name, answer.path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def failure_text(report: pytest.TestReport) -> str:
    """All a learner would read of a failed report: the message and the added sections (the journal)."""
    parts = [report.longreprtext]
    parts += [f"{title}\n{text}" for title, text in report.sections if not title.startswith("Captured")]
    return "\n".join(parts)


class CorpusRunner:
    """A plugin for the corpus's own session: each exercise test runs once per answer of its exercise."""

    def __init__(self, answers: list[Answer], catalogue: Catalogue, seconds: float) -> None:
        self.catalogue = catalogue
        self.seconds = seconds
        self.by_exercise: dict[str, list[Answer]] = {}
        for answer in answers:
            self.by_exercise.setdefault(answer.exercise, []).append(answer)
        self.modules: dict[Path, ModuleType | BaseException] = {}
        self.current: Answer | None = None

    def pytest_configure(self, config: pytest.Config) -> None:
        # Registered now, after the kata's plugin, so that this `exercise` fixture overrides the plugin's.
        config.pluginmanager.register(AnswerFixture(self), "kata-corpus-exercise")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool:
        exercise = self.catalogue.for_test_file(item.path)
        for answer in self.by_exercise.get(exercise.name if exercise else "", []):
            if answer.done:
                continue
            self.current = answer
            answer.ran += 1
            for report in runtestprotocol(item, nextitem=nextitem, log=False):
                if report.failed:
                    text = failure_text(report)
                    answer.failures.append(f"{item.nodeid.split('::', 1)[-1]} ({report.when}): {text}")
                    if answer.expect is not None and answer.expect in text and answer.caught_by is None:
                        answer.caught_by = item.nodeid.split("::", 1)[-1]
        self.current = None
        return True

    def module_for(self, answer: Answer) -> ModuleType:
        if answer.path not in self.modules:
            try:
                self.modules[answer.path] = load_answer(answer)
            except Exception as error:  # an answer that cannot even be imported fails every test, saying why
                self.modules[answer.path] = error
        loaded = self.modules[answer.path]
        if isinstance(loaded, BaseException):
            pytest.fail(f"{answer.shown} cannot be imported: {type(loaded).__name__}: {loaded}", pytrace=False)
        return loaded


class AnswerFixture:
    """The corpus session's `exercise` fixture: the current answer's module, guarded like a learner's."""

    def __init__(self, runner: CorpusRunner) -> None:
        self.runner = runner

    @pytest.fixture
    def exercise(self, request: pytest.FixtureRequest) -> ExerciseModule:
        """The answer under test, standing in for its exercise's solution."""
        answer = self.runner.current
        meta: Exercise | None = self.runner.catalogue.for_test_file(request.node.path)
        assert answer is not None and meta is not None
        return ExerciseModule(self.runner.module_for(answer), meta, "solutions", self.runner.seconds)


def run_corpus(answers: list[Answer], kitchen_url: str, seconds: float) -> int:
    """Run the answers against their exercises' tests in one in-process session; returns pytest's exit code."""
    catalogue = load(ROOT)
    wanted = {answer.exercise for answer in answers}
    files = [str(path) for e in catalogue.exercises if e.name in wanted for path in e.test_files()]
    runner = CorpusRunner(answers, catalogue, seconds)
    args = [*files, "--target", "solutions", "--no-focus", "-q", "-p", "no:xdist", "-p", "no:randomly"]
    args += ["--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"), "--capture=sys"]
    saved_modules = set(sys.modules)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KATA_KITCHEN", kitchen_url)
        patch.delenv("KATA_SERVER", raising=False)
        try:
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                code = int(pytest.main(args, plugins=[runner]))
            if code not in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
                raise RuntimeError(f"the corpus's session ended with exit code {code}:\n{printed.getvalue()}")
            return code
        finally:
            for name in set(sys.modules) - saved_modules:
                if name.startswith("kata_corpus."):
                    del sys.modules[name]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One test per answer file (those matching the glob in KATA_ANSWERS, if set), grouped by exercise."""
    if "answer_file" not in metafunc.fixturenames:
        return
    pattern = os.environ.get("KATA_ANSWERS", "*/*.py")
    chosen = [path for path in answer_files() if path.relative_to(ANSWERS).match(pattern)]
    metafunc.parametrize(
        "answer_file",
        [
            # with --dist loadgroup one worker runs an exercise's answers: one session for all of them
            pytest.param(path, id=path.relative_to(ANSWERS).as_posix(), marks=pytest.mark.xdist_group(path.parent.name))
            for path in chosen
        ],
    )


class CorpusRuns:
    """The runs of this worker: each exercise's answers run once, in one session, when the first is asked for."""

    def __init__(self, kitchen_url: str, seconds: float) -> None:
        self.kitchen_url = kitchen_url
        self.seconds = seconds
        self.pattern = os.environ.get("KATA_ANSWERS", "*/*.py")
        self.done: dict[Path, Answer] = {}

    def answer(self, path: Path) -> Answer:
        """The answer at `path`, run with every chosen answer of its exercise (BadAnswerFile if not one)."""
        if path not in self.done:
            answers = []
            for other in sorted(path.parent.glob("*.py")):
                if other.relative_to(ANSWERS).match(self.pattern):
                    try:
                        answers.append(read_answer(other))
                    except BadAnswerFile:
                        continue  # its own test says what is wrong with it
            if answers:
                run_corpus(answers, self.kitchen_url, self.seconds)
            self.done.update((answer.path, answer) for answer in answers)
        if path not in self.done:
            read_answer(path)  # raises BadAnswerFile, saying what is wrong with it
        return self.done[path]


@pytest.fixture(scope="session")
def corpus_runs(request: pytest.FixtureRequest, kitchen_server: str) -> CorpusRuns:
    """This worker's runs of the corpus, an exercise at a time, against this worker's kitchen."""
    return CorpusRuns(kitchen_server, float(request.config.getini("kata_time_limit")))


def verdict(answer: Answer) -> str:
    """One line: what this answer's run showed (printed with -rP)."""
    if answer.kind == "wrong":
        return f"{answer.shown}: wrong ({answer.says}), caught by {answer.caught_by}"
    return f"{answer.shown}: valid ({answer.says}), {answer.ran} test(s) passed"


def outcome(answer: Answer) -> str | None:
    """What is wrong with this answer's run, or None when it did what its first line says."""
    if answer.ran == 0:
        return f"{answer.shown}: no test of {answer.exercise} ran (is the folder named after an exercise?)"
    if answer.kind == "valid" and answer.failures:
        return f"{answer.shown} is a valid answer ({answer.says}), but a test refused it:\n" + answer.failures[0]
    if answer.kind == "wrong" and not answer.failures:
        return f"{answer.shown} is wrong ({answer.says}), but every test of {answer.exercise} passed."
    if answer.kind == "wrong" and answer.caught_by is None:
        shown = "\n---\n".join(answer.failures[:3])
        return (
            f"{answer.shown} is wrong ({answer.says}) and failed, but no failure output says {answer.expect!r}."
            f"\n{len(answer.failures)} failure(s), the first ones:\n{shown}"
        )
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "xdist_group(name): with --dist loadgroup, one worker runs the group")
