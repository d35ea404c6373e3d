"""The one catalog loader every command uses: find the files, read and parse them, and turn
the valid ones into typed providers and models.

Layout (after models.dev): ``<catalog>/<provider>/provider.yaml`` and
``<catalog>/<provider>/models/<model-id>.yaml``; an ID with ``/`` is a sub-folder.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from scripts.problems import Problem
from scripts.yaml_source import FILE_START, JsonPath, ParsedYaml, Span, parse_yaml

MAX_FILE_BYTES = 64 * 1024
PROVIDER_FILE = "provider.yaml"
MODELS_DIR = "models"
YAML_SUFFIX = ".yaml"

STATUSES = ("production", "preview", "coming-soon", "offline", "deprecated")
NOT_EXPECTED_LIVE = frozenset({"coming-soon", "offline"})


class Kind(Enum):
    PROVIDER = "provider"
    MODEL = "model"
    UNEXPECTED = "unexpected"


def display_path(path: Path) -> str:
    """Paths in messages are relative to the current directory, with forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


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
    """Every file below the catalog with its path parts, hidden ones aside, in a stable order."""
    found: list[tuple[Path, Parts]] = []
    for root, dirs, files in os.walk(catalog_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = os.path.relpath(root, catalog_dir)
        prefix: Parts = () if relative == "." else tuple(Path(relative).parts)
        found.extend(
            (Path(root, name), (*prefix, name))
            for name in sorted(files)
            if not name.startswith(".")
        )
    return found


def read_document(path: Path, parts: Parts) -> Document:
    kind, provider_id, expected_id = classify(parts)
    if kind is Kind.UNEXPECTED:
        return parse_document(path, parts, b"")
    try:
        data = path.read_bytes()
    except OSError as error:  # a dangling link, a permission, a folder named *.yaml
        document = Document(path, kind, provider_id, expected_id)
        reason = error.strerror or error.__class__.__name__
        document.problems.append(
            document.problem(
                FILE_START,
                "unreadable",
                f"cannot read the file ({reason}); fix "
                "its permissions or replace it with a regular file",
            )
        )
        return document
    return parse_document(path, parts, data)


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
                f"file is {len(data):,} bytes; catalog files may be at most "
                f"{MAX_FILE_BYTES:,} bytes (an entry needs well under 2,000)",
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


def load_documents(catalog_dir: Path) -> LoadedCatalog:
    # Parsing leaves hundreds of thousands of small, acyclic objects alive (values and the
    # nodes that hold their positions); the cyclic collector would rescan them again and
    # again while finding nothing to free, which costs more than the parsing itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        documents = [read_document(path, parts) for path, parts in discover(catalog_dir)]
    finally:
        if collecting:
            gc.enable()
    return LoadedCatalog(catalog_dir, documents)


# Typed objects: built only from documents that passed validation.


@dataclass(frozen=True, slots=True)
class TemporaryLimit:
    context_window: int
    note: str


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    api_base: str
    api_key_env: str
    docs_url: str
    source: Path


@dataclass(frozen=True, slots=True)
class Model:
    provider: str
    id: str
    name: str
    status: str
    source: Path
    developer: str | None = None
    callable_id: bool = True
    needs_review: bool = False
    input_modalities: tuple[str, ...] = ()
    output_modalities: tuple[str, ...] = ()
    context_window: int | None = None
    max_output_tokens: int | None = None
    temporary_limit: TemporaryLimit | None = None
    max_file_size_mb: int | None = None
    model_card: str | None = None
    deprecation_date: str | None = None
    replacement: str | None = None
    notes: str | None = None

    @property
    def context_window_in_force(self) -> int | None:
        """What the API serves now: the temporary limit where one applies."""
        if self.temporary_limit:
            return self.temporary_limit.context_window
        return self.context_window

    @property
    def expected_live(self) -> bool:
        """Whether the provider's /models list should contain this model."""
        return self.callable_id and self.status not in NOT_EXPECTED_LIVE

    def to_dict(self) -> dict[str, Any]:
        """The catalog fields, in the file's key order, without empty ones."""
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "developer": self.developer,
            "status": self.status,
        }
        if not self.callable_id:
            data["callable_id"] = False
        if self.needs_review:
            data["needs_review"] = True
        if self.input_modalities:
            data["modalities"] = {
                "input": list(self.input_modalities),
                "output": list(self.output_modalities),
            }
        data |= {
            "context_window": self.context_window,
            "max_output_tokens": self.max_output_tokens,
            "temporary_limit": (
                {
                    "context_window": self.temporary_limit.context_window,
                    "note": self.temporary_limit.note,
                }
                if self.temporary_limit
                else None
            ),
            "max_file_size_mb": self.max_file_size_mb,
            "model_card": self.model_card,
            "deprecation_date": self.deprecation_date,
            "replacement": self.replacement,
            "notes": self.notes,
        }
        return {key: value for key, value in data.items() if value is not None}


def provider_from(document: Document) -> Provider:
    data = document.mapping or {}
    return Provider(
        id=data["id"],
        name=data["name"],
        api_base=data["api_base"],
        api_key_env=data["api_key_env"],
        docs_url=data["docs_url"],
        source=document.path,
    )


def model_from(document: Document) -> Model:
    data = document.mapping or {}
    modalities = data.get("modalities", {})
    limit = data.get("temporary_limit")
    return Model(
        provider=document.provider_id,
        id=data["id"],
        name=data["name"],
        status=data["status"],
        source=document.path,
        developer=data.get("developer"),
        callable_id=data.get("callable_id", True),
        needs_review=data.get("needs_review", False),
        input_modalities=tuple(modalities.get("input", ())),
        output_modalities=tuple(modalities.get("output", ())),
        context_window=data.get("context_window"),
        max_output_tokens=data.get("max_output_tokens"),
        temporary_limit=TemporaryLimit(**limit) if limit else None,
        max_file_size_mb=data.get("max_file_size_mb"),
        model_card=data.get("model_card"),
        deprecation_date=data.get("deprecation_date"),
        replacement=data.get("replacement"),
        notes=data.get("notes"),
    )


@dataclass(frozen=True, slots=True)
class Catalog:
    """A valid catalog: providers by ID and their models, sorted by provider then model ID."""

    root: Path
    providers: dict[str, Provider]
    models: tuple[Model, ...]

    def models_of(self, provider_id: str) -> list[Model]:
        return [m for m in self.models if m.provider == provider_id]

    def find(self, provider_id: str, model_id: str) -> Model | None:
        return next(
            (m for m in self.models if m.provider == provider_id and m.id == model_id), None
        )


def build_catalog(loaded: LoadedCatalog) -> Catalog:
    providers = {d.provider_id: provider_from(d) for d in loaded.of_kind(Kind.PROVIDER)}
    models = sorted(
        (model_from(d) for d in loaded.of_kind(Kind.MODEL)), key=lambda m: (m.provider, m.id)
    )
    return Catalog(loaded.root, providers, tuple(models))
