"""Drift reports: text for terminals, Markdown for issues and step summaries, JSON for
programs, GitHub annotations for the exact line of each changed value.

Live values come from a remote API and are untrusted: Markdown output shows them in code
spans with backticks, pipes and angle brackets neutralised.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from scripts.drift.compare import ProviderDrift
from scripts.problems import Problem
from scripts.reporters import (
    github_annotation,
    github_escape_data,
    github_escape_property,
    plural,
)

FORMATS = ("text", "markdown", "json", "github")


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    column: int


# (provider, model ID, dotted field or None) → where it stands in the catalog, if it exists.
Locate = Callable[[str, str, str | None], Location | None]


def drift_document(results: Sequence[ProviderDrift]) -> dict[str, Any]:
    return {
        "drift": any(r.has_drift for r in results),
        "providers": [
            {
                "provider": r.provider,
                "checked": r.checked,
                "error": r.error,
                "added": [{"id": item["id"], "live": item} for item in r.added],
                "removed": [{"id": a.id, "status": a.status} for a in r.removed],
                "expected_absent": [{"id": a.id, "status": a.status} for a in r.expected_absent],
                "changed": [
                    {"id": c.id, "field": c.field, "catalog": c.catalog, "live": c.live}
                    for c in r.changed
                ],
            }
            for r in results
        ],
    }


def render_json(results: Sequence[ProviderDrift], locate: Locate) -> str:
    return json.dumps(drift_document(results), indent=2, ensure_ascii=False) + "\n"


def _live_summary(item: dict[str, Any]) -> str:
    facts = [
        f"{key} {item[key]}"
        for key in ("owned_by", "context_window", "max_completion_tokens")
        if item.get(key) is not None
    ]
    if item.get("active") is False:
        facts.append("inactive")
    return ", ".join(facts)


def _counts(result: ProviderDrift) -> str:
    return ", ".join(
        [
            f"{len(result.added)} added",
            f"{len(result.removed)} removed",
            f"{len(result.changed)} changed",
            f"{len(result.expected_absent)} expected absent",
        ]
    )


def _closing_line(results: Sequence[ProviderDrift]) -> str:
    failed = [r for r in results if not r.checked]
    drifted = [r for r in results if r.has_drift]
    parts = []
    if drifted:
        parts.append(f"drift found in {len(drifted)} of {plural(len(results), 'provider')}")
    else:
        parts.append(f"no drift in {plural(len(results) - len(failed), 'checked provider')}")
    if failed:
        parts.append(f"{len(failed)} could not be checked")
    return "; ".join(parts)


def render_text(results: Sequence[ProviderDrift], locate: Locate) -> str:
    lines: list[str] = []
    for result in results:
        if not result.checked:
            lines.append(f"{result.provider}: could not be checked: {result.error}")
            continue
        lines.append(f"{result.provider}: {_counts(result)}")
        for item in result.added:
            lines.append(f"  + {item['id']}: new in the live list ({_live_summary(item)})")
        for absence in result.removed:
            where = locate(result.provider, absence.id, None)
            lines.append(
                f"  - {absence.id} ({absence.status}): missing from the live list"
                + (f"  [{where.path}]" if where else "")
            )
        for change in result.changed:
            where = locate(result.provider, change.id, change.field)
            lines.append(
                f"  ~ {change.id}: {change.field} {_plain(change.catalog)} -> {_plain(change.live)}"
                + (f"  [{where.path}:{where.line}]" if where else "")
            )
        for absence in result.expected_absent:
            lines.append(f"  . {absence.id} ({absence.status}): absent, as expected")
    lines.append(_closing_line(results))
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)


def _code(value: Any) -> str:
    """A Markdown code span for an untrusted value."""
    text = _plain(value).replace("`", "'").replace("|", "\\|").replace("\n", " ")
    return f"`{text[:200]}`"


def _file_link(where: Location | None) -> str:
    if where is None:
        return ""
    server = os.environ.get("GITHUB_SERVER_URL")
    repository = os.environ.get("GITHUB_REPOSITORY")
    ref = os.environ.get("GITHUB_SHA") or "main"
    if server and repository:
        url = f"{server}/{repository}/blob/{ref}/{where.path}#L{where.line}"
        return f"[{where.path}:{where.line}]({url})"
    return f"`{where.path}:{where.line}`"


def render_markdown(results: Sequence[ProviderDrift], locate: Locate) -> str:
    out = ["# Catalog drift report", ""]
    for result in results:
        out.append(f"## `{result.provider}`")
        out.append("")
        if not result.checked:
            out += [f"**Could not be checked:** {_code(result.error)}", ""]
            continue
        out += [_counts(result) + ".", ""]
        if not result.has_drift and not result.expected_absent:
            out += ["The catalog matches the live API.", ""]
            continue
        out += [
            "| Change | Model | Field | Catalog | Live | File |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for item in result.added:
            out.append(f"| added | {_code(item['id'])} | | | {_code(_live_summary(item))} | |")
        for absence in result.removed:
            where = locate(result.provider, absence.id, None)
            out.append(
                f"| removed | {_code(absence.id)} | status | {_code(absence.status)} | "
                f"(not listed) | {_file_link(where)} |"
            )
        for change in result.changed:
            where = locate(result.provider, change.id, change.field)
            out.append(
                f"| changed | {_code(change.id)} | `{change.field}` | {_code(change.catalog)} | "
                f"{_code(change.live)} | {_file_link(where)} |"
            )
        for absence in result.expected_absent:
            out.append(
                f"| expected absence | {_code(absence.id)} | status | {_code(absence.status)} | "
                "(not listed, as expected) | |"
            )
        out.append("")
    out += [
        f"_{_closing_line(results)}._",
        "",
        "Fix with `python -m scripts sync --write`, review the new entries marked "
        "`needs_review: true`, and mark removed models deprecated or offline by hand.",
    ]
    return "\n".join(out) + "\n"


def render_github(results: Sequence[ProviderDrift], locate: Locate) -> str:
    lines: list[str] = []
    for result in results:
        if not result.checked:
            message = f"{result.provider} could not be checked: {result.error}"
            lines.append(_annotation("error", None, "drift: not checked", message))
            continue
        for item in result.added:
            message = f"{result.provider} lists {item['id']}, which the catalog lacks"
            lines.append(_annotation("warning", None, "drift: added", message))
        for absence in result.removed:
            where = locate(result.provider, absence.id, None)
            message = f"{absence.id} ({absence.status}) is missing from the live list"
            lines.append(_annotation("warning", where, "drift: removed", message))
        for change in result.changed:
            where = locate(result.provider, change.id, change.field)
            message = (
                f"{change.id}: {change.field} is {_plain(change.catalog)} here, the live API "
                f"reports {_plain(change.live)}"
            )
            lines.append(_annotation("warning", where, "drift: changed", message))
    lines.append(_closing_line(results))
    return "\n".join(lines) + "\n"


def _annotation(level: str, where: Location | None, title: str, message: str) -> str:
    if where is None:
        return f"::{level} title={github_escape_property(title)}::{github_escape_data(message)}"
    return github_annotation(
        level, Problem(where.path, where.line, where.column, "", message), title
    )


RENDERERS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "github": render_github,
}
