"""Fixtures for the tooling's own tests: copies of the kata, and pytest run in them as a learner runs it."""

from __future__ import annotations

import compileall
import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

from kata.kitchen import KITCHEN_ENV, LiveKitchen

ROOT = Path(__file__).resolve().parents[2]
FORKSERVER = Path(__file__).with_name("forkserver.py")
Runner = Callable[..., "subprocess.CompletedProcess[str]"]
PythonM = Callable[..., "list[str]"]


# Tracked folders a learner's run never reads: the copies go without them (each file costs a copy per test).
NOT_COPIED = ("tests/server/", "tests/tooling/", "tests/browser/", "bench/", "tools/", ".github/", ".devcontainer/")


def _copy_tracked_files(destination: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith(NOT_COPIED):
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the copies of the kata go: in memory (/dev/shm) where there is one, else pytest's temporary folder.

    Making files is most of what a copy costs, and on this project's CI disk it is 3-4 times slower.
    The copies in memory are removed when the session ends, or by the next session if this one was killed.
    """
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        yield tmp_path_factory.mktemp("copies")
        return
    for left in memory.glob("kata-tests-*-*"):
        pid = left.name.split("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    root = Path(tempfile.mkdtemp(prefix=f"kata-tests-{os.getpid()}-", dir=memory))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's
    return True


@pytest.fixture(scope="session")
def copy_kata(scratch: Path) -> Callable[[Path], Path]:
    """`copy_kata(source)`: a new copy of a kata folder, free to modify."""

    def copy(source: Path) -> Path:
        return Path(shutil.copytree(source, Path(tempfile.mkdtemp(dir=scratch)) / "kata"))

    return copy


@pytest.fixture(scope="session")
def pristine_kata(scratch: Path) -> Path:
    """One copy of the kata's tracked files, as a fresh clone has them (but for NOT_COPIED); do not modify it.

    Its Python files are compiled once here: the copies made from it keep their bytecode (their
    files keep their times), so the runs in them do not each compile the kata again.
    """
    root = _copy_tracked_files(Path(tempfile.mkdtemp(prefix="pristine-", dir=scratch)) / "kata")
    for folder in ("kata", "mock_server", "exercises", "solutions"):
        compileall.compile_dir(str(root / folder), quiet=1, workers=1)
    return root


@pytest.fixture
def kata_copy(pristine_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    """A learner's copy of the kata with untouched stubs, free to modify."""
    return copy_kata(pristine_kata)


@pytest.fixture(scope="session")
def shared_kitchen() -> Iterator[str]:
    """One live kitchen for the test runs this worker starts, handed to them in KATA_KITCHEN.

    Each run would otherwise start its own (flask and the app: a third of a run's start-up). The
    tests reset it before each use, as always. Tests of the ways a run gets its own kitchen pass
    `env={KITCHEN_ENV: ""}`.
    """
    live = LiveKitchen.start()
    yield live.url
    live.stop()


@pytest.fixture(scope="session")
def child_env(shared_kitchen: str) -> dict[str, str]:
    """The environment of every `kata` and `pytest` run the tooling tests start."""
    return {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", KITCHEN_ENV: shared_kitchen}


@pytest.fixture(scope="session")
def python_m(child_env: dict[str, str]) -> Iterator[PythonM]:
    """The command line for `python -m MODULE ARGS`: `python_m("kata", "check", "1")`.

    On POSIX it goes through a fork server (see forkserver.py): the run is the same, its start-up
    is a fork of a process that has imported pytest, requests and flask already. Set
    KATA_TESTS_FORK=0 to start every run as a new interpreter.
    """
    server = _start_forkserver(child_env) if os.environ.get("KATA_TESTS_FORK", "1") != "0" else None
    if server is None:
        yield lambda module, *args: [sys.executable, "-m", module, *args]
        return
    process, socket_path = server
    yield lambda module, *args: [sys.executable, "-I", "-S", str(FORKSERVER), "launch", socket_path, module, *args]
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()  # the server ends when its stdin closes
    process.wait(timeout=10)
    process.stdout.close()
    shutil.rmtree(Path(socket_path).parent, ignore_errors=True)


def _start_forkserver(env: dict[str, str]) -> tuple[subprocess.Popen[str], str] | None:
    if sys.platform == "win32" or not hasattr(os, "fork"):
        return None
    socket_path = str(Path(tempfile.mkdtemp(prefix="kata-fork-")) / "socket")
    process = subprocess.Popen(
        [sys.executable, str(FORKSERVER), "serve", socket_path],
        cwd=Path(socket_path).parent,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 30)
    if ready and process.stdout.readline().strip() == "ready":
        return process, socket_path
    process.kill()
    process.communicate()
    return None


@pytest.fixture(scope="session")
def run_pytest(child_env: dict[str, str], python_m: PythonM) -> Runner:
    """Run `python -m pytest ARGS` in a kata folder, plain text output: `run_pytest(root, *args)`."""

    def run(
        root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        # Only the plugins the kata needs, as `kata check` runs it: whatever else this environment
        # has installed (hypothesis, schemathesis ...) costs seconds of start-up per run.
        return subprocess.run(
            python_m("pytest", "-p", "requests_mock", *args),
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**child_env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", **(env or {})},
        )

    return run


@pytest.fixture(scope="session")
def run_kata(child_env: dict[str, str], python_m: PythonM) -> Runner:
    """Run the `kata` command (`python -m kata ARGS`) in a kata folder, plain text output: `run_kata(root, *args)`."""

    def run(
        root: Path, *args: str, input: str = "", env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            python_m("kata", *args),
            cwd=root,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**child_env, **(env or {})},
        )

    return run


class Served:
    """`kata serve ARGS` running in a subprocess; `lines` fills as it prints."""

    def __init__(self, command: list[str], root: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=lambda: self.lines.extend(self.process.stdout or ()), daemon=True)
        self._reader.start()

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, seconds: float = 15) -> str | None:
        """The first line printed with `text` in it; None if none comes in time (or the server ends)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = next((line for line in list(self.lines) if text in line), None)
            if found is not None or self.process.poll() is not None:
                return found
            time.sleep(0.02)
        return None

    def stop(self) -> None:
        """Ctrl+C (SIGTERM on Windows), as a facilitator stops it; killed if it does not end in 10 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT if sys.platform != "win32" else signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self._reader.join(5)
            if self.process.stdout is not None:
                self.process.stdout.close()


@pytest.fixture(scope="session")
def serving(python_m: PythonM) -> Callable[..., contextlib.AbstractContextManager[Served]]:
    """`with serving(root, *args, env=...) as served:` `kata serve ARGS` in `root`, stopped when the block ends."""

    @contextlib.contextmanager
    def serve(root: Path, *args: str, env: dict[str, str]) -> Iterator[Served]:
        served = Served(python_m("kata", "serve", *args), root, env)
        try:
            yield served
        finally:
            served.stop()

    return serve


@pytest.fixture(scope="session")
def small_kata(pristine_kata: Path, copy_kata: Callable[[Path], Path]) -> Path:
    """A copy of the kata cut down to its first three exercises (whole-kata runs stay quick); do not modify it.

    The other exercises' stubs, solutions and tests are gone too: every copy made from it is smaller.
    """
    from kata.catalogue import load

    root = copy_kata(pristine_kata)
    dropped = load(root).exercises[3:]
    catalogue = root / "catalogue.toml"
    text = catalogue.read_text(encoding="utf-8")
    starts = [match.start() for match in re.finditer(r"^\[\[exercises\]\]", text, flags=re.MULTILINE)]
    if len(starts) > 3:
        catalogue.write_text(text[: starts[3]], encoding="utf-8")
    for exercise in dropped:
        for path in (exercise.source("exercises"), exercise.source("solutions"), exercise.test_file()):
            path.unlink()
            for compiled in path.parent.glob(f"__pycache__/{path.stem}.*.pyc"):
                compiled.unlink()
    return root
