"""A fork server for the tooling tests' `python -m kata ...` and `python -m pytest ...` runs (POSIX).

A new interpreter spends about 0.4 s importing pytest, requests and flask before it
does anything; the tooling tests start dozens. The server imports those once, then
forks one child per run. The child takes over the caller's stdin, stdout and stderr
(passed over a Unix socket), its working folder, environment and arguments, and runs
the module as `python -m` does: nothing of the kata is imported before the fork, so
each run imports the copy's own `kata`, tests and exercises.

The caller still starts a real process, a small launcher (`python -I -S`, about 20 ms):

    python -I -S forkserver.py launch SOCKET MODULE ARGS...

It hands its stdio over, passes on the signals it gets, and ends as the child ends
(same exit status, or the same signal). If it is killed, the server kills the child.
When the server is not there, or the environment asks for something a fork cannot
give (another PYTHONPATH, say), the launcher runs the real `python -m MODULE` itself.

    python forkserver.py serve SOCKET    # prints "ready", serves until its stdin closes

The runs' own `python -m` children (kata watch's test runs, a kitchen) are started
through the server too. What a fork does not do: free every module at the end (the
child runs atexit, joins its threads, flushes and leaves), so a ResourceWarning that
only interpreter shutdown would print is not printed.

Only the standard library is imported at the top: the launcher runs without site-packages.
"""

from __future__ import annotations

import gc
import json
import os
import selectors
import signal
import socket
import struct
import sys
import traceback

HEADER = struct.Struct("!I")  # length of the JSON request that follows the header
FORWARDED_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
# Interpreter settings a forked child takes from the request's environment; any other PYTHON* variable
# that differs from the server's own means a real interpreter.
EMULATED = {"PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONUNBUFFERED"}
# Imported once by the server: third-party and standard modules the runs need, never the kata's own, and
# never a pytest plugin (`-p requests_mock`): pytest warns that it cannot rewrite asserts in those.
PRELOAD = (
    "pytest",
    "requests",
    "flask",
    "werkzeug.serving",
    "waitress",
    "watchdog.observers",
    "argparse",
    "ctypes",
    "difflib",
    "http.server",
    "json",
    "secrets",
    "subprocess",
    "tempfile",
    "tomllib",
    "tomli",  # Python < 3.11
    "uuid",
    "wsgiref.simple_server",
)


# The launcher -------------------------------------------------------------------------------------


def launch(path: str, module: str, args: list[str]) -> None:
    """Run `python -m MODULE ARGS` in a child of the server at `path`; end as that child ends."""
    real = [sys.executable, "-m", module, *args]
    try:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.connect(path)
        request = json.dumps({"module": module, "args": args, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
        socket.send_fds(server, [HEADER.pack(len(request))], [0, 1, 2])
        server.sendall(request)
        reader = server.makefile("r", encoding="utf-8")
        answer = reader.readline().split()
    except OSError:
        answer = []
    if not answer or answer[0] != "pid":
        os.execv(sys.executable, real)  # no server, or it cannot fork this run: the real thing

    child = int(answer[1])

    def pass_on(signum: int, frame: object) -> None:
        try:
            os.kill(child, signum)
        except ProcessLookupError:
            pass

    for name in FORWARDED_SIGNALS:
        signal.signal(getattr(signal, name), pass_on)
    ended = reader.readline().split()
    code = int(ended[1]) if ended and ended[0] == "exit" else 1
    if code < 0:  # the child was killed by a signal: so is the launcher, for its caller to see
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    os._exit(code)


# The server ---------------------------------------------------------------------------------------


def preload() -> None:
    import importlib
    import pkgutil

    import _pytest

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    for found in pkgutil.walk_packages(_pytest.__path__, "_pytest."):
        try:
            importlib.import_module(found.name)
        except ImportError:
            pass
    gc.collect()
    gc.freeze()  # the children's collections then leave these objects (and their shared pages) alone


def can_fork(env: dict[str, str]) -> bool:
    """Whether a forked child can stand in for a new interpreter started with `env`."""
    ours = {k: v for k, v in os.environ.items() if k.startswith("PYTHON") and k not in EMULATED}
    theirs = {k: v for k, v in env.items() if k.startswith("PYTHON") and k not in EMULATED}
    return ours == theirs


def read_request(connection: socket.socket) -> tuple[dict, list[int]]:
    """The launcher's request and its stdio fds (closed again here if the request is incomplete)."""
    connection.settimeout(5)
    head, fds, _flags, _address = socket.recv_fds(connection, HEADER.size, 3)
    try:
        while len(head) < HEADER.size:
            chunk = connection.recv(HEADER.size - len(head))
            if not chunk:
                raise OSError("the launcher went away")
            head += chunk
        (size,) = HEADER.unpack(head)
        body = b""
        while len(body) < size:
            chunk = connection.recv(size - len(body))
            if not chunk:
                raise OSError("the launcher went away")
            body += chunk
        connection.settimeout(None)
        return json.loads(body), fds
    except BaseException:
        close_all(fds)
        raise


def close_all(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)


class Server:
    """Forks a child per launcher's request; tells each launcher its child's pid, then its exit status."""

    def __init__(self, path: str) -> None:
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(64)
        self.wake_reader, self.wake_writer = socket.socketpair()  # SIGCHLD wakes the loop up through it
        self.wake_reader.setblocking(False)
        self.wake_writer.setblocking(False)
        signal.set_wakeup_fd(self.wake_writer.fileno())
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)
        self.selector = selectors.DefaultSelector()
        for source in (self.listener, self.wake_reader, sys.stdin):
            self.selector.register(source, selectors.EVENT_READ)
        self.running: dict[int, socket.socket] = {}  # child pid -> its launcher's connection

    def serve(self) -> tuple[dict, list[int]] | None:
        """Serve until stdin closes (returns None); in each forked child, return its request and stdio fds."""
        print("ready", flush=True)
        while True:
            for key, _events in self.selector.select():
                try:
                    if key.fileobj is self.listener:
                        forked = self.accept()
                        if forked is not None:
                            return forked
                    elif key.fileobj is self.wake_reader:
                        self.reap()
                    elif key.fileobj is sys.stdin:
                        if not os.read(sys.stdin.fileno(), 512):
                            self.kill(list(self.running))
                            return None
                    else:  # a launcher's connection is only ever readable when it closes: the launcher was killed
                        self.selector.unregister(key.fileobj)
                        self.kill([key.data])
                except Exception:  # one bad request must not take the server (and every later run) down
                    traceback.print_exc()

    def accept(self) -> tuple[dict, list[int]] | None:
        connection, _address = self.listener.accept()
        try:
            request, fds = read_request(connection)
        except (OSError, ValueError, struct.error):
            connection.close()
            return None
        if len(fds) != 3 or not can_fork(request["env"]):
            close_all(fds)
            with connection:
                connection.sendall(b"exec\n")
            return None
        pid = os.fork()
        if pid == 0:
            self.leave(connection)
            return request, fds
        close_all(fds)
        self.running[pid] = connection
        self.selector.register(connection, selectors.EVENT_READ, pid)
        connection.sendall(f"pid {pid}\n".encode())
        return None

    def leave(self, connection: socket.socket) -> None:
        """In a new child: drop everything of the server's."""
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        self.selector.close()
        for held in (self.listener, self.wake_reader, self.wake_writer, connection, *self.running.values()):
            held.close()

    def reap(self) -> None:
        try:
            while self.wake_reader.recv(512):
                pass
        except BlockingIOError:
            pass
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            connection = self.running.pop(pid, None)
            if connection is None:
                continue
            try:
                self.selector.unregister(connection)
            except KeyError:
                pass  # its launcher was gone already
            try:
                connection.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
            except OSError:
                pass
            connection.close()

    @staticmethod
    def kill(pids: list[int]) -> None:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def route_children(launcher: list[str]) -> None:
    """Start this run's own `python -m ...` children (kata watch's test runs, a kitchen) through the server too."""
    import subprocess

    start = subprocess.Popen.__init__

    def through_the_server(self: subprocess.Popen, args: object, *rest: object, **options: object) -> None:
        if isinstance(args, (list, tuple)) and len(args) > 2 and args[0] == sys.executable and args[1] == "-m":
            args = [*launcher, *args[2:]]
        start(self, args, *rest, **options)  # type: ignore[arg-type]

    subprocess.Popen.__init__ = through_the_server  # type: ignore[method-assign]


def become(request: dict, fds: list[int], launcher: list[str]) -> None:
    """Turn this forked child into `python -m MODULE ARGS` started in the request's folder and environment."""
    import importlib
    import io
    import runpy

    for number, fd in enumerate(fds):
        os.dup2(fd, number)
        if fd > 2:
            os.close(fd)
    env: dict[str, str] = request["env"]
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(env)
    sys.path[0] = request["cwd"]
    sys.dont_write_bytecode = bool(env.get("PYTHONDONTWRITEBYTECODE"))
    encoding, _, errors = env.get("PYTHONIOENCODING", "").partition(":")
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))

    def stream(fd: int, old: io.TextIOWrapper, write: bool, default_errors: str) -> io.TextIOWrapper:
        raw = io.FileIO(fd, "w" if write else "r", closefd=False)
        buffered = raw if write and unbuffered else (io.BufferedWriter(raw) if write else io.BufferedReader(raw))
        return io.TextIOWrapper(
            buffered,  # type: ignore[arg-type]
            encoding=encoding or old.encoding,
            errors=errors or default_errors,
            line_buffering=write and (fd == 2 or raw.isatty()),
            write_through=write and unbuffered,
        )

    sys.stdin = sys.__stdin__ = stream(0, sys.__stdin__, False, sys.__stdin__.errors)
    sys.stdout = sys.__stdout__ = stream(1, sys.__stdout__, True, sys.__stdout__.errors)
    sys.stderr = sys.__stderr__ = stream(2, sys.__stderr__, True, "backslashreplace")
    importlib.invalidate_caches()
    route_children(launcher)
    sys.argv = ["-m", *request["args"]]
    try:
        runpy._run_module_as_main(request["module"], alter_argv=True)  # type: ignore[attr-defined]
        code = 0
    except SystemExit as exit:
        code = exit_code(exit)
    except KeyboardInterrupt:
        traceback.print_exc()
        code = -signal.SIGINT
    except BaseException:
        traceback.print_exc()
        code = 1
    end(code)


def exit_code(exit: SystemExit) -> int:
    if exit.code is None or isinstance(exit.code, int):
        return exit.code or 0
    print(exit.code, file=sys.stderr)
    return 1


def end(code: int) -> None:
    """End as the interpreter does (threads joined, atexit, streams flushed), without freeing every module (slow)."""
    import atexit
    import threading

    shutdown = getattr(threading, "_shutdown", None)
    if shutdown is not None:
        shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    os._exit(code)


def main(argv: list[str]) -> None:
    if argv[0] == "launch":
        launch(argv[1], argv[2], argv[3:])
        return
    preload()
    forked = Server(argv[1]).serve()
    if forked is not None:
        become(*forked, launcher=[sys.executable, "-I", "-S", os.path.abspath(__file__), "launch", argv[1]])


if __name__ == "__main__":
    main(sys.argv[1:])
