"""`sync --write`: record what the live API reports in each model's `observed` block, and add
a stub for each new live ID. Documented facts are never changed.

Edits use the character offsets the loader keeps, so only the observed values' text changes:
comments, key order, line endings and every other byte stay. A file is written (atomically)
only if it still validates afterwards, and only inside the catalog folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from modelcat_registry.catalog import Provider
from modelcat_registry.drift.compare import ProviderDrift
from modelcat_registry.fileio import OutsideRootError, write_atomic_within
from modelcat_registry.loader import Document, Kind, LoadedCatalog, model_file, parse_document
from modelcat_registry.openai_list import live_facts, observation_block
from modelcat_registry.scaffold import entry_text
from modelcat_registry.schemas import field_order, is_valid_id
from modelcat_registry.validation import document_problems
from modelcat_registry.yaml_source import yaml_scalar

OBSERVED = "observed"


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


def _block_lines(values: dict[str, Any], indent: str, newline: str) -> str:
    return "".join(f"{indent}{key}: {yaml_scalar(value)}{newline}" for key, value in values.items())


def observation_edits(
    document: Document, facts: dict[str, Any], refused: set[str], as_of: dt.date
) -> list[TextEdit]:
    """The smallest edits that make the document's observed block say what the API reports."""
    assert document.parsed is not None and document.text is not None
    text = document.text
    newline = newline_of(text)
    parsed = document.parsed
    recorded = (document.mapping or {}).get(OBSERVED)
    if not isinstance(recorded, dict) or not parsed.has_value((OBSERVED,)):
        block = observation_block(facts, as_of, as_of)
        lead = "" if text.endswith("\n") or not text else newline
        body = _block_lines(block, "  ", newline)
        return [TextEdit(len(text), len(text), f"{lead}{OBSERVED}:{newline}{body}")]
    node = parsed.value_nodes[(OBSERVED,)]
    wanted = {
        "last_seen": as_of.isoformat(),
        **dict(facts.items()),
        **{k: recorded[k] for k in refused if k in recorded},
    }
    if getattr(node, "flow_style", False):
        # A flow mapping cannot take new lines: rewrite the whole entry as a block.
        block = observation_block({}, dt.date.fromisoformat(recorded["first_seen"]), as_of)
        block |= {k: v for k, v in wanted.items() if k != "last_seen"}
        key = parsed.key_span((OBSERVED,))
        end = end_of_value_line(text, parsed.value_span((OBSERVED,)).end)
        return [
            TextEdit(key.start, end, f"{OBSERVED}:{newline}{_block_lines(block, '  ', newline)}")
        ]
    order = field_order("model", (OBSERVED,))
    present = [k for k in order if parsed.has_value((OBSERVED, k))]
    indent = " " * (parsed.key_span((OBSERVED, present[0])).column - 1) if present else "  "
    edits: list[TextEdit] = []
    for key in order:
        path = (OBSERVED, key)
        if key in ("first_seen",):
            continue
        if key in wanted and parsed.has_value(path):
            if recorded.get(key) != wanted[key]:
                edits.append(_replace_value(document, path, wanted[key], newline))
        elif key in wanted:
            earlier = [k for k in order[: order.index(key)] if parsed.has_value((OBSERVED, k))]
            at = (
                end_of_value_line(text, parsed.value_span((OBSERVED, earlier[-1])).end)
                if earlier
                else parsed.key_span((OBSERVED, present[0])).start - len(indent)
            )
            edits.append(TextEdit(at, at, _block_lines({key: wanted[key]}, indent, newline)))
        elif parsed.has_value(path):
            start = parsed.key_span(path).start - len(indent)
            end = end_of_value_line(text, parsed.value_span(path).end)
            edits.append(TextEdit(start, end, ""))
    return edits


def _replace_value(document: Document, path: tuple[str, ...], value: Any, newline: str) -> TextEdit:
    parsed = document.parsed
    assert parsed is not None
    span = parsed.value_span(path)
    node = parsed.value_nodes[path]
    replacement = yaml_scalar(value)
    if isinstance(node, yaml.ScalarNode) and node.style in {"|", ">"}:
        # A block scalar's text runs to the start of the next key: end the line ourselves.
        replacement += newline
    return TextEdit(span.start, span.end, replacement)


def stub_text(provider: Provider, item: dict[str, Any], relative: Path, as_of: dt.date) -> str:
    """A schema-valid entry that holds nothing but what the API reports, marked for review."""
    comments = [
        f"Added by `modelcat sync --write` from {provider.name}'s live /models list "
        f"on {as_of.isoformat()}: no documented fact yet.",
        "Add the documented facts with their source, then delete needs_review.",
    ]
    text = entry_text(relative, {"id": item["id"], "needs_review": True}, comments)
    block = observation_block(live_facts(item), as_of, as_of)
    return text + f"{OBSERVED}:\n" + _block_lines(block, "  ", "\n")


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


def apply_fixes(
    loaded: LoadedCatalog, provider: Provider, drift: ProviderDrift, live: list[dict[str, Any]]
) -> list[WriteOutcome]:
    catalog_dir = loaded.root
    documents = {
        d.expected_id: d for d in loaded.of_kind(Kind.MODEL) if d.provider_id == provider.id
    }
    folded = {model_id.casefold(): model_id for model_id in documents}
    live_by_id = {item["id"]: item for item in live}
    refused: dict[str, set[str]] = {}
    for entry in drift.refused:
        refused.setdefault(entry.id, set()).add(entry.field)
    to_record = sorted({c.id for c in drift.changed} | {r.id for r in drift.relisted})
    outcomes: list[WriteOutcome] = []
    for model_id in to_record:
        document = documents[model_id]
        facts = live_facts(live_by_id[model_id])
        edits = observation_edits(document, facts, refused.get(model_id, set()), drift.as_of)
        problem = _checked_write(
            catalog_dir, document.path, apply_edits(document.text or "", edits)
        )
        outcomes.append(
            WriteOutcome(document.path, "skipped", problem)
            if problem
            else WriteOutcome(document.path, "updated", "observed values recorded")
        )
    for item in drift.added:
        model_id = item["id"]
        where = catalog_dir / provider.id / "models"
        if not is_valid_id("model", model_id):
            outcomes.append(WriteOutcome(where, "skipped", f"{model_id!r} is not a valid model ID"))
            continue
        if model_id.casefold() in folded:
            clash = folded[model_id.casefold()]
            outcomes.append(
                WriteOutcome(where, "skipped", f"{model_id!r} differs from {clash!r} only in case")
            )
            continue
        path = model_file(catalog_dir, provider.id, model_id)
        if path.exists() or path.is_symlink():
            outcomes.append(WriteOutcome(path, "skipped", "a file already exists there"))
            continue
        relative = path.relative_to(catalog_dir)
        problem = _checked_write(
            catalog_dir, path, stub_text(provider, item, relative, drift.as_of)
        )
        outcomes.append(
            WriteOutcome(path, "skipped", problem)
            if problem
            else WriteOutcome(path, "created", "new model, needs review")
        )
    return outcomes
