"""Which files a scan reads, and their text.

- Folders are walked without following symlinks, and a symlinked file is skipped too: its
  target, when it is inside the tree, is scanned under its own path (once), and a target
  outside the tree is never read.
- `.gitignore` files are respected (with the `pathspec` library, Git's own rules): those in
  the walked folders and in their parents up to the repository root, plus `.git/info/exclude`.
  The `.git` folder is never walked. Hidden files are scanned (`.env.example` is a place where
  model IDs live). A file named explicitly on the command line is scanned even if ignored, as
  Git and ripgrep do.
- Files larger than MAX_FILE_BYTES and files with a NUL byte in their first block (binary,
  Git's own test) are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from modelcat_registry.loader import read_plain_file

MAX_FILE_BYTES = 8 * 1024 * 1024
BINARY_SNIFF_BYTES = 8000


class PathError(Exception):
    """A path on the command line that does not exist."""


@dataclass(frozen=True, slots=True)
class _Ignore:
    """The patterns of one .gitignore, relative to its folder."""

    base: str  # the folder, absolute, with a trailing separator
    spec: pathspec.GitIgnoreSpec


def _read_ignore(folder: str, name: str = ".gitignore") -> _Ignore | None:
    path = os.path.join(folder, name)  # noqa: PTH118 (plain str paths in the walk: it is the hot loop)
    try:
        with open(path, "rb") as handle:  # noqa: PTH123
            lines = handle.read(MAX_FILE_BYTES).decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    return _Ignore(folder.rstrip(os.sep) + os.sep, pathspec.GitIgnoreSpec.from_lines(lines))


def _is_ignored(path: str, is_dir: bool, ignores: list[_Ignore]) -> bool:
    """Git's rule: the deepest .gitignore with a matching pattern decides."""
    for ignore in reversed(ignores):
        if not path.startswith(ignore.base):
            continue
        relative = path[len(ignore.base) :].replace(os.sep, "/") + ("/" if is_dir else "")
        decision = ignore.spec.check_file(relative).include
        if decision is not None:
            return decision
    return False


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _inherited_ignores(folder: Path) -> list[_Ignore]:
    """The .gitignore files that apply to folder from above it, shallowest first."""
    root = _repository_root(folder)
    if root is None:
        return []
    ignores = [_read_ignore(str(root / ".git" / "info"), "exclude")]
    if ignores[0] is not None:  # info/exclude patterns are relative to the repository root
        ignores[0] = _Ignore(str(root) + os.sep, ignores[0].spec)
    chain = [folder, *folder.parents]
    for parent in reversed(chain[1 : chain.index(root) + 1]):
        ignores.append(_read_ignore(str(parent)))
    return [ignore for ignore in ignores if ignore is not None]


def _walk(folder: str, ignores: list[_Ignore]) -> Iterator[str]:
    own = _read_ignore(folder)
    if own is not None:
        ignores = [*ignores, own]
    try:
        with os.scandir(folder) as entries:
            listed = sorted(entries, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in listed:
        if entry.is_symlink():
            continue
        if entry.is_dir():
            if entry.name == ".git" or _is_ignored(entry.path, True, ignores):
                continue
            yield from _walk(entry.path, ignores)
        elif entry.is_file() and not (ignores and _is_ignored(entry.path, False, ignores)):
            yield entry.path


def files_under(paths: list[str]) -> Iterator[str]:
    """Every file to scan under the paths, each once, folders walked in name order."""
    seen: set[str] = set()
    for raw in paths:
        given = Path(raw)
        if given.is_symlink():
            continue
        if not given.exists():
            raise PathError(f"{raw}: no such file or folder")
        absolute = given.absolute()
        if given.is_dir():
            found: Iterator[str] = _walk(str(absolute), _inherited_ignores(absolute))
        elif given.is_file():
            found = iter([str(absolute)])
        else:
            raise PathError(
                f"{raw}: not a regular file or folder (a FIFO, socket or device); give a file "
                "or folder to scan"
            )
        for path in found:
            if path not in seen:
                seen.add(path)
                yield path


def read_bytes(path: str) -> bytes | None:
    """The file's bytes, or None when it is unreadable, not a regular file, too large or
    binary. A FIFO or device named on the command line is not read: the open would block on
    a FIFO, and /dev/zero would be read until memory ran out."""
    data = read_plain_file(path, MAX_FILE_BYTES)
    if data is None or len(data) > MAX_FILE_BYTES or b"\0" in data[:BINARY_SNIFF_BYTES]:
        return None
    return data
