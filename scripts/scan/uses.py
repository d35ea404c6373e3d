"""Every use of a catalog model ID under some paths: read each file, match, place.

Large trees are split across one worker process per CPU (forked, so each starts with the
matcher already built), as ripgrep uses one thread per CPU; small ones, such as the files
of one commit in a pre-commit hook, are read in this process, where a pool would cost more
than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from modelcat_registry.loader import display_path
from modelcat_registry.scan.matcher import Hit, Matcher
from modelcat_registry.scan.paths import files_under, read_bytes

PARALLEL_FROM_FILES = 1000
CHUNKS_PER_WORKER = 8


@dataclass(frozen=True, slots=True)
class Uses:
    hits: list[tuple[str, Hit]]  # (path as shown, hit)
    files_scanned: int


_worker_matcher: Matcher | None = None


def _scan_chunk(paths: Sequence[str]) -> tuple[list[tuple[str, list[Hit]]], int]:
    """(file, its hits) for the files with any, and how many files were read."""
    matcher = _worker_matcher
    assert matcher is not None
    found: list[tuple[str, list[Hit]]] = []
    scanned = 0
    for path in paths:
        data = read_bytes(path)
        if data is None:
            continue
        scanned += 1
        hits = list(matcher.hits(data))
        if hits:
            found.append((path, hits))
    return found, scanned


def _workers() -> int:
    available = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return len(available) if available else os.cpu_count() or 1


def _shown_paths() -> Callable[[str], str]:
    """Absolute path → as shown (relative to the current folder, forward slashes); the
    common case, a path below the current folder, without pathlib's cost per file."""
    here = str(Path.cwd()).rstrip(os.sep) + os.sep
    slashes = os.sep != "/"

    def shown(path: str) -> str:
        if not path.startswith(here):
            return display_path(Path(path))
        relative = path[len(here) :]
        return relative.replace(os.sep, "/") if slashes else relative

    return shown


def find_uses(paths: Sequence[str], matcher: Matcher) -> Uses:
    """Raises scripts.scan.paths.PathError for a path that does not exist."""
    global _worker_matcher  # what forked workers inherit
    _worker_matcher = matcher
    files = list(files_under(list(paths)))
    workers = _workers()
    if len(files) < PARALLEL_FROM_FILES or workers < 2 or sys.platform != "linux":
        results = [_scan_chunk(files)]
    else:
        size = max(1, len(files) // (workers * CHUNKS_PER_WORKER))
        chunks = [files[start : start + size] for start in range(0, len(files), size)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            results = list(pool.map(_scan_chunk, chunks))
    hits: list[tuple[str, Hit]] = []
    shown = _shown_paths()
    for found, _scanned in results:
        for path, file_hits in found:
            hits.extend((shown(path), hit) for hit in file_hits)
    return Uses(hits, sum(scanned for _found, scanned in results))
