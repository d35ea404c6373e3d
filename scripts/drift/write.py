"""`sync --write`: record a capture in the catalog. The provider's `checks` gain the capture's
day, each model's `observed` records are widened or gain a record (scripts/drift/history.py
says how), new listed IDs get a stub marked `needs_review`, and the newest capture is kept
as the provider's `capture.json`. Documented facts are never changed, nothing is deleted.

Only the text of the `observed` (or `checks`) block changes: comments, key order, line
endings and every other byte of a file stay. A file is written (atomically) only if it still
validates afterwards, and only inside the catalog folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelcat_registry.catalog import Catalog, Check, Observation, Provider
from modelcat_registry.drift.capture import Capture, record_text
from modelcat_registry.drift.history import (
    CheckEntry,
    HistoryConflictError,
    canonical,
    updated_checks,
    updated_records,
)
from modelcat_registry.fileio import OutsideRootError, write_atomic_within
from modelcat_registry.loader import (
    CAPTURE_FILE,
    Document,
    Kind,
    LoadedCatalog,
    model_file,
    parse_document,
)
from modelcat_registry.observations import effective_facts
from modelcat_registry.scaffold import entry_text
from modelcat_registry.schemas import field_order, is_valid_id
from modelcat_registry.validation import document_problems
from modelcat_registry.yaml_source import yaml_scalar

OBSERVED = "observed"
CHECKS = "checks"


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


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def end_of_value_line(text: str, end: int) -> int:
    """Where the line holding a value's end stops (after its comment and newline)."""
    if end == 0 or text[end - 1] == "\n":
        return end  # block values already end at the start of the next line
    newline = text.find("\n", end)
    return len(text) if newline == -1 else newline + 1


def apply_edits(text: str, edits: list[TextEdit]) -> str:
    """text with non-overlapping edits applied; insertions at the same offset keep their order
    and come before a replacement that starts there."""
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts += [text[position : edit.start], edit.replacement]
        position = max(position, edit.end)
    parts.append(text[position:])
    return "".join(parts)


def _item_lines(values: Mapping[str, Any], order: Sequence[str], newline: str) -> str:
    """One block-sequence item: `  - key: value` then `    key: value` lines, in order."""
    lines = []
    for key in order:
        if key not in values:
            continue
        value = values[key]
        shown = (
            "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
            if isinstance(value, list | tuple)
            else yaml_scalar(value)
        )
        lines.append(f"{'  - ' if not lines else '    '}{key}: {shown}{newline}")
    return "".join(lines)


def records_block(records: Sequence[Observation], newline: str = "\n") -> str:
    order = field_order("model", (OBSERVED, 0))
    body = "".join(
        _item_lines(
            {
                "first_seen": r.first_seen.isoformat(),
                **({"last_seen": r.last_seen.isoformat()} if r.last_seen else {}),
                **r.values,
            },
            order,
            newline,
        )
        for r in records
    )
    return f"{OBSERVED}:{newline}{body}"


def checks_block(entries: Sequence[CheckEntry], newline: str = "\n") -> str:
    order = field_order("provider", (CHECKS, 0))
    body = "".join(
        _item_lines(
            {
                "date": e.date.isoformat(),
                **({"until": e.until.isoformat()} if e.until != e.date else {}),
                "digest": e.digest,
                **({"sha256": e.sha256} if e.sha256 else {}),
                **({"url": e.url} if e.url else {}),
                "listed": e.listed,
                **({"sunset": e.sunset.isoformat()} if e.sunset else {}),
                **({"deprecation": e.deprecation.isoformat()} if e.deprecation else {}),
            },
            order,
            newline,
        )
        for e in entries
    )
    return f"{CHECKS}:{newline}{body}"


def block_edit(document: Document, key: str, block: str) -> TextEdit:
    """The edit that puts block (a top-level key and its value) in place of the document's
    own, or at its end."""
    assert document.parsed is not None and document.text is not None
    text = document.text
    parsed = document.parsed
    if parsed.has_value((key,)):
        start = parsed.key_span((key,)).start
        end = end_of_value_line(text, parsed.value_span((key,)).end)
        return TextEdit(start, end, block)
    lead = "" if text.endswith("\n") or not text else newline_of(text)
    return TextEdit(len(text), len(text), lead + block)


def stub_text(provider: Provider, model_id: str, relative: Path, records: list[Observation]) -> str:
    """A schema-valid entry that holds nothing but what the list showed, marked for review."""
    comments = [
        f"Added by `modelcat sync --write` from {provider.name}'s live model list: no "
        "documented fact yet.",
        "Add the documented facts with their source, then delete needs_review.",
    ]
    text = entry_text(relative, {"id": model_id, "needs_review": True}, comments)
    return text + records_block(records)


def _checked_write(catalog_dir: Path, path: Path, text: str) -> str | None:
    """Write text to path if it validates as a catalog file inside the catalog; else why not."""
    data = text.encode("utf-8")
    document = parse_document(path, path.relative_to(catalog_dir).parts, data)
    problems = document.problems + document_problems(document)
    if problems:
        return f"the result would be invalid: {problems[0].message}"
    try:
        write_atomic_within(catalog_dir, path, data)
    except OutsideRootError as error:
        return str(error)
    return None


def _entries_of(checks: Sequence[Check]) -> list[CheckEntry]:
    return [
        CheckEntry(c.date, c.until, c.digest, c.url, c.listed, c.sunset, c.deprecation, c.sha256)
        for c in checks
    ]


def record_capture(
    loaded: LoadedCatalog, catalog: Catalog, provider: Provider, capture: Capture
) -> list[WriteOutcome]:
    """Record the capture; every file it touches is one outcome."""
    catalog_dir = loaded.root
    day = capture.day
    previous_check = provider.last_check
    provider_document = next(
        d for d in loaded.of_kind(Kind.PROVIDER) if d.provider_id == provider.id
    )
    try:
        checks = updated_checks(
            _entries_of(provider.checks),
            day,
            capture.digest,
            capture.url,
            sum(1 for item in capture.listings if item.observed),
            capture.sunset,
            capture.deprecation,
            capture.sha256,
        )
    except HistoryConflictError as error:
        return [WriteOutcome(provider_document.path, "skipped", str(error))]
    outcomes: list[WriteOutcome] = []
    listed = {item.id: item for item in capture.listings if item.observed}
    documents = {
        d.expected_id: d for d in loaded.of_kind(Kind.MODEL) if d.provider_id == provider.id
    }
    for model in catalog.models_of(provider.id):
        if not model.callable_id:
            continue
        item = listed.get(model.id)
        facts = (
            effective_facts(model, item.facts, item.refused, day, previous_check) if item else None
        )
        records = updated_records(model.observed, facts, day, previous_check)
        if _same(records, model.observed):
            continue
        document = documents[model.id]
        newline = newline_of(document.text or "")
        edit = block_edit(document, OBSERVED, records_block(records, newline))
        outcomes.append(
            _outcome(
                catalog_dir, document.path, apply_edits(document.text or "", [edit]), "observed"
            )
        )
    outcomes.extend(_stubs(catalog_dir, provider, capture, documents, previous_check))
    newline = newline_of(provider_document.text or "")
    if checks != _entries_of(provider.checks):
        edit = block_edit(provider_document, CHECKS, checks_block(checks, newline))
        outcomes.append(
            _outcome(
                catalog_dir,
                provider_document.path,
                apply_edits(provider_document.text or "", [edit]),
                "checks",
            )
        )
    if (
        _is_newest_list(provider, capture)
        or not (catalog_dir / provider.id / CAPTURE_FILE).exists()
    ):
        outcomes.append(_keep_capture(catalog_dir, provider, capture))
    return [o for o in outcomes if o is not None]


def _same(records: list[Observation], before: Sequence[Observation]) -> bool:
    def key(r: Observation) -> tuple[Any, ...]:
        return (r.first_seen, r.last_seen, canonical(r.values))

    return [key(r) for r in records] == [key(r) for r in before]


def _outcome(catalog_dir: Path, path: Path, text: str, what: str) -> WriteOutcome:
    problem = _checked_write(catalog_dir, path, text)
    if problem:
        return WriteOutcome(path, "skipped", problem)
    return WriteOutcome(path, "updated", f"{what} recorded")


def _stubs(
    catalog_dir: Path,
    provider: Provider,
    capture: Capture,
    documents: Mapping[str, Document],
    previous_check: dt.date | None,
) -> list[WriteOutcome]:
    outcomes: list[WriteOutcome] = []
    folded = {model_id.casefold(): model_id for model_id in documents}
    where = catalog_dir / provider.id / "models"
    for item in capture.listings:
        if item.id in documents or not item.observed:
            continue
        if not is_valid_id("model", item.id):
            outcomes.append(WriteOutcome(where, "skipped", f"{item.id!r} is not a valid model ID"))
            continue
        if item.id.casefold() in folded:
            clash = folded[item.id.casefold()]
            outcomes.append(
                WriteOutcome(where, "skipped", f"{item.id!r} differs from {clash!r} only in case")
            )
            continue
        path = model_file(catalog_dir, provider.id, item.id)
        if path.exists() or path.is_symlink():
            outcomes.append(WriteOutcome(path, "skipped", "a file already exists there"))
            continue
        records = updated_records((), dict(item.facts), capture.day, previous_check)
        text = stub_text(provider, item.id, path.relative_to(catalog_dir), records)
        problem = _checked_write(catalog_dir, path, text)
        outcomes.append(
            WriteOutcome(path, "skipped", problem)
            if problem
            else WriteOutcome(path, "created", "new model, needs review")
        )
    return outcomes


def _is_newest_list(provider: Provider, capture: Capture) -> bool:
    """Whether the capture shows a list newer than every recorded one. The same list seen again
    keeps its first capture: a daily check that finds nothing new changes one line (the span
    of its check), not the kept capture too."""
    newest = max(provider.checks, key=lambda check: check.until, default=None)
    return newest is None or (capture.day > newest.until and capture.digest != newest.digest)


def _keep_capture(catalog_dir: Path, provider: Provider, capture: Capture) -> WriteOutcome:
    """The newest capture, kept beside provider.yaml for the site to link to."""
    path = catalog_dir / provider.id / CAPTURE_FILE
    try:
        write_atomic_within(catalog_dir, path, record_text(capture).encode("utf-8"))
    except OutsideRootError as error:
        return WriteOutcome(path, "skipped", str(error))
    return WriteOutcome(path, "updated", f"newest capture ({capture.day}) kept")
