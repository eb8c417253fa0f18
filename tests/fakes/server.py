"""The plumbing every fake platform shares: a threaded HTTP server, a request log, fault injection.

Subclasses implement ``route`` (the platform's endpoints) and ``render_fault`` (what each
injected fault looks like on that platform's wire).
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """What a fake received, after parsing; ``params`` merges query string and form body."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    json: Any = None


@dataclass
class Reply:
    """What a fake sends back. ``body`` bytes are sent as-is; anything else as JSON."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=UTF-8"
    chunked_without_length: bool = False  # stream then close (used for the oversize fault)
    drop_connection: bool = False  # close the socket without answering


@dataclass
class Fault:
    """A fault to inject: fires on requests whose path contains ``match`` (and method).

    ``skip`` lets that many matching requests through first (so a fault can land in the
    middle of pagination); ``times`` is how many requests it then answers.
    """

    kind: str
    match: str | None = None
    method: str | None = None
    skip: int = 0
    times: int = 1
    options: dict[str, Any] = field(default_factory=dict)
    fired: int = 0

    def matches(self, request: Request) -> bool:
        """True when this fault applies to ``request`` (ignores skip/times)."""
        if self.method and self.method.upper() != request.method:
            return False
        return self.match is None or self.match in request.path


class _QuietHTTPServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a connector refusing a 10 MB body) is normal here.

    The standard server prints those tracebacks on stderr, which would pollute the output
    of the command-line tests that check for exactly one line of error.
    """

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        super().handle_error(request, client_address)


class FakeServer:
    """Base class: start/stop a background server; record requests and actions."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self.actions: list[tuple[str, ...]] = []
        self.faults: list[Fault] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``; valid once started."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        """Bind an ephemeral port on 127.0.0.1 and serve from a daemon thread."""
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._httpd = _QuietHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- faults --------------------------------------------------------------------------

    def inject(
        self,
        kind: str,
        *,
        match: str | None = None,
        method: str | None = None,
        skip: int = 0,
        times: int = 1,
        **options: Any,
    ) -> Fault:
        """Queue a fault; see the subclass's ``render_fault`` for the kinds it knows."""
        fault = Fault(kind, match, method, skip, times, options)
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Forget all queued faults."""
        with self.lock:
            self.faults.clear()

    def _take_fault(self, request: Request) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.fired >= fault.times or not fault.matches(request):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                fault.fired += 1
                return fault
        return None

    def record_action(self, *action: str) -> None:
        """Remember a state-changing call so tests can assert it happened exactly once."""
        with self.lock:
            self.actions.append(tuple(action))

    # -- dispatch ------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        """Log the request, fire a fault if one is due, else route it."""
        with self.lock:
            self.requests.append(request)
        fault = self._take_fault(request)
        if fault is not None:
            generic = _generic_fault(fault)
            return generic if generic is not None else self.render_fault(fault, request)
        with self.lock:
            return self.route(request)

    def route(self, request: Request) -> Reply:  # pragma: no cover - abstract
        """Answer a request the way the platform would."""
        raise NotImplementedError

    def render_fault(self, fault: Fault, request: Request) -> Reply:  # pragma: no cover
        """Render a platform-specific fault."""
        raise ValueError(f"unknown fault kind {fault.kind!r}")


def _generic_fault(fault: Fault) -> Reply | None:
    """Faults that look the same on every platform."""
    status = int(fault.options.get("status", 200))
    if fault.kind == "html":
        page = b"<!DOCTYPE html><html><body><h1>Sorry, something went wrong.</h1></body></html>"
        return Reply(status=status, body=page, content_type="text/html; charset=utf-8")
    if fault.kind == "truncated":
        return Reply(status=status, body=b'{"data": [{"id": "1", "message": "cut of')
    if fault.kind == "not_object":
        return Reply(status=status, body=b'["a", "list", "not", "an", "object"]')
    if fault.kind == "huge":
        size = int(fault.options.get("size", 11 * 1024 * 1024))
        filler = b'{"data": [], "padding": "' + b"x" * size + b'"}'
        return Reply(
            status=status,
            body=filler,
            chunked_without_length=bool(fault.options.get("no_length", True)),
        )
    if fault.kind == "disconnect":
        return Reply(drop_connection=True)
    return None


class _Handler(BaseHTTPRequestHandler):
    """Turns raw HTTP into ``Request`` objects and ``Reply`` objects back into bytes."""

    protocol_version = "HTTP/1.1"
    # One write per response and no Nagle: otherwise delayed ACKs add ~40 ms per request.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    server_owner: FakeServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Stay quiet: tests read ``requests`` instead."""

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body_json: Any = None
        content_type = self.headers.get("Content-Type", "")
        if raw and "application/x-www-form-urlencoded" in content_type:
            form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
            params.update({k: v[-1] for k, v in form.items()})
        elif raw and "json" in content_type:
            try:
                body_json = json.loads(raw)
            except ValueError:
                body_json = None
        request = Request(
            method=self.command,
            path=split.path,
            params=params,
            headers={k.lower(): v for k, v in self.headers.items()},
            json=body_json,
        )
        try:
            reply = self.server_owner.handle(request)
        except Exception as exc:  # noqa: BLE001 - a fake bug should show up as a 500
            reply = Reply(status=500, body={"error": {"message": f"fake crashed: {exc!r}"}})
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.drop_connection:
            self.close_connection = True
            return
        if isinstance(reply.body, bytes):
            payload = reply.body
        elif reply.body is None:
            payload = b""
        else:
            payload = json.dumps(reply.body).encode("utf-8")
        self.send_response(reply.status)
        if payload or reply.status != 204:
            self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.chunked_without_length:
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                for start in range(0, len(payload), 65536):
                    self.wfile.write(payload[start : start + 65536])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = _dispatch  # noqa: N815 - http.server naming
    do_POST = _dispatch  # noqa: N815
    do_DELETE = _dispatch  # noqa: N815
    do_PUT = _dispatch  # noqa: N815
