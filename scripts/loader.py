"""Find and read catalog files: every file below a catalog folder becomes a parsed Document
that keeps the position of each key and value, or a problem saying why it cannot be read.

Layout (after models.dev): ``<catalog>/<provider>/provider.yaml`` and
``<catalog>/<provider>/models/<model-id>.yaml``; an ID with ``/`` is a sub-folder.
Reads never leave the catalog folder: symbolic links that point outside it or loop, folders
that are links, and anything that is not a regular file (a FIFO, a device) are reported, not
read.
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from modelcat_registry.fileio import loops, resolved
from modelcat_registry.problems import Problem
from modelcat_registry.yaml_source import (
    FILE_START,
    JsonPath,
    ParsedYaml,
    Span,
    parse_values,
    parse_yaml,
)

MAX_FILE_BYTES = 64 * 1024
PROVIDER_FILE = "provider.yaml"
MODELS_DIR = "models"
YAML_SUFFIX = ".yaml"
# The provider's newest capture of its model list (written by sync --write): JSON kept beside
# provider.yaml, not a catalog document.
CAPTURE_FILE = "capture.json"


class Kind(Enum):
    PROVIDER = "provider"
    MODEL = "model"
    UNEXPECTED = "unexpected"


def display_path(path: Path) -> str:
    """Paths in messages are relative to the current directory, with forward slashes; bytes
    of a file name that are not UTF-8 are shown as escapes (\\xff), so every output stays
    valid UTF-8."""
    try:
        shown = Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(slots=True)
class Document:
    """One catalog file as read from disk: its place in the layout and its parsed content."""

    path: Path
    kind: Kind
    provider_id: str
    expected_id: str
    text: str | None = None
    parsed: ParsedYaml | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def shown_path(self) -> str:
        return display_path(self.path)

    @property
    def mapping(self) -> dict[str, Any] | None:
        """The top-level mapping, or None when the file could not be read as one."""
        value = self.parsed.value if self.parsed else None
        return value if isinstance(value, dict) else None

    def span(self, path: JsonPath = ()) -> Span:
        return self.parsed.position(path) if self.parsed else FILE_START

    def key_span(self, path: JsonPath) -> Span:
        if self.parsed and path in self.parsed.key_nodes:
            return self.parsed.key_span(path)
        return self.span(path)

    def problem(self, span: Span, rule: str, message: str) -> Problem:
        return Problem(self.shown_path, span.line, span.column, rule, message)


def schema_modeline(relative_path: Path) -> str:
    """The yaml-language-server modeline for a file at relative_path below the catalog."""
    kind = "provider" if relative_path.name == PROVIDER_FILE else "model"
    up = "/".join([".."] * len(relative_path.parts))
    return f"# yaml-language-server: $schema={up}/schema/{kind}.schema.json"


def model_file(catalog_dir: Path, provider_id: str, model_id: str) -> Path:
    """Where a model's file belongs: the ID is the path, '/' makes sub-folders."""
    return catalog_dir / provider_id / MODELS_DIR / f"{model_id}{YAML_SUFFIX}"


Parts = tuple[str, ...]


def classify(parts: Parts) -> tuple[Kind, str, str]:
    """Kind, provider ID and expected ID of a file, from its path parts below the catalog."""
    provider_id = parts[0] if len(parts) > 1 else ""
    if len(parts) == 2 and parts[1] == PROVIDER_FILE:
        return Kind.PROVIDER, provider_id, provider_id
    if len(parts) >= 3 and parts[1] == MODELS_DIR and parts[-1].endswith(YAML_SUFFIX):
        model_id = "/".join(parts[2:])[: -len(YAML_SUFFIX)]
        return Kind.MODEL, provider_id, model_id
    return Kind.UNEXPECTED, provider_id, ""


def discover(catalog_dir: Path) -> list[tuple[Path, Parts]]:
    """Every entry below the catalog with its path parts, hidden ones aside, in a stable
    order. Folders that are symbolic links are listed (to be reported), never entered."""
    return [(Path(path), parts) for path, parts, _ in walk_catalog(catalog_dir)]


def walk_catalog(catalog_dir: Path) -> Iterator[tuple[str, Parts, bool]]:
    """discover's entries one at a time, each with whether it is a symbolic link (known from
    the folder listing, so a plain file costs no extra system call)."""
    for entry in _walk_folder(os.fspath(catalog_dir), ()):
        parts = entry[1]
        if len(parts) == 2 and parts[1] == CAPTURE_FILE:
            continue
        yield entry


def _walk_folder(folder: str, prefix: Parts) -> Iterator[tuple[str, Parts, bool]]:
    try:
        with os.scandir(folder) as listing:
            entries = [entry for entry in listing if not entry.name.startswith(".")]
    except OSError:
        return  # os.walk skipped unreadable folders too
    folders: list[str] = []
    listed: list[tuple[str, bool]] = []
    for entry in entries:
        linked = entry.is_symlink()
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder and not linked:
            folders.append(entry.name)
        else:
            listed.append((entry.name, linked))
    for name, linked in sorted(listed):
        yield f"{folder}{os.sep}{name}", (*prefix, name), linked
    for name in sorted(folders):
        yield from _walk_folder(f"{folder}{os.sep}{name}", (*prefix, name))


class UnreadableError(Exception):
    """Why a catalog path cannot be read; the message says what to do instead."""


def read_catalog_file(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file inside root, at most limit + 1 of them.

    Opening with O_NONBLOCK and checking the open file keeps a FIFO from blocking and a
    device such as /dev/zero from being read without end.
    """
    if path.is_symlink() and loops(path):
        raise UnreadableError("is a symbolic link that loops; replace it with the file itself")
    if path.is_symlink() and not resolved(path).is_relative_to(resolved(root)):
        raise UnreadableError(
            "is a symbolic link to a place outside the catalog; replace it with the file itself"
        )
    if path.is_symlink() and not path.exists():
        raise UnreadableError(
            "is a symbolic link to nothing (its target is missing); replace it with the file "
            "itself or delete it"
        )
    if path.is_dir():
        if path.is_symlink():
            raise UnreadableError(
                "is a symbolic link to a folder; catalog folders must be real folders"
            )
        raise UnreadableError("is a folder named like a catalog file; rename or remove it")
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:  # a dangling link, a permission
        reason = error.strerror or error.__class__.__name__
        raise UnreadableError(
            f"cannot be read ({reason}); fix its permissions or replace it with a regular file"
        ) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnreadableError("is not a regular file (a FIFO, socket or device); remove it")
        return handle.read(limit + 1)


def read_document(path: Path, parts: Parts, root: Path) -> Document:
    kind = classify(parts)[0]
    if kind is Kind.UNEXPECTED and not path.is_symlink():
        return parse_document(path, parts, b"")
    try:
        data = read_catalog_file(path, root)
    except UnreadableError as error:
        return unreadable_document(path, parts, error)
    return parse_document(path, parts, data)


def unreadable_document(path: Path, parts: Parts, error: UnreadableError) -> Document:
    kind, provider_id, expected_id = classify(parts)
    document = Document(path, kind, provider_id, expected_id)
    document.problems.append(document.problem(FILE_START, "unreadable", f"this path {error}"))
    return document


_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_plain_file(path: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes (at most limit + 1) of a file the folder listing showed is no symbolic link,
    in one open, one fstat and one read; None when it is anything but a readable regular
    file, for read_catalog_file to say why."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None
        return os.read(descriptor, min(status.st_size, limit) + 1)
    finally:
        os.close(descriptor)


def parse_values_only(path: Path, parts: Parts, data: bytes) -> Document | None:
    """The document data is at path, its values parsed without recording where each stands
    (no text, no nodes), or None when reading it has anything to report: that needs the
    positions, so parse_document must read it again."""
    kind, provider_id, expected_id = classify(parts)
    if kind is Kind.UNEXPECTED or len(data) > MAX_FILE_BYTES:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    parsed = parse_values(text)
    if parsed is None or not isinstance(parsed.value, dict):
        return None  # an empty file, a list, a problem
    return Document(path, kind, provider_id, expected_id, parsed=parsed)


def parse_document(path: Path, parts: Parts, data: bytes) -> Document:
    """The document that data would be at path (which need not exist yet)."""
    kind, provider_id, expected_id = classify(parts)
    document = Document(path, kind, provider_id, expected_id)
    if kind is Kind.UNEXPECTED:
        document.problems.append(document.problem(FILE_START, "unexpected-file", _misplaced(path)))
        return document
    if len(data) > MAX_FILE_BYTES:
        document.problems.append(
            document.problem(
                FILE_START,
                "file-too-large",
                f"file is larger than {MAX_FILE_BYTES:,} bytes, the most a catalog file may "
                "hold (an entry needs well under 4,000); shorten it",
            )
        )
        return document
    try:
        document.text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        document.problems.append(_encoding_problem(document, data, error))
        return document
    document.parsed = parse_yaml(document.text)
    document.problems.extend(
        document.problem(issue.span, issue.rule, issue.message) for issue in document.parsed.issues
    )
    if document.parsed.value is None and not document.parsed.issues:
        document.problems.append(
            document.problem(
                FILE_START,
                "empty-file",
                f"file is empty; write the {kind.value}'s fields (see schema/{kind.value}"
                ".schema.json) or delete the file",
            )
        )
    elif document.parsed.value is not None and document.mapping is None:
        document.problems.append(
            document.problem(
                document.span(),
                "not-a-mapping",
                f"the top level must be a mapping of field names to values (`id: ...`), "
                f"not a {_yaml_type_name(document.parsed.value)}",
            )
        )
    return document


def _misplaced(path: Path) -> str:
    if path.suffix == ".yml":
        return f"catalog files end in .yaml; rename it to {path.stem}.yaml"
    return (
        "not part of the catalog layout: files belong at <provider>/provider.yaml or "
        "<provider>/models/<model-id>.yaml; move or delete it"
    )


def _encoding_problem(document: Document, data: bytes, error: UnicodeDecodeError) -> Problem:
    before = data[: error.start]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return Problem(
        document.shown_path,
        line,
        column,
        "encoding",
        f"file is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8",
    )


def _yaml_type_name(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


@dataclass(slots=True)
class LoadedCatalog:
    """Every document of a catalog folder, parsed, with the problems reading them raised."""

    root: Path
    documents: list[Document]

    def of_kind(self, kind: Kind) -> list[Document]:
        return [d for d in self.documents if d.kind is kind]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Parsing leaves hundreds of thousands of small, acyclic objects alive (values and the
    nodes that hold their positions); the cyclic collector would rescan them again and again
    while finding nothing to free, which costs more than the parsing itself."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_documents(catalog_dir: Path) -> LoadedCatalog:
    with collector_paused():
        documents = [
            read_document(path, parts, catalog_dir) for path, parts in discover(catalog_dir)
        ]
    return LoadedCatalog(catalog_dir, documents)
