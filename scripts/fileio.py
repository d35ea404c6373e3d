"""Atomic file writes confined to a root folder: a reader never sees half a file, a crash
never leaves one, and no path (through '..' or a symbolic link) lands outside the root."""

from __future__ import annotations

import errno
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future


class OutsideRootError(Exception):
    """The target resolves outside the folder the command may write to."""


def resolved(path: Path) -> Path:
    """path with its symbolic links followed, as far as they lead. Unlike Path.resolve (which
    raises RuntimeError on Python 3.11), a link that loops is left as it stands, so a path
    through a loop stays where it was written; `loops` tells whether it does."""
    return Path(os.path.realpath(path))


def loops(path: Path) -> bool:
    """Whether following path's links never ends (a link to itself, `a -> b` and `b -> a`)."""
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def confined(root: Path, path: Path) -> Path:
    """path, after checking that it and every folder on the way resolve inside root."""
    resolved_root = resolved(root)
    target = resolved(path.parent) / path.name if path.parent.exists() else resolved(path)
    if path.is_symlink() or not target.is_relative_to(resolved_root):
        raise OutsideRootError(
            f"refusing to write {path}: it resolves outside {root} (a symbolic link or '..')"
        )
    return path


def write_atomic(path: Path, content: bytes) -> None:
    """Write content to path through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, content, existed=path.exists())


_TEMPORARY_NUMBERS = itertools.count()
_NEW_FILE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _replace(path: Path, content: bytes, existed: bool) -> None:
    # The temporary file is created with the usual mode (0666 less the umask), so a new file
    # needs no chmod; a file that existed keeps its own mode. Its name is unique per process
    # and write, and O_EXCL refuses any file or link already there.
    while True:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{next(_TEMPORARY_NUMBERS)}.tmp")
        try:
            descriptor = os.open(temporary, _NEW_FILE_FLAGS, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        if existed:
            temporary.chmod(path.stat().st_mode & 0o777)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _check_parents(root: Path, path: Path) -> None:
    """Every existing folder between root and path must be a real folder inside root."""
    resolved_root = resolved(root)
    folder = path.parent
    while folder != root and folder.parent != folder:
        _check_folder(folder, path, root, resolved_root)
        folder = folder.parent


def _check_folder(folder: Path, path: Path, root: Path, resolved_root: Path) -> None:
    if folder.is_symlink() and loops(folder):
        raise OutsideRootError(
            f"refusing to write {path}: {folder} is a symbolic link that loops; replace it "
            "with a real folder"
        )
    if folder.exists() and (
        folder.is_symlink() or not resolved(folder).is_relative_to(resolved_root)
    ):
        raise OutsideRootError(
            f"refusing to write {path}: {folder} leads outside {root} (a symbolic link); "
            "replace it with a real folder"
        )


def write_atomic_within(root: Path, path: Path, content: bytes) -> None:
    _check_parents(root, path)
    write_atomic(confined(root, path), content)


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


class ConfinedWriter:
    """Writes many files below root, each only if its content changed, checking and creating
    each folder on the way once: a site of thousands of files in thousands of folders would
    otherwise resolve the same folders again for each of them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved_root = resolved(root)
        self._ready: set[Path] = set()  # real folders inside root, checked (or made) here

    def write_if_changed(self, path: Path, content: bytes) -> bool:
        if path.parent not in self._ready:
            self._prepare(path)
        elif path.is_symlink():  # the folder is inside root; only the file itself may leave it
            confined(self.root, path)
        current = _current(path)
        if current == content:
            return False
        _replace(path, content, existed=current is not None)
        return True

    def _prepare(self, path: Path) -> None:
        """Check the folders from the nearest checked one (or root) down to path's, then make
        what is missing. Below a real folder inside root, a folder that is no symbolic link
        is inside root too, so each folder is looked at once."""
        unchecked: list[Path] = []
        folder = path.parent
        while folder not in self._ready and folder != self.root and folder.parent != folder:
            unchecked.append(folder)
            folder = folder.parent
        for each in reversed(unchecked):
            _check_folder(each, path, self.root, self._resolved_root)
        confined(self.root, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._ready.update(unchecked)
        self._ready.add(path.parent)  # root itself, when the file is written straight into it


class BackgroundWriter:
    """A ConfinedWriter in a thread of its own: the caller goes on rendering while the file
    system creates the files, which on a busy disk can take longer than rendering them. Files
    are written in the order given; after the first error no more are, and finish() raises it."""

    def __init__(self, root: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor  # a thread only where one is used

        self._writer = ConfinedWriter(root)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="modelcat-writer")
        self._pending: list[Future[bool]] = []
        self._failed = False

    def write_if_changed(self, path: Path, content: bytes) -> None:
        self._pending.append(self._pool.submit(self._write, path, content))

    def _write(self, path: Path, content: bytes) -> bool:
        if self._failed:
            return False
        try:
            return self._writer.write_if_changed(path, content)
        except BaseException:
            self._failed = True
            raise

    def finish(self) -> int:
        """Wait for every write; the number of files written (changed)."""
        try:
            return sum(future.result() for future in self._pending)
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pending.clear()
