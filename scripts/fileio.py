"""Atomic file writes confined to a root folder: a reader never sees half a file, a crash
never leaves one, and no path (through '..' or a symbolic link) lands outside the root."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutsideRootError(Exception):
    """The target resolves outside the folder the command may write to."""


def confined(root: Path, path: Path) -> Path:
    """path, after checking that it and every folder on the way resolve inside root."""
    resolved_root = root.resolve()
    target = (path.parent.resolve() / path.name) if path.parent.exists() else path.resolve()
    if path.is_symlink() or not target.is_relative_to(resolved_root):
        raise OutsideRootError(
            f"refusing to write {path}: it resolves outside {root} (a symbolic link or '..')"
        )
    return path


def write_atomic(path: Path, content: bytes) -> None:
    """Write content to path through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        # mkstemp creates the file 0600; keep the mode the file had, or the usual 0644.
        temporary.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _check_parents(root: Path, path: Path) -> None:
    """Every existing folder between root and path must be a real folder inside root."""
    resolved_root = root.resolve()
    folder = path.parent
    while folder != root and folder.parent != folder:
        if folder.exists() and (
            folder.is_symlink() or not folder.resolve().is_relative_to(resolved_root)
        ):
            raise OutsideRootError(
                f"refusing to write {path}: {folder} leads outside {root} (a symbolic link)"
            )
        folder = folder.parent


def write_atomic_within(root: Path, path: Path, content: bytes) -> None:
    _check_parents(root, path)
    write_atomic(confined(root, path), content)


def write_if_changed(path: Path, content: bytes, root: Path | None = None) -> bool:
    """Write only when the content differs (keeps `mkdocs serve` from rebuilding for nothing)."""
    if root is not None:
        _check_parents(root, path)
        confined(root, path)
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, content)
    return True
