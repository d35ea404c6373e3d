"""`sync --write`: fix drifted values in place and add stub files for new models.

Edits use the character offsets the loader keeps, so only the changed value's text is
replaced: comments, key order and the formatting of every other line stay byte for byte.
A file is written (atomically) only if it still validates afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scripts.catalog import (
    Document,
    Kind,
    LoadedCatalog,
    Provider,
    model_file,
    parse_document,
)
from scripts.drift.compare import INACTIVE_STATUS, NEWLY_LIVE_STATUS, Change, ProviderDrift
from scripts.fileio import write_atomic
from scripts.scaffold import entry_text
from scripts.schemas import is_valid_id, load_schema
from scripts.validation import document_problems
from scripts.yaml_source import yaml_scalar


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    path: Path
    action: str  # created, updated or skipped
    detail: str


@dataclass(frozen=True, slots=True)
class TextEdit:
    start: int
    end: int
    replacement: str


def edits_for(document: Document, change: Change) -> list[TextEdit]:
    """The smallest text edits that make the document say what the live API reports."""
    assert document.parsed is not None and document.text is not None
    path = tuple(change.field.split("."))
    if path == ("temporary_limit", "context_window"):
        full_window = (document.mapping or {}).get("context_window")
        if isinstance(full_window, int) and change.live >= full_window:
            return _end_temporary_limit(document, full_window, change.live)
    replacement = yaml_scalar(change.live)
    if document.parsed.has_value(path):
        span = document.parsed.value_span(path)
        return [TextEdit(span.start, span.end, replacement)]
    offset = _insertion_offset(document, path[0])
    prefix = "" if offset == 0 or document.text[offset - 1] == "\n" else "\n"
    return [TextEdit(offset, offset, f"{prefix}{path[0]}: {replacement}\n")]


def _end_temporary_limit(document: Document, full_window: int, live: int) -> list[TextEdit]:
    """The API serves the full window again: the temporary limit is over, remove its block."""
    text = document.text or ""
    key = document.parsed.key_span(("temporary_limit",))
    block_end = _end_of_value_line(text, document.parsed.value_span(("temporary_limit",)).end)
    edits = [TextEdit(key.start, block_end, "")]
    if live > full_window:
        window = document.parsed.value_span(("context_window",))
        edits.append(TextEdit(window.start, window.end, str(live)))
    return edits


def _insertion_offset(document: Document, key: str) -> int:
    """After the last present key that precedes key in the schema's field order."""
    text = document.text or ""
    order = list(load_schema("model")["properties"])
    present = [k for k in order[: order.index(key)] if document.parsed.has_value((k,))]
    if not present:
        return min(document.parsed.key_span(path).start for path in document.parsed.key_paths())
    return _end_of_value_line(text, document.parsed.value_span((present[-1],)).end)


def _end_of_value_line(text: str, end: int) -> int:
    """Where the line holding a value's end stops (after its comment and newline)."""
    if end == 0 or text[end - 1] == "\n":
        return end  # block values already end at the start of the next line
    newline = text.find("\n", end)
    return len(text) if newline == -1 else newline + 1


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def stub_text(provider: Provider, item: dict[str, Any], relative: Path, today: date) -> str:
    """A schema-valid entry from what the API reports, marked for human review."""
    fields: dict[str, Any] = {
        "id": item["id"],
        "name": item["id"],
        "developer": item.get("owned_by") or provider.name,
        "status": INACTIVE_STATUS if item.get("active") is False else NEWLY_LIVE_STATUS,
        "needs_review": True,
    }
    for live_key, field in (
        ("context_window", "context_window"),
        ("max_completion_tokens", "max_output_tokens"),
    ):
        if isinstance(item.get(live_key), int) and not isinstance(item[live_key], bool):
            fields[field] = item[live_key]
    comments = [
        f"Added by `python -m scripts sync --write` from {provider.name}'s live /models list "
        f"on {today.isoformat()}.",
        "Check every value against the provider's documentation, then delete needs_review.",
    ]
    return entry_text(relative, fields, comments)


def _checked_write(catalog_dir: Path, path: Path, text: str) -> str | None:
    """Write text to path if it validates as a catalog file; else the first problem."""
    data = text.encode("utf-8")
    document = parse_document(path, path.relative_to(catalog_dir).parts, data)
    problems = document.problems + document_problems(document)
    if problems:
        return problems[0].message
    write_atomic(path, data)
    return None


def apply_fixes(
    loaded: LoadedCatalog, provider: Provider, drift: ProviderDrift, today: date
) -> list[WriteOutcome]:
    catalog_dir = loaded.root
    documents = {
        d.expected_id: d for d in loaded.of_kind(Kind.MODEL) if d.provider_id == provider.id
    }
    outcomes: list[WriteOutcome] = []
    by_model: dict[str, list[Change]] = {}
    for change in drift.changed:
        by_model.setdefault(change.id, []).append(change)
    for model_id, changes in by_model.items():
        document = documents[model_id]
        edits = [edit for change in changes for edit in edits_for(document, change)]
        new_text = apply_edits(document.text or "", edits)
        problem = _checked_write(catalog_dir, document.path, new_text)
        fields = ", ".join(c.field for c in changes)
        outcomes.append(
            WriteOutcome(document.path, "skipped", f"the live values would be invalid: {problem}")
            if problem
            else WriteOutcome(document.path, "updated", fields)
        )
    for item in drift.added:
        model_id = item["id"]
        if not is_valid_id("model", model_id):
            where = catalog_dir / provider.id / "models"
            outcomes.append(WriteOutcome(where, "skipped", f"{model_id!r} is not a valid model ID"))
            continue
        path = model_file(catalog_dir, provider.id, model_id)
        if path.exists():
            outcomes.append(WriteOutcome(path, "skipped", "a file already exists there"))
            continue
        relative = path.relative_to(catalog_dir)
        problem = _checked_write(catalog_dir, path, stub_text(provider, item, relative, today))
        outcomes.append(
            WriteOutcome(path, "skipped", f"the live values would be invalid: {problem}")
            if problem
            else WriteOutcome(path, "created", "new model, needs review")
        )
    return outcomes
