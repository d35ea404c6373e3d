"""`make serve`: check that the address is free, then become `mkdocs serve` on it.

MkDocs reports a busy port with a traceback; this says it in one sentence, with the ADDR=
to use instead. Usage: python -m modelcat_registry.site.serve [HOST:PORT] (default 127.0.0.1:8000).
"""

from __future__ import annotations

import errno
import os
import socket
import sys

DEFAULT_ADDR = "127.0.0.1:8000"
EXIT_USAGE = 2


class AddressError(Exception):
    """The address cannot be served; the message says what to run instead."""


QUIET_ENV = "NO_MKDOCS_2_WARNING"


def parse_addr(addr: str) -> tuple[str, int]:
    host, _, port_text = addr.rpartition(":")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise AddressError(
            f"{addr!r} is not a HOST:PORT address; run make serve ADDR={DEFAULT_ADDR}"
        )
    return host.strip("[]"), int(port_text)


def _is_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # The same option the server sets, so a port in TIME_WAIT does not count as busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return False
            raise AddressError(
                f"cannot listen on {host}:{port} ({error.strerror}); run make serve "
                f"ADDR={DEFAULT_ADDR}"
            ) from None
    return True


def check_addr(addr: str) -> tuple[str, int]:
    host, port = parse_addr(addr)
    if _is_free(host, port):
        return host, port
    nearby = next(
        (
            candidate
            for candidate in range(port + 1, min(port + 50, 65536))
            if _is_free(host, candidate)
        ),
        None,
    )
    instead = f"{host}:{nearby}" if nearby else f"{host}:PORT with a free PORT"
    raise AddressError(f"port {port} on {host} is in use; run make serve ADDR={instead}")


def main(argv: list[str]) -> int:
    addr = argv[0] if argv else DEFAULT_ADDR
    try:
        check_addr(addr)
    except AddressError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_USAGE
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr, *argv[1:]]
    # Material for MkDocs prints an end-of-life notice on every build: the project knows (the
    # site builds with Zensical, its successor, too: make site ENGINE=zensical), and a notice
    # on every live reload would bury the build's own messages.
    environment = {**os.environ, QUIET_ENV: "1"}
    os.execve(sys.executable, command, environment)  # noqa: S606 (exec, no shell: our arguments)
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
