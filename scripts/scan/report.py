"""Findings as text, JSON, GitHub workflow annotations or SARIF 2.1.0. Formatting only.

JSON shape (stable; new keys may be added, none removed or renamed):

    {"as_of": "YYYY-MM-DD", "warn_days": 90,
     "findings": [{"path", "line", "column", "id", "provider", "severity": "error"|"warning",
                   "rule": "retired-model"|"limited-model"|"redirected-model"|
                           "deprecated-model", "message", "state",
                   "shutdown": "YYYY-MM-DD"|null, "days_left": int|null,
                   "replacement_path": [ids], "replacement_path_complete": bool,
                   "use_instead": id|null, "answered_by": id|null}],
     "summary": {"errors", "warnings", "files_scanned", "files_with_findings"}}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from modelcat_registry.output_escaping import github_command, terminal_safe
from modelcat_registry.scan.findings import (
    DEPRECATED_RULE,
    LIMITED_RULE,
    REDIRECTED_RULE,
    RETIRED_RULE,
    Finding,
)

TOOL_NAME = "modelcat"
INFORMATION_URI = "https://modelcat.github.io/modelcat/check-your-code/"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = (
    {
        "id": RETIRED_RULE,
        "name": "RetiredModel",
        "shortDescription": {"text": "A model ID that its provider has retired"},
        "fullDescription": {
            "text": "Requests with this model ID fail: the provider shut the model down. "
            "Move to the replacement the message names."
        },
        "defaultConfiguration": {"level": "error"},
        "helpUri": INFORMATION_URI,
    },
    {
        "id": DEPRECATED_RULE,
        "name": "DeprecatedModel",
        "shortDescription": {"text": "A model ID that its provider shuts down soon"},
        "fullDescription": {
            "text": "The provider has announced a shutdown date for this model ID within the "
            "warning window. Move to the replacement before that day."
        },
        "defaultConfiguration": {"level": "warning"},
        "helpUri": INFORMATION_URI,
    },
    {
        "id": LIMITED_RULE,
        "name": "LimitedModel",
        "shortDescription": {"text": "A model ID its provider shut down for most users"},
        "fullDescription": {
            "text": "Requests with this model ID fail on the provider's free and self-serve "
            "offerings; only some offerings (enterprise contracts, dedicated deployments) still "
            "serve it. Move to the model the message names."
        },
        "defaultConfiguration": {"level": "error"},
        "helpUri": INFORMATION_URI,
    },
    {
        "id": REDIRECTED_RULE,
        "name": "RedirectedModel",
        "shortDescription": {"text": "A model ID that another model now answers"},
        "fullDescription": {
            "text": "Requests with this model ID still succeed, but the provider serves them "
            "with another model, billed at that model's price: the output and the bill are not "
            "what the ID says. Call the model the message names."
        },
        "defaultConfiguration": {"level": "warning"},
        "helpUri": INFORMATION_URI,
    },
)
RULE_INDEX = {rule["id"]: index for index, rule in enumerate(RULES)}


@dataclass(frozen=True, slots=True)
class ScanResult:
    as_of: dt.date
    warn_days: int
    findings: Sequence[Finding]
    files_scanned: int

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(result: ScanResult) -> str:
    scanned = f"{_plural(result.files_scanned, 'file')} scanned as of {result.as_of.isoformat()}"
    if not result.findings:
        return f"no retired, limited, redirected or soon-retired model IDs; {scanned}"
    # Counted by severity: each finding's line names its rule.
    return (
        f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')} "
        f"in {_plural(result.files_with_findings, 'file')}; {scanned}"
    )


def render_text(result: ScanResult) -> str:
    lines = [
        terminal_safe(f"{f.path}:{f.line}:{f.column}: {f.message} [{f.rule}]")
        for f in result.findings
    ]
    return "".join(f"{line}\n" for line in [*lines, summary_line(result)])


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "id": finding.id,
        "provider": finding.provider,
        "severity": finding.severity,
        "rule": finding.rule,
        "message": finding.message,
        "state": finding.state,
        "shutdown": finding.shutdown.isoformat() if finding.shutdown else None,
        "days_left": finding.days_left,
        "replacement_path": list(finding.replacement_path),
        "replacement_path_complete": finding.replacement_path_complete,
        "use_instead": finding.use_instead,
        "answered_by": finding.answered_by,
    }


def render_json(result: ScanResult) -> str:
    """One finding per line: readable, diffable, and written by json's C encoder (which
    `indent` would turn off) so that a scan with thousands of findings stays quick."""
    summary = {
        "errors": result.errors,
        "warnings": result.warnings,
        "files_scanned": result.files_scanned,
        "files_with_findings": result.files_with_findings,
    }
    lines = [_utf8_json(finding_dict(f)) for f in result.findings]
    findings = "[\n    " + ",\n    ".join(lines) + "\n  ]" if lines else "[]"
    return (
        f'{{\n  "as_of": {json.dumps(result.as_of.isoformat())},\n'
        f'  "warn_days": {result.warn_days},\n'
        f'  "findings": {findings},\n'
        f'  "summary": {json.dumps(summary)}\n}}\n'
    )


def render_github(result: ScanResult) -> str:
    lines = [
        github_command(
            f.severity,
            f.message,
            file=f.path,
            line=f.line,
            col=f.column,
            title=f"{f.rule}: {f.id}",
        )
        for f in result.findings
    ]
    return "".join(f"{line}\n" for line in [*lines, terminal_safe(summary_line(result))])


def _sarif_result(finding: Finding) -> dict[str, Any]:
    # surrogateescape: a file name that is not UTF-8 hashes as the bytes it has on disk.
    fingerprint = hashlib.sha256(
        f"{finding.path}\0{finding.id}\0{finding.provider}\0{finding.rule}".encode(
            "utf-8", "surrogateescape"
        )
    ).hexdigest()
    return {
        "ruleId": finding.rule,
        "ruleIndex": RULE_INDEX[finding.rule],
        "level": finding.severity,
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        # A URI holds the name's bytes, percent-encoded, UTF-8 or not.
                        "uri": quote(finding.path, errors="surrogateescape"),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.line,
                        "endColumn": finding.column + len(finding.id),
                    },
                }
            }
        ],
        "partialFingerprints": {"modelcatUse/v1": fingerprint},
        "properties": {
            "modelId": finding.id,
            "provider": finding.provider,
            "shutdown": finding.shutdown.isoformat() if finding.shutdown else None,
            "replacementPath": list(finding.replacement_path),
            "useInstead": finding.use_instead,
            "answeredBy": finding.answered_by,
        },
    }


def render_sarif(result: ScanResult, version: str) -> str:
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": list(RULES),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "properties": {"asOf": result.as_of.isoformat(), "warnDays": result.warn_days},
                "results": [_sarif_result(f) for f in result.findings],
            }
        ],
    }
    return _utf8_json(document, indent=2) + "\n"


def _utf8_json(value: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII text as it is, but a lone surrogate (what a file name that is not
    UTF-8 becomes) as its \\uXXXX escape: written raw, it is no UTF-8 at all, and a strict
    UTF-8 stdout refuses it."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


FORMATS = ("text", "json", "github", "sarif")


def renderer(name: str, version: str) -> Callable[[ScanResult], str]:
    if name == "sarif":
        return lambda result: render_sarif(result, version)
    return {"text": render_text, "json": render_json, "github": render_github}[name]
