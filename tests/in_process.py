"""`modelcat ARGS` run inside the test process: the same `main(argv)` as the console script,
with its own working folder, environment, stdout and stderr, but without a process start and a
catalog load per run. Fuzz tests run it hundreds of times; a subprocess would cost 0.3 s each.

It runs in a thread of its own, as the console script runs in a thread with no event loop.
Only what `main` lets escape is caught here: SystemExit (argparse's usage errors, --help,
--version) becomes its exit code; any other exception propagates, so a test that runs a
command this way fails on what would have been a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from modelcat_registry.cli import main


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@contextlib.contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with changes applied (None removes a variable), restored afterwards."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        _apply(changes)
        yield
    finally:
        _apply(saved)


def _apply(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def run_main(
    args: Sequence[str], cwd: Path, env: Mapping[str, str | None] | None = None
) -> Outcome:
    """`modelcat ARGS` from cwd with env changes; its exit code and what it printed."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        environment(env or {}),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            # In a thread of its own: a browser test's Playwright keeps an event loop running
            # in the test thread, where `sync`'s asyncio.run would refuse to start.
            with ThreadPoolExecutor(max_workers=1) as worker:
                code = worker.submit(main, list(args)).result()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return Outcome(code, stdout.getvalue(), stderr.getvalue())
