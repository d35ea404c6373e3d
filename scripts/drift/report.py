"""Drift reports: text for terminals, Markdown for issues and step summaries, JSON for
programs, GitHub annotations for the exact line of each observed value.

Live values come from a remote API and are untrusted: text and annotations show them with
control characters escaped; Markdown shows them in code spans with backticks, pipes and
line breaks neutralised.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from modelcat_registry.dialects import KeyUse, Listing
from modelcat_registry.drift.compare import ProviderDrift, Relisted
from modelcat_registry.drift.plans import CheckPlan
from modelcat_registry.output_escaping import github_command, terminal_safe
from modelcat_registry.reporters import plural

FORMATS = ("text", "markdown", "json", "github")


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    column: int


# (provider, model ID, dotted field or None) → where it stands in the catalog, if it exists.
Locate = Callable[[str, str, str | None], Location | None]


@dataclass(frozen=True, slots=True)
class ReportContext:
    locate: Locate
    # e.g. https://github.com/OWNER/REPO/blob/SHA/ : Markdown links files there when set.
    blob_base: str | None = None


def drift_document(results: Sequence[ProviderDrift]) -> dict[str, Any]:
    return {
        "drift": any(r.has_drift for r in results),
        "providers": [
            {
                "provider": r.provider,
                "as_of": r.as_of.isoformat(),
                "checked": r.checked,
                "error": r.error,
                "skipped": r.skipped,
                "added": [{"id": item.id, "live": dict(item.facts)} for item in r.added],
                "removed": [{"id": a.id, "reason": a.reason} for a in r.removed],
                "expected_absent": [{"id": a.id, "reason": a.reason} for a in r.expected_absent],
                "changed": [
                    {"id": c.id, "field": c.field, "catalog": c.catalog, "live": c.live}
                    for c in r.changed
                ],
                "relisted": [
                    {
                        "id": x.id,
                        "shutdown": x.shutdown.isoformat() if x.shutdown else None,
                        "retired_since": x.retired_since.isoformat(),
                        "api_shutdown": x.api_shutdown,
                    }
                    for x in r.relisted
                ],
                "disagreements": [
                    {
                        "id": d.id,
                        "documented_field": d.documented_field,
                        "documented": d.documented,
                        "observed_field": d.observed_field,
                        "observed": d.observed,
                    }
                    for d in r.disagreements
                ],
                "refused": [{"id": x.id, "field": x.field, "live": x.live} for x in r.refused],
                "notices": list(r.notices),
                "capture_recorded": r.capture_recorded,
            }
            for r in results
        ],
    }


def render_json(results: Sequence[ProviderDrift], context: ReportContext) -> str:
    return json.dumps(drift_document(results), indent=2, ensure_ascii=True) + "\n"


def _plain(value: Any) -> str:
    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=True, sort_keys=False, default=str)


def _live_summary(item: Listing) -> str:
    facts = [
        f"{key} {_plain(item.facts[key])}"
        for key in ("owner", "context_window", "max_output_tokens", "shutdown")
        if item.facts.get(key) is not None
    ]
    if item.facts.get("available") is False:
        facts.append("inactive")
    return ", ".join(facts)


def _counts(result: ProviderDrift) -> str:
    return ", ".join(
        [
            f"{len(result.added)} added",
            f"{len(result.removed)} removed",
            f"{len(result.changed)} changed",
            f"{len(result.relisted)} relisted",
            f"{len(result.expected_absent)} expected absent",
            f"{len(result.disagreements)} docs/API disagreements",
        ]
    )


def _closing_line(results: Sequence[ProviderDrift]) -> str:
    failed = [r for r in results if r.failed]
    skipped = [r for r in results if r.skipped is not None]
    checked = len(results) - len(failed) - len(skipped)
    drifted = [r for r in results if r.has_drift]
    parts = []
    if drifted:
        parts.append(f"drift found in {len(drifted)} of {plural(checked, 'checked provider')}")
    else:
        parts.append(f"no drift in {plural(checked, 'checked provider')}")
    if failed:
        parts.append(f"{len(failed)} could not be checked")
    if skipped:
        parts.append(f"{len(skipped)} skipped (no key set)")
    return "; ".join(parts)


def _disagreement_text(d: Any) -> str:
    if d.observed_field == "listed":
        return f"docs: retired since {d.documented}; API: still listed (recorded)"
    return (
        f"docs {d.documented_field} {_plain(d.documented)}; "
        f"API {d.observed_field} {_plain(d.observed)}"
    )


def _relisted_text(relisted: Relisted) -> str:
    api = f" (the API's own date: {relisted.api_shutdown})" if relisted.api_shutdown else ""
    return f"retired since {relisted.retired_since}, yet listed live again{api}"


def render_text(results: Sequence[ProviderDrift], context: ReportContext) -> str:
    lines: list[str] = []
    for result in results:
        if result.skipped is not None:
            lines.append(f"{result.provider}: skipped: {result.skipped}")
            continue
        if not result.checked:
            lines.append(f"{result.provider}: could not be checked: {result.error}")
            continue
        lines.append(f"{result.provider} (as of {result.as_of}): {_counts(result)}")
        for notice in result.notices:
            lines.append(f"  ! {notice}")
        for item in result.added:
            lines.append(f"  + {_plain(item.id)}: new in the live list ({_live_summary(item)})")
        for absence in result.removed:
            where = context.locate(result.provider, absence.id, None)
            lines.append(
                f"  - {absence.id} ({absence.reason}): missing from the live list"
                + (f"  [{where.path}]" if where else "")
            )
        for change in result.changed:
            where = context.locate(result.provider, change.id, change.where or change.field)
            lines.append(
                f"  ~ {change.id}: {change.field} {_plain(change.catalog)} -> {_plain(change.live)}"
                + (f"  [{where.path}:{where.line}]" if where else "")
            )
        for relisted in result.relisted:
            lines.append(f"  ! {relisted.id}: {_relisted_text(relisted)}")
        for refused in result.refused:
            lines.append(
                f"  ? {refused.id}: live {refused.field} {_plain(refused.live)} is not a valid "
                "value; not recorded"
            )
        for disagreement in result.disagreements:
            lines.append(f"  = {disagreement.id}: {_disagreement_text(disagreement)}")
        for absence in result.expected_absent:
            lines.append(f"  . {absence.id} ({absence.reason}): absent, as expected")
    lines.append(_closing_line(results))
    return "\n".join(terminal_safe(line) for line in lines) + "\n"


def _code(value: Any) -> str:
    """A Markdown code span for an untrusted value."""
    text = value if isinstance(value, str) else _plain(value)
    text = terminal_safe(text).replace("`", "'").replace("|", "\\|")
    return f"`{text[:200]}`"


def _file_link(where: Location | None, context: ReportContext) -> str:
    if where is None:
        return ""
    if context.blob_base:
        return f"[{where.path}:{where.line}]({context.blob_base}{where.path}#L{where.line})"
    return f"`{where.path}:{where.line}`"


def render_markdown(results: Sequence[ProviderDrift], context: ReportContext) -> str:
    out = ["# Catalog drift report", ""]
    for result in results:
        out.append(f"## {_code(result.provider)} (as of {result.as_of})")
        out.append("")
        if result.skipped is not None:
            out += [f"**Skipped:** {_code(result.skipped)}", ""]
            continue
        if not result.checked:
            out += [f"**Could not be checked:** {_code(result.error)}", ""]
            continue
        out += [_counts(result) + ".", ""]
        out += [f"> {_code(notice)}" for notice in result.notices] + (
            [""] if result.notices else []
        )
        rows = result.has_drift or result.expected_absent or result.disagreements or result.refused
        if not rows:
            out += ["The catalog matches the live API.", ""]
            continue
        out += [
            "| Kind | Model | Field | Catalog | Live | File |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        locate = context.locate
        for item in result.added:
            out.append(f"| added | {_code(item.id)} | | | {_code(_live_summary(item))} | |")
        for absence in result.removed:
            where = _file_link(locate(result.provider, absence.id, None), context)
            out.append(
                f"| removed | {_code(absence.id)} | | {_code(absence.reason)} | (not listed) | "
                f"{where} |"
            )
        for change in result.changed:
            where = _file_link(
                locate(result.provider, change.id, change.where or change.field), context
            )
            out.append(
                f"| changed | {_code(change.id)} | {_code(change.field)} | "
                f"{_code(change.catalog)} | {_code(change.live)} | {where} |"
            )
        for relisted in result.relisted:
            where = _file_link(locate(result.provider, relisted.id, "lifecycle"), context)
            listed = "listed" + (f" {relisted.api_shutdown}" if relisted.api_shutdown else "")
            out.append(
                f"| relisted | {_code(relisted.id)} | lifecycle | "
                f"{_code('retired since ' + relisted.retired_since.isoformat())} | "
                f"{_code(listed)} | {where} |"
            )
        for refused in result.refused:
            out.append(
                f"| refused | {_code(refused.id)} | {_code(refused.field)} | | "
                f"{_code(refused.live)} | |"
            )
        for d in result.disagreements:
            where = _file_link(locate(result.provider, d.id, d.documented_field), context)
            out.append(
                f"| docs/API disagree | {_code(d.id)} | {_code(d.documented_field)} | "
                f"{_code(d.documented)} | {_code(d.observed_field + ' ' + _plain(d.observed))} | "
                f"{where} |"
            )
        for absence in result.expected_absent:
            out.append(
                f"| expected absence | {_code(absence.id)} | | {_code(absence.reason)} | "
                "(not listed, as expected) | |"
            )
        out.append("")
    out += [
        f"_{_closing_line(results)}._",
        "",
        "`modelcat sync --write` records the live values in each model's `observed` block and "
        "adds stubs for new IDs. Removed models, relisted models and docs/API disagreements "
        "need a maintainer: update the documented facts (with their source) by hand.",
    ]
    return "\n".join(out) + "\n"


def render_github(results: Sequence[ProviderDrift], context: ReportContext) -> str:
    lines: list[str] = []

    def annotate(level: str, title: str, message: str, where: Location | None) -> None:
        position = {"file": where.path, "line": where.line, "col": where.column} if where else {}
        lines.append(github_command(level, message, title=title, **position))

    for result in results:
        provider = result.provider
        if result.skipped is not None:
            annotate("notice", "drift: skipped", f"{provider}: {result.skipped}", None)
            continue
        if not result.checked:
            annotate("error", "drift: not checked", f"{provider} could not be checked: "
                     f"{result.error}", None)  # fmt: skip
            continue
        for item in result.added:
            message = f"{provider} lists {_plain(item.id)}, which the catalog lacks"
            annotate("warning", "drift: added", message, None)
        for absence in result.removed:
            annotate("warning", "drift: removed",
                     f"{absence.id} ({absence.reason}) is missing from the live list",
                     context.locate(provider, absence.id, None))  # fmt: skip
        for change in result.changed:
            annotate("warning", "drift: changed",
                     f"{change.id}: {change.field} is {_plain(change.catalog)} here, the live "
                     f"API reports {_plain(change.live)}",
                     context.locate(provider, change.id, change.where or change.field))  # fmt: skip
        for relisted in result.relisted:
            annotate("warning", "drift: relisted", f"{relisted.id}: {_relisted_text(relisted)}",
                     context.locate(provider, relisted.id, "lifecycle"))  # fmt: skip
        for d in result.disagreements:
            annotate("notice", "docs/API disagree", f"{d.id}: {_disagreement_text(d)}",
                     context.locate(provider, d.id, d.documented_field))  # fmt: skip
    lines.append(_closing_line(results))
    return "\n".join(lines) + "\n"


RENDERERS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "github": render_github,
}


# --- plans: what sync checks (modelcat providers) ----------------------------------------

PLAN_FORMATS = ("text", "json")
_KEY_USE_TEXT = {
    KeyUse.REQUIRED: "{env} (required)",
    KeyUse.OPTIONAL: "{env} (optional: the list is public)",
    KeyUse.NEVER: "no key (a public list; {env} is never sent)",
}


def render_plans_json(plans: Sequence[CheckPlan]) -> str:
    document = {
        "providers": [
            {
                "id": p.id,
                "name": p.name,
                "dialect": p.dialect,
                "list_url": p.list_url,
                "api_key_env": p.api_key_env,
                "key_use": p.key_use.value,
            }
            for p in plans
        ]
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def render_plans_text(plans: Sequence[CheckPlan]) -> str:
    """One line per provider, in columns: ID, dialect, key, list URL."""
    rows = [
        (p.id, p.dialect, _KEY_USE_TEXT[p.key_use].format(env=p.api_key_env), p.list_url)
        for p in plans
    ]
    padded = [max((len(row[column]) for row in rows), default=0) for column in range(3)]
    lines = [
        terminal_safe("  ".join([*(row[c].ljust(padded[c]) for c in range(3)), row[3]]))
        for row in rows
    ]
    lines.append(plural(len(plans), "provider"))
    return "\n".join(lines) + "\n"


PLAN_RENDERERS = {"text": render_plans_text, "json": render_plans_json}
