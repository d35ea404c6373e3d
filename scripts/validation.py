"""Turn a loaded catalog into problems: schema rules per file, then rules across files.

Every function here is pure: documents in, problems out. Messages say what is wrong and
what to write instead.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.catalog import PROVIDER_FILE, Document, Kind, LoadedCatalog, display_path
from scripts.problems import Problem
from scripts.schemas import field_schema, is_valid_fast, validator_for
from scripts.yaml_source import FILE_START, JsonPath

if TYPE_CHECKING:
    from jsonschema import ValidationError

PLACEHOLDER_PREFIX = "FILL-IN"

# Why a conditionally required field is required, by field name.
CONDITIONAL_REASONS = {
    "developer": "every model with a callable ID names its developer",
    "deprecation_date": "a deprecated model needs the date it stops being served",
    "max_file_size_mb": "a model that takes audio needs its upload limit",
}

_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)\.\s")
_NUMBER_WITH_SUFFIX = re.compile(
    r"^\s*(?P<number>[0-9][0-9,_ ]*(?:\.[0-9]+)?)\s*(?P<suffix>[kKmM])?\s*"
    r"(?:tokens?|mb|MB|MiB)?\s*$"
)


def validate_catalog(loaded: LoadedCatalog) -> list[Problem]:
    """Every problem in the catalog, sorted by path, line and column."""
    problems: list[Problem] = []
    for document in loaded.documents:
        problems.extend(document.problems)
        problems.extend(document_problems(document))
    problems.extend(cross_file_problems(loaded))
    return sorted(set(problems))


def document_problems(document: Document) -> list[Problem]:
    """Schema and single-file rules for one parsed document."""
    data = document.mapping
    if data is None or document.kind is Kind.UNEXPECTED:
        return []
    reported = {issue.path for issue in document.parsed.issues if issue.path is not None}
    problems = list(_placeholder_problems(document, data, (), reported))
    kind = document.kind.value
    if document.parsed.has_floats or not is_valid_fast(kind, data):
        for error in validator_for(kind).iter_errors(data):
            for leaf in _leaf_errors(error):
                path = tuple(leaf.absolute_path)
                if any(path[: len(done)] == done for done in reported):
                    continue
                problems.extend(_schema_problems(document, kind, leaf, path))
    problems.extend(_identity_problems(document, data))
    if document.kind is Kind.MODEL:
        problems.extend(_limit_problems(document, data))
    return problems


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """The errors a person can act on: allOf/if-then branches report their own causes."""
    if error.context and error.validator in {"anyOf", "oneOf", "allOf"}:
        for child in error.context:
            yield from _leaf_errors(child)
    else:
        yield error


def _placeholder_problems(
    document: Document, value: Any, path: JsonPath, reported: set[JsonPath]
) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholder_problems(document, item, (*path, key), reported)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholder_problems(document, item, (*path, index), reported)
    elif isinstance(value, str) and value.startswith(PLACEHOLDER_PREFIX):
        reported.add(path)
        hint = value.removeprefix(PLACEHOLDER_PREFIX).lstrip(" :")
        yield document.problem(
            document.span(path),
            "placeholder",
            f"{_label(path)} is still a placeholder; replace it with {hint}"
            if hint
            else f"{_label(path)} is still a placeholder; fill in the real value",
        )


def _label(path: JsonPath) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label or "the file"


def _schema_problems(
    document: Document, kind: str, error: ValidationError, path: JsonPath
) -> Iterator[Problem]:
    validator = error.validator
    instance = error.instance
    label = _label(path)
    span = document.span(path)
    if validator == "additionalProperties":
        allowed = sorted(field_schema(kind, path).get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            yield document.problem(
                document.key_span((*path, key)),
                "unknown-field",
                f"unknown field '{key}'{_did_you_mean(key, allowed)}; "
                f"allowed fields: {', '.join(allowed)}",
            )
    elif validator == "required":
        for name in error.validator_value:
            if name in instance:
                continue
            reason = ""
            if {"then", "else"} & set(error.schema_path):
                reason = f" ({CONDITIONAL_REASONS.get(name, 'required by its other values')})"
            first_sentence = _field_hint(field_schema(kind, (*path, name)))
            where = f" to {label}" if path else ""
            yield document.problem(
                span,
                "required",
                f"missing required field '{name}'{reason}; add `{name}: ...`{where}"
                + (f" ({first_sentence})" if first_sentence and not reason else ""),
            )
    elif validator == "type":
        yield document.problem(span, *_type_message(label, error.validator_value, instance, path))
    elif validator == "enum":
        choices = [str(c) for c in error.validator_value]
        got = str(instance)
        yield document.problem(
            span,
            "enum",
            f"{label} must be one of {', '.join(choices)}, not '{got}'"
            f"{_did_you_mean(got, choices)}",
        )
    elif validator == "pattern":
        yield document.problem(span, "pattern", _pattern_message(kind, label, path, instance))
    elif validator in {"minimum", "exclusiveMinimum"}:
        yield document.problem(
            span, "minimum", f"{label} must be at least {error.validator_value}, not {instance}"
        )
    elif validator in {"minLength", "minItems"}:
        yield document.problem(span, "empty", f"{label} must not be empty")
    elif validator in {"maxLength", "maxItems"}:
        yield document.problem(
            span,
            "too-long",
            f"{label} is longer than {error.validator_value} characters; shorten it",
        )
    elif validator == "uniqueItems":
        yield document.problem(span, "duplicate-item", f"{label} lists a value twice")
    elif validator == "const":
        yield document.problem(
            span, "schema", f"{label} must be {error.validator_value!r}, not {instance!r}"
        )
    else:
        yield document.problem(span, "schema", f"{label}: {error.message}")


def _field_hint(schema: dict[str, Any]) -> str:
    """A short description of what a field holds: its choices, or its description's lead."""
    if "enum" in schema:
        return "one of " + ", ".join(map(str, schema["enum"]))
    return _SENTENCE_END.split(schema.get("description", ""), maxsplit=1)[0].rstrip(".")


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _type_message(label: str, expected: str | list[str], value: Any, path: JsonPath) -> tuple:
    expected_types = [expected] if isinstance(expected, str) else expected
    if "integer" in expected_types:
        if isinstance(value, bool):
            return "type", f"{label} must be a whole number, not the boolean {str(value).lower()}"
        if isinstance(value, str):
            number = integer_from_text(value, tokens=path[-1] != "max_file_size_mb")
            if number is not None:
                return (
                    "string-number",
                    f"{label} must be an integer, not text; write {number}, not '{value}'",
                )
            return "type", f"{label} must be an integer such as 8192, not the text '{value}'"
        if isinstance(value, float):
            if not math.isfinite(value):
                return "type", f"{label} must be a whole number such as 8192, not {value}"
            exact = int(value) if value.is_integer() else round(value)
            return "type", f"{label} must be a whole number; write {exact}, not {value}"
        return "type", f"{label} must be an integer, not {_json_type(value)}"
    if "string" in expected_types:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return "type", f'{label} must be text; quote it: "{value}"'
        return "type", f"{label} must be text, not {_json_type(value)}"
    if "boolean" in expected_types:
        if isinstance(value, str) and value.lower() in {"true", "false"}:
            return "type", f"{label} must be a boolean; write {value.lower()} without quotes"
        return "type", f"{label} must be true or false, not {_json_type(value)}"
    if "object" in expected_types:
        return "type", f"{label} must be a mapping of fields (`key: value` lines), not " + (
            _json_type(value)
        )
    if "array" in expected_types:
        return "type", f"{label} must be a list such as [text], not {_json_type(value)}"
    return "type", f"{label} must be of type {' or '.join(expected_types)}"


def _json_type(value: Any) -> str:
    if value is None:
        return "empty (null); give a value or remove the key"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text '{value}'"
    return f"the number {value}"


def integer_from_text(text: str, *, tokens: bool = True) -> int | None:
    """The integer a person meant by '128k', '8,192' or '25 MB' (k = 1024 for token counts)."""
    match = _NUMBER_WITH_SUFFIX.match(text)
    if not match:
        return None
    digits = re.sub(r"[,_ ]", "", match["number"])
    try:
        number = float(digits)
    except ValueError:
        return None
    suffix = (match["suffix"] or "").lower()
    if suffix == "k":
        number *= 1024 if tokens else 1000
    elif suffix == "m":
        number *= 1024 * 1024 if tokens else 1_000_000
    return int(number) if number.is_integer() else None


def _pattern_message(kind: str, label: str, path: JsonPath, value: str) -> str:
    schema = field_schema(kind, path)
    name = path[-1] if path else ""
    if "https://" in schema.get("pattern", ""):
        if value.startswith("http://"):
            return f"{label} must use https://; write {'https://' + value[7:]!r}"
        if name == "api_base" and value.endswith("/"):
            return f"{label} must not end with '/'; write {value.rstrip('/')!r}"
        return f"{label} must be an absolute https:// URL without spaces or quotes, not {value!r}"
    if name == "deprecation_date":
        return f"{label} must be a date written YYYY-MM-DD, such as 2025-01-31, not {value!r}"
    if name == "api_key_env":
        return f"{label} must be an environment variable name such as GROQ_API_KEY, not {value!r}"
    if name == "id" and kind == "provider":
        return f"{label} may contain only lowercase letters, digits and '-', not {value!r}"
    if name == "id":
        return (
            f"{label} may contain only letters, digits, '.', '_', ':', '@', '+', '-' and '/' "
            f"between parts, not {value!r}"
        )
    return f"{label} does not match the pattern {schema.get('pattern')!r}"


def _identity_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    declared = data.get("id")
    if not isinstance(declared, str) or declared == document.expected_id:
        return
    span = document.span(("id",))
    if document.kind is Kind.PROVIDER:
        yield document.problem(
            span,
            "id-mismatch",
            f"id '{declared}' must equal the folder name '{document.provider_id}'; "
            f"write id: {document.provider_id}, or rename the folder",
        )
    else:
        yield document.problem(
            span,
            "id-mismatch",
            f"id '{declared}' does not match the file path (expected '{document.expected_id}'); "
            f"write id: {document.expected_id}, or rename the file to {declared}.yaml",
        )


def _limit_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    limit = data.get("temporary_limit")
    window = data.get("context_window")
    if not (isinstance(limit, dict) and isinstance(window, int)):
        return
    in_force = limit.get("context_window")
    if isinstance(in_force, int) and not isinstance(in_force, bool) and in_force >= window:
        yield document.problem(
            document.span(("temporary_limit", "context_window")),
            "temporary-limit",
            f"temporary_limit.context_window ({in_force}) must be below context_window "
            f"({window}); a limit that is not lower is no limit, remove temporary_limit",
        )


def cross_file_problems(loaded: LoadedCatalog) -> list[Problem]:
    """Rules that need the whole catalog: providers present, IDs unique, references real."""
    problems: list[Problem] = []
    providers = {d.provider_id for d in loaded.of_kind(Kind.PROVIDER)}
    models = loaded.of_kind(Kind.MODEL)
    documents_by_id: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    for document in models:
        if document.provider_id not in providers:
            provider_file = Path(loaded.root, document.provider_id, PROVIDER_FILE)
            problems.append(
                document.problem(
                    FILE_START,
                    "missing-provider",
                    f"provider '{document.provider_id}' has no {display_path(provider_file)}; "
                    f"create it (python -m scripts new-provider --id {document.provider_id})",
                )
            )
        declared = (document.mapping or {}).get("id")
        if isinstance(declared, str):
            documents_by_id[document.provider_id][declared.casefold()].append(document)
    for same_id in documents_by_id.values():
        for clash in same_id.values():
            for document in clash if len(clash) > 1 else ():
                others = ", ".join(d.shown_path for d in clash if d is not document)
                problems.append(
                    document.problem(
                        document.span(("id",)),
                        "duplicate-id",
                        f"id '{document.mapping['id']}' clashes with {others}; a model ID may "
                        "appear once per provider, and IDs that differ only in case clash too",
                    )
                )
    for document in models:
        data = document.mapping or {}
        replacement = data.get("replacement")
        if not isinstance(replacement, str):
            continue
        known = documents_by_id[document.provider_id]
        if replacement.casefold() not in known:
            problems.append(
                document.problem(
                    document.span(("replacement",)),
                    "unknown-replacement",
                    f"replacement '{replacement}' is not a model of provider "
                    f"'{document.provider_id}'{_did_you_mean(replacement, sorted(known))}; "
                    "name an ID from its models/ folder",
                )
            )
        elif replacement == data.get("id"):
            problems.append(
                document.problem(
                    document.span(("replacement",)),
                    "unknown-replacement",
                    "a model cannot be its own replacement; name the model users should move to",
                )
            )
    return problems
