"""The notepad's page, served live on loopback (`kata watch`): it redraws itself after every run.

`GET /` is the page of the last run, `GET /stamp` a word that changes with each run saved: the page asks
for it four times a second and fetches `GET /page` when it changed. Only 127.0.0.1 listens, and only
requests naming it (or localhost) in their Host are answered, so no other site can read it by rebinding.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kata import host
from kata.notepad.page import CSP, render
from kata.notepad.store import Notepad, folder_of


class LivePage:
    """The live page of one kata's notepad, in a thread of this process."""

    def __init__(self, notepad: Notepad, host: str = "127.0.0.1", port: int = 0) -> None:
        self.notepad = notepad
        handler = type("Handler", (_Handler,), {"notepad": notepad})
        self.server = ThreadingHTTPServer((host, port), handler)
        self.server.daemon_threads = True
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @classmethod
    def start(cls, root: Path) -> LivePage:
        page = cls(Notepad(folder_of(root)))
        page.thread.start()
        return page

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        host.join(self.thread, 2)


class _Handler(BaseHTTPRequestHandler):
    notepad: Notepad
    server_version = "kata-notepad"
    sys_version = ""

    def do_GET(self) -> None:  # http.server's name
        port = self.server.server_address[1]  # type: ignore[index]  # an (address, port) pair: AF_INET
        if self.headers.get("Host", "") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            self._send(421, "text/plain", b"This page answers only on 127.0.0.1.\n")
            return
        path = self.path.split("?", 1)[0]
        if path == "/stamp":
            self._send(200, "text/plain", self.notepad.stamp().encode())
        elif path in ("/", "/page"):
            stamp = self.notepad.stamp()
            text = render(self.notepad.last_run(), live=True, stamp=stamp)
            self._send(200, "text/html; charset=utf-8", text.encode("utf-8", "replace"))
        else:
            self._send(404, "text/plain", b"Not here: the notepad is at /\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass
