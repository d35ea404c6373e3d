"""The list of files the last `modelcat generate` wrote into the docs folder, so that the next
run (or `--clean`) deletes what it no longer writes: the pages of removed models."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from modelcat_registry.fileio import ConfinedWriter, resolved

MANIFEST = ".generated"


def record(out_dir: Path, paths: Iterable[str]) -> None:
    manifest = "".join(f"{path}\n" for path in sorted(paths)).encode()
    ConfinedWriter(out_dir).write_if_changed(out_dir / MANIFEST, manifest)


def listed(out_dir: Path) -> set[str]:
    """The paths the last `modelcat generate` wrote, relative to out_dir (none without a
    manifest)."""
    manifest = out_dir / MANIFEST
    if not manifest.is_file():
        return set()
    return {path for path in manifest.read_text(errors="replace").splitlines() if path}


def remove_stale(out_dir: Path, current: set[str]) -> int:
    """Delete what the manifest lists and current does not; the number deleted."""
    stale = sorted(listed(out_dir) - current)
    root = resolved(out_dir)
    inside: dict[Path, bool] = {}
    removed = 0
    emptied: set[Path] = set()
    for relative in stale:
        # The manifest is a file in the docs folder that anyone could edit: delete only
        # regular files (no symbolic link) in folders that really are inside the docs folder.
        if relative.startswith("/") or ".." in relative.split("/"):
            continue
        path = out_dir / relative
        folder = path.parent
        if folder not in inside:
            inside[folder] = resolved(folder).is_relative_to(root)
        if not inside[folder] or not _is_regular_file(path):
            continue
        path.unlink()
        removed += 1
        emptied.add(folder)
    # Deepest first, once each: a folder is looked at when all its files are gone.
    for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):
        _prune_empty_parents(folder, out_dir)
    return removed


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def clean(out_dir: Path) -> int:
    """Delete every generated file (make clean)."""
    removed = remove_stale(out_dir, set())
    (out_dir / MANIFEST).unlink(missing_ok=True)
    return removed


def _prune_empty_parents(folder: Path, stop: Path) -> None:
    # rmdir itself refuses a folder that is not empty (or not a folder): one call, not three.
    while folder != stop:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
