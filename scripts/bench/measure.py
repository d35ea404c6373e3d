"""Whole-process timing for `make bench`: wall time, the process's own peak memory, and the
machine's load at the moment, for commands compared side by side.

Compared commands run alternated (A B C A B C ...), so a change in machine load moves every
command of a comparison alike instead of one block of runs. Each command runs once untimed
first, so Python's bytecode cache is warm as it is for a user, and the median is reported.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Command = Sequence[str]


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, with the children it waited for (sh -c ... && ...)
    peak_rss_mb: float
    load: float  # 1-minute load average when the run started
    stdout: str


@dataclass(frozen=True, slots=True)
class Figure:
    """The median of several runs of one command."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    load: float
    runs: int
    stdout: str


# A user's Python writes and reuses bytecode caches: a development shell or CI runner that
# turns them off (PYTHONDONTWRITEBYTECODE) would make every run compile every module again.
USER_ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}


def run(command: Command, cwd: Path, env: Mapping[str, str] | None = None) -> Run:
    """One whole process: wall time and its own peak resident memory (wait4's rusage)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**USER_ENVIRONMENT, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if code != 0:
        shown = " ".join(str(part) for part in command[:5])
        raise SystemExit(f"bench: `{shown} ...` exited {code}:\n{stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, load, stdout)  # ru_maxrss is KiB on Linux


def alternated(
    commands: Mapping[str, Command],
    cwd: Path,
    runs: int,
    *,
    warm: bool = True,
    env: Mapping[str, str] | None = None,
) -> dict[str, Figure]:
    """Each command once untimed (if warm), then `runs` rounds of every command in turn."""
    if warm:
        for command in commands.values():
            run(command, cwd, env)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run(command, cwd, env))
    return {name: summarize(found) for name, found in results.items()}


def summarize(found: list[Run]) -> Figure:
    return Figure(
        seconds=statistics.median(r.seconds for r in found),
        cpu_seconds=statistics.median(r.cpu_seconds for r in found),
        peak_rss_mb=statistics.median(r.peak_rss_mb for r in found),
        load=statistics.median(r.load for r in found),
        runs=len(found),
        stdout=found[-1].stdout,
    )
