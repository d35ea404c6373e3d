"""A stand-in for a provider's model list on 127.0.0.1, for tests and benchmarks.

By default it behaves like Groq's endpoint: `GET {prefix}/models` with the right bearer key
returns `{"object": "list", "data": [...]}`; a wrong or missing key gets Groq's 401 error body.
Another provider's wire format is a `Wire` (tests/provider_wires.py has one per dialect): the
list's path, how the key is checked, the provider's own error body, and how pages are served.
Tests script faults by queueing replies (status, headers, body, delay, dropped connection, raw
header lines such as a stacked Content-Encoding or a redirect's Location, a body without a
Content-Length); it can serve over TLS with a certificate from a throwaway CA (trustme).
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted answer; body None means the model list."""

    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop_connection: bool = False
    trickle_seconds: float = 0.0  # send the body one byte at a time, this far apart
    # Header lines sent as they are, after the others (a name may repeat).
    raw_headers: tuple[tuple[str, str], ...] = ()
    # False: no Content-Type and no Content-Length; the body ends when the connection closes.
    default_headers: bool = True


@dataclass(frozen=True, slots=True)
class SeenRequest:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


UNAUTHORIZED = json.dumps(
    {
        "error": {
            "message": "Invalid API Key",
            "type": "invalid_request_error",
            "code": "invalid_api_key",
        }
    }
).encode()


class Wire:
    """How a provider's list answers: Groq's, unless a subclass says otherwise."""

    path = "/models"  # below the prefix

    def authorized(self, headers: dict[str, str], query: dict[str, str], key: str) -> bool:
        return headers.get("authorization") == f"Bearer {key}"

    def unauthorized(self) -> Reply:
        return Reply(401, UNAUTHORIZED)

    def page(self, models: list[dict[str, Any]], query: dict[str, str]) -> bytes:
        return json.dumps({"object": "list", "data": models}).encode()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # many concurrent clients (one per provider) connect at once

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up mid-reply (timeouts under test) are expected


class LoopbackProvider:
    def __init__(
        self,
        models: list[dict[str, Any]],
        api_key: str,
        prefix: str = "/openai/v1",
        tls: ssl.SSLContext | None = None,
        delay: float = 0.0,
        wire: Wire | None = None,
    ) -> None:
        self.models = models
        self.wire = wire or Wire()
        self.api_key = api_key
        self.prefix = prefix.rstrip("/")
        self.delay = delay
        self.replies: deque[Reply] = deque()
        self.seen: list[SeenRequest] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._scheme = "https" if tls else "http"
        # A short poll interval: shutdown() waits for the next poll (0.5 s by default), a cost
        # every test that starts a server paid again.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def origin(self) -> str:
        return f"{self._scheme}://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return self.origin + self.prefix

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def __enter__(self) -> LoopbackProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_reply(self, target: str, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.seen.append(SeenRequest(target, headers, time.monotonic()))
            if self.replies:
                reply = self.replies.popleft()
                if reply.body is not None:
                    return reply
                return replace(reply, body=self._list_body(target))
        path, _, query_text = target.partition("?")
        if path != f"{self.prefix}{self.wire.path}":
            error = {"message": "Unknown request URL", "type": "invalid_request_error"}
            return Reply(404, json.dumps({"error": error}).encode())
        query = dict(parse_qsl(query_text, keep_blank_values=True))
        if not self.wire.authorized(headers, query, self.api_key):
            return self.wire.unauthorized()
        return Reply(delay=self.delay, body=self.wire.page(self.models, query))

    def _list_body(self, target: str) -> bytes:
        query = dict(parse_qsl(target.partition("?")[2], keep_blank_values=True))
        return self.wire.page(self.models, query)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: with Nagle's algorithm the body waits for
            # the client's delayed ACK (40 ms on Linux), which made a 100-page list take 5 s.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = provider._next_reply(self.path, headers)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop_connection:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                body = reply.body if reply.body is not None else b""
                self.send_response(reply.status)
                if reply.default_headers:
                    reply_headers = {"Content-Type": "application/json", **reply.headers}
                else:
                    reply_headers = {**reply.headers, "Connection": "close"}
                    self.close_connection = True
                for name, value in [*reply_headers.items(), *reply.raw_headers]:
                    self.send_header(name, value)
                if reply.default_headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if reply.trickle_seconds:
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(reply.trickle_seconds)
                else:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def groq_like_item(model_id: str, **fields: Any) -> dict[str, Any]:
    """A list item shaped like Groq's (id, object, created, owned_by, active, context_window,
    public_apps, max_completion_tokens)."""
    return {
        "id": model_id,
        "object": "model",
        "created": 1693721698,
        "owned_by": fields.pop("owned_by", "Meta"),
        "active": fields.pop("active", True),
        "context_window": fields.pop("context_window", 8192),
        "public_apps": None,
        **fields,
    }
