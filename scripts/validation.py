"""Turn a loaded catalog into problems: schema rules per file, then rules across files.

Every function here is pure: documents in, problems out. Messages say what is wrong and
what to write instead; the fix-it hints come from the schema (`x-hint`), beside the rules.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelcat_registry.loader import PROVIDER_FILE, Document, Kind, LoadedCatalog, display_path
from modelcat_registry.problems import Problem
from modelcat_registry.schemas import field_schema, hint, is_valid_fast, is_valid_id, validator_for
from modelcat_registry.yaml_source import FILE_START, PLACEHOLDER_PREFIX, JsonPath

if TYPE_CHECKING:
    from jsonschema import ValidationError

# Lists with one entry per date (per tier, for prices), oldest first.
DATED_LISTS = ("prices", "free_tier_limits", "developer_plan_limits")
# Lists whose entries each cite a source of the provider.
SOURCED_LISTS = ("lifecycle", "alias_of", *DATED_LISTS)

_MONEY = re.compile(r"\s*(?:US)?\$\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?:USD)?\s*")
MAX_SUGGESTED_NUMBER = 1e15  # beyond any catalog value: no "write 10000000000000000000" advice
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
    if data is None or document.kind is Kind.UNEXPECTED or document.parsed is None:
        return []
    reported = {issue.path for issue in document.parsed.issues if issue.path is not None}
    problems = (
        list(_placeholder_problems(document, data, (), reported))
        if document.parsed.has_placeholder  # flagged while parsing: most files have none
        else []
    )
    kind = document.kind.value
    if reported or document.parsed.needs_precise_check or not is_valid_fast(kind, data):
        leaves = [
            leaf
            for error in validator_for(kind).iter_errors(data)
            for leaf in _leaf_errors(error, kind)
            if not any(tuple(leaf.absolute_path)[: len(done)] == done for done in reported)
        ]
        for leaf in _one_per_value(leaves):
            problems.extend(_schema_problems(document, kind, leaf, tuple(leaf.absolute_path)))
    problems.extend(_identity_problems(document, data))
    if document.kind is Kind.MODEL:
        problems.extend(_limit_problems(document, data))
        problems.extend(_date_order_problems(document, data))
    return problems


def _leaf_errors(error: ValidationError, kind: str) -> Iterator[ValidationError]:
    """The errors a person can act on: allOf/if-then branches report their own causes; a
    choice between forms (anyOf/oneOf) is one error, explained by the hint beside it."""
    if error.context and error.validator == "allOf":
        for child in error.context:
            yield from _leaf_errors(child, kind)
    elif error.context and error.validator in {"anyOf", "oneOf"}:
        if error.schema.get("x-hint") or hint(kind, tuple(error.absolute_path)):
            yield error
        else:
            for child in error.context:
                yield from _leaf_errors(child, kind)
    else:
        yield error


# Rules about a value itself, most telling first: a value breaks at most one of them in
# the report (inf is "not a whole number", not also "too large"; 31/01/2025 is one bad date).
_VALUE_RULES = (
    "type", "const", "enum", "minLength", "maxLength", "format", "pattern",
    "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "anyOf", "oneOf",
)  # fmt: skip


def _one_per_value(leaves: list[ValidationError]) -> list[ValidationError]:
    kept: dict[JsonPath, ValidationError] = {}
    others: list[ValidationError] = []
    for leaf in leaves:
        if leaf.validator not in _VALUE_RULES:
            others.append(leaf)
            continue
        path = tuple(leaf.absolute_path)
        first = kept.get(path)
        rank = _VALUE_RULES.index
        if first is None or rank(str(leaf.validator)) < rank(str(first.validator)):
            kept[path] = leaf
    return [*others, *kept.values()]


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
        fill_in = value.removeprefix(PLACEHOLDER_PREFIX).lstrip(" :")
        yield document.problem(
            document.span(path),
            "placeholder",
            f"{label(path)} is still a placeholder; replace it with {fill_in}"
            if fill_in
            else f"{label(path)} is still a placeholder; fill in the real value",
        )


def label(path: JsonPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


def _with_hint(message: str, kind: str, path: JsonPath) -> str:
    advice = hint(kind, path)
    return f"{message}; {advice}" if advice else message


def _schema_problems(
    document: Document, kind: str, error: ValidationError, path: JsonPath
) -> Iterator[Problem]:
    validator = error.validator
    instance = error.instance
    name = label(path)
    span = document.span(path)
    if validator == "additionalProperties":
        allowed = sorted(field_schema(kind, path).get("properties", {}))
        for key in sorted(set(instance) - set(allowed), key=str):
            yield document.problem(
                document.key_span((*path, key)),
                "unknown-field",
                f"unknown field '{key}'{did_you_mean(str(key), allowed)}; "
                f"allowed fields: {', '.join(allowed)}",
            )
    elif validator == "required":
        for field in error.validator_value:
            if field in instance:
                continue
            reason = error.schema.get("x-hint")
            where = f" to {name}" if path else ""
            lead = _field_lead(field_schema(kind, (*path, field)))
            yield document.problem(
                span,
                "required",
                f"missing required field '{field}'"
                + (f" ({reason})" if reason else "")
                + f"; add `{field}: ...`{where}"
                + (f" ({lead})" if lead and not reason else ""),
            )
    elif validator == "type":
        yield document.problem(
            span, *_type_message(name, error.validator_value, instance, path, kind)
        )
    elif validator == "enum":
        choices = [str(c) for c in error.validator_value]
        got = str(instance)
        yield document.problem(
            span,
            "enum",
            _with_hint(
                f"{name} must be one of {', '.join(choices)}, not '{got}'"
                f"{did_you_mean(got, choices)}",
                kind,
                path,
            ),
        )
    elif "propertyNames" in error.absolute_schema_path:
        key_hint = hint(kind, (*path, str(instance))) or "use lowercase letters, digits and '-'"
        yield document.problem(
            document.key_span((*path, instance)),
            "pattern",
            f"key '{instance}' of {name} is not allowed: {key_hint}",
        )
    elif validator in {"pattern", "format"}:
        yield document.problem(span, validator, _pattern_message(kind, name, path, instance))
    elif validator in {"minimum", "exclusiveMinimum"}:
        yield document.problem(
            span, "minimum", f"{name} must be at least {error.validator_value}, not {instance}"
        )
    elif validator in {"maximum", "exclusiveMaximum"}:
        yield document.problem(
            span,
            "maximum",
            f"{name} must be at most {error.validator_value:,}, not {instance:,}; "
            "write the real value",
        )
    elif validator in {"minLength", "minItems"}:
        yield document.problem(span, "empty", f"{name} must not be empty")
    elif validator in {"maxLength", "maxItems", "maxProperties"}:
        unit = "characters" if validator == "maxLength" else "entries"
        yield document.problem(
            span, "too-long", f"{name} is longer than {error.validator_value} {unit}; shorten it"
        )
    elif validator == "uniqueItems":
        yield document.problem(span, "duplicate-item", f"{name} lists a value twice")
    elif validator in {"anyOf", "oneOf", "const"}:
        advice = error.schema.get("x-hint") or hint(kind, path)
        words = [str(b["const"]) for b in error.schema.get(validator, ()) if "const" in b]
        close = did_you_mean(instance, words) if isinstance(instance, str) else ""
        yield document.problem(
            span, "invalid-value", f"{name} is not valid ({_shown(instance)}){close}: {advice}"
        )
    else:
        yield document.problem(span, "schema", f"{name}: {error.message}")


def _field_lead(schema: dict[str, Any]) -> str:
    """A short description of what a field holds: its choices, or its description's lead."""
    if "enum" in schema:
        return "one of " + ", ".join(map(str, schema["enum"]))
    description = schema.get("description", "")
    return re.split(r"(?<!e\.g)(?<!i\.e)\.\s", description, maxsplit=1)[0].rstrip(".")


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _type_message(
    name: str, expected: str | list[str], value: Any, path: JsonPath, kind: str
) -> tuple[str, str]:
    expected_types = [expected] if isinstance(expected, str) else expected
    if "integer" in expected_types:
        if isinstance(value, bool):
            return "type", f"{name} must be a whole number, not the boolean {str(value).lower()}"
        if isinstance(value, str):
            number = integer_from_text(value, tokens=path[-1] != "max_file_size_mb")
            if number is not None:
                return (
                    "string-number",
                    f"{name} must be an integer, not text; write {number}, not '{value}'",
                )
            return "type", f"{name} must be an integer such as 8192, not the text '{value}'"
        if isinstance(value, float):
            if not math.isfinite(value):
                return "type", f"{name} must be a whole number such as 8192, not {value}"
            if abs(value) > MAX_SUGGESTED_NUMBER:
                return "type", f"{name} must be a whole number such as 8192, not {value}"
            exact = int(value) if value.is_integer() else round(value)
            return "type", f"{name} must be a whole number; write {exact}, not {value}"
        return "type", f"{name} must be an integer, not {_json_type(value)}"
    if "number" in expected_types:
        amount = _MONEY.fullmatch(value) if isinstance(value, str) else None
        if amount:
            return (
                "type",
                f"{name} must be a number, not text; write {amount['number']}, not '{value}'",
            )
        if isinstance(value, str):
            return "type", _with_hint(
                f"{name} must be a number, not the text '{value}'", kind, path
            )
        return "type", _with_hint(f"{name} must be a number, not {_json_type(value)}", kind, path)
    if "string" in expected_types:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return "type", f'{name} must be text; quote it: "{value}"'
        return "type", f"{name} must be text, not {_json_type(value)}"
    if "boolean" in expected_types:
        if isinstance(value, str) and value.lower() in {"true", "false"}:
            return "type", f"{name} must be a boolean; write {value.lower()} without quotes"
        return "type", f"{name} must be true or false, not {_json_type(value)}"
    if "object" in expected_types:
        return "type", f"{name} must be a mapping of fields (`key: value` lines), not " + (
            _json_type(value)
        )
    if "array" in expected_types:
        return "type", f"{name} must be a list such as [text], not {_json_type(value)}"
    return "type", f"{name} must be of type {' or '.join(expected_types)}"


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
    if len(digits) > 30:
        return None
    number = Decimal(digits)  # exactly: a float would turn 9007199254740993 into ...992
    suffix = (match["suffix"] or "").lower()
    if suffix == "k":
        number *= 1024 if tokens else 1000
    elif suffix == "m":
        number *= 1024 * 1024 if tokens else 1_000_000
    return int(number) if number == number.to_integral_value() else None


def _pattern_message(kind: str, name: str, path: JsonPath, value: Any) -> str:
    advice = hint(kind, path) or "write a value the schema allows"
    if not isinstance(value, str):
        return f"{name} is not valid ({_shown(value)}); {advice}"
    diagnosis = _what_is_wrong(kind, path, value)
    # A diagnosis that already says what to write needs no general advice after it.
    return f"{name} {diagnosis}" if "; write " in diagnosis else f"{name} {diagnosis}; {advice}"


def _shown(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
_CREDENTIALS = re.compile(r"^[a-z]+://[^/?#]*@", re.IGNORECASE)
_RESERVED_PART = re.compile(r"(?:^|/)(index|readme)(?:/|$)", re.IGNORECASE)


def _what_is_wrong(kind: str, path: JsonPath, value: str) -> str:
    """The first thing wrong with a text value that broke its pattern or format, in words."""
    schema = field_schema(kind, path)
    if value.endswith(("\n", "\r")):
        return (
            "ends with a line break (a `|` or `>` block scalar keeps one); write the value on "
            f"the key's line instead: `{path[-1]}: {_shown(value.strip())[1:-1]}`"
        )
    if not value.strip():
        return "is blank"
    if "\n" in value and "\\u0000-\\u001f" in str(schema.get("pattern", "")):
        return "spans more than one line; write it on one line"
    invisible = _INVISIBLE.search(value)
    if invisible:
        code = ord(invisible.group())
        return (
            f"contains the invisible or control character U+{code:04X} at character "
            f"{invisible.start() + 1}; delete it"
        )
    if value.lower().startswith("http://") and "https://" in str(schema.get("x-hint", "")):
        return f"must use https://; write {'https://' + value[7:]!r}"
    credentials = _CREDENTIALS.match(value)
    if credentials:
        without = value[: value.index("://") + 3] + value[credentials.end() :]
        return f"contains a user name or password before '@'; write {without!r}"
    if schema.get("format") in {"date", "date-or-month"}:
        return _date_problem(value)
    if _RESERVED_PART.search(value) and "index" in str(schema.get("x-hint", "")):
        part = _RESERVED_PART.search(value)
        return (
            f"{_shown(value)} has a part named {part.group(1)!r}, a name the site keeps for "
            "folder pages (it would replace another page)"
        )
    return f"is not valid: {_shown(value)}"


def _date_problem(value: str) -> str:
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?", value)
    if not match:
        return f"is not a date: {_shown(value)}"
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return f"{value!r} is not a real calendar date (there is no month {month})"
    days = calendar.monthrange(year, month)[1]
    return f"{value!r} is not a real calendar date ({match[1]}-{match[2]} has {days} days)"


def _identity_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    declared = data.get("id")
    if not isinstance(declared, str) or declared == document.expected_id:
        return
    if not is_valid_id(document.kind.value, declared):
        return  # the pattern rule says what is wrong with it
    if document.kind is Kind.MODEL and not is_valid_id("model", document.expected_id):
        yield document.problem(
            document.span(("id",)),
            "file-name",
            f"the file's path {_shown(document.expected_id)} is not a valid model ID; "
            f"rename the file to {declared}.yaml",
        )
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


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _limit_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    limit = data.get("temporary_limit")
    window = data.get("context_window")
    if not (isinstance(limit, dict) and _is_int(window)):
        return
    in_force = limit.get("context_window")
    if _is_int(in_force) and in_force >= window:
        yield document.problem(
            document.span(("temporary_limit", "context_window")),
            "temporary-limit",
            f"temporary_limit.context_window ({in_force}) must be below context_window "
            f"({window}); a limit that is not lower is no limit, remove temporary_limit",
        )


def _day(value: object, month_start: bool = False) -> dt.date | None:
    """value as a date, if it is a real one (YYYY-MM counts as its first day if allowed)."""
    if not isinstance(value, str):
        return None
    text = f"{value}-01" if month_start and len(value) == 7 else value
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _entries(data: dict[str, Any], list_name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    entries = data.get(list_name)
    for index, entry in enumerate(entries if isinstance(entries, list) else ()):
        if isinstance(entry, dict):
            yield index, entry


def _price_tier(entry: dict[str, Any]) -> tuple[Any, ...]:
    return (entry.get("above_input_tokens"), entry.get("off_peak"))


def _oldest_first(
    document: Document, data: dict[str, Any], list_name: str, field: str = "date"
) -> Iterator[Problem]:
    """Entries of a dated list in date order; prices once per date and tier, others may share
    a date (two sources stating things on one day)."""
    entries = data.get(list_name)
    if not isinstance(entries, list) or len(entries) < 2:
        return  # nothing to be out of order: the common case, checked before any set-up
    strict = list_name in DATED_LISTS
    if _in_date_order(entries, field, strict):
        return
    previous: dict[tuple[Any, ...], dt.date] = {}
    for index, entry in _entries(data, list_name):
        day = _day(entry.get(field), month_start=True)
        if day is None:
            continue
        tier = _price_tier(entry) if list_name == "prices" else ()
        before = previous.get(tier)
        if before is not None and (day < before or (strict and day == before)):
            relation = "repeats" if day == before else "is before"
            once = "one entry per date and tier" if list_name == "prices" else "one entry per date"
            yield document.problem(
                document.span((list_name, index, field)),
                "date-order",
                f"{list_name}[{index}].{field} ({entry[field]}) {relation} the entry before "
                f"it; keep {once}, oldest first"
                if strict
                else f"{list_name}[{index}].{field} ({entry[field]}) is before the entry before "
                "it; keep the entries oldest first",
            )
        previous[tier] = day if before is None else max(day, before)


def _in_date_order(entries: list[Any], field: str, strict: bool) -> bool:
    """Whether every entry has a full date (YYYY-MM-DD) and the dates rise (strictly, for a
    list with one entry per date): then no tier can be out of order either. ISO dates of one
    length sort as text, so a valid file needs no date parsed here."""
    dates = [entry.get(field) if isinstance(entry, dict) else None for entry in entries]
    if not all(isinstance(day, str) and len(day) == 10 for day in dates):
        return False
    pairs = itertools.pairwise(dates)
    return all(a < b for a, b in pairs) if strict else all(a <= b for a, b in pairs)


def _lifecycle_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    yield from _oldest_first(document, data, "lifecycle")
    yield from _oldest_first(document, data, "alias_of")
    earlier: set[str] = set()
    for index, claim in _entries(data, "lifecycle"):
        withdrawn = claim.get("withdraws")
        if isinstance(withdrawn, str) and withdrawn not in earlier:
            yield document.problem(
                document.span(("lifecycle", index, "withdraws")),
                "unknown-withdrawal",
                f"lifecycle[{index}].withdraws ({withdrawn}) names no earlier statement of this "
                "model; write the date of the lifecycle entry it withdraws",
            )
        if isinstance(claim.get("date"), str):
            earlier.add(claim["date"])
        if claim.get("continues_on") and not (
            claim.get("shutdown") or claim.get("retired") or claim.get("redirect")
        ):
            yield document.problem(
                document.span(("lifecycle", index, "continues_on")),
                "continues-without-shutdown",
                f"lifecycle[{index}].continues_on says where the model stays after a shutdown, "
                "but the statement gives none; add shutdown (or retired: true)",
            )


def _observation_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    yield from _oldest_first(document, data, "observed", "first_seen")
    open_records = []
    for index, record in _entries(data, "observed"):
        first, last = _day(record.get("first_seen")), _day(record.get("last_seen"))
        if first and last and last < first:
            yield document.problem(
                document.span(("observed", index, "last_seen")),
                "date-order",
                f"observed[{index}].last_seen ({record['last_seen']}) is before its first_seen "
                f"({record['first_seen']}); values cannot be last seen before they were first seen",
            )
        if "last_seen" not in record:
            open_records.append(index)
    for index in open_records[1:]:
        yield document.problem(
            document.span(("observed", index)),
            "observed-open",
            f"observed[{index}] has no last_seen, and neither has observed[{open_records[0]}]; "
            "only the record the newest check showed may leave it out",
        )


def _date_order_problems(document: Document, data: dict[str, Any]) -> Iterator[Problem]:
    yield from _lifecycle_problems(document, data)
    for list_name in DATED_LISTS:
        yield from _oldest_first(document, data, list_name)
    yield from _observation_problems(document, data)


def _source_references(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(data.get("source"), str):
        yield ("source",), data["source"]
    field_sources = data.get("field_sources")
    if isinstance(field_sources, dict):
        for field, key in field_sources.items():
            if isinstance(key, str):
                yield ("field_sources", field), key
    for list_name in SOURCED_LISTS:
        for index, entry in _entries(data, list_name):
            if isinstance(entry.get("source"), str):
                yield (list_name, index, "source"), entry["source"]


def _model_references(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    for index, claim in _entries(data, "lifecycle"):
        replacements = claim.get("replacements")
        for position, target in enumerate(replacements if isinstance(replacements, list) else ()):
            if isinstance(target, str):
                yield ("lifecycle", index, "replacements", position), target
        redirect = claim.get("redirect")
        if isinstance(redirect, dict) and isinstance(redirect.get("to"), str):
            yield ("lifecycle", index, "redirect", "to"), redirect["to"]
    for index, entry in _entries(data, "alias_of"):
        if isinstance(entry.get("target"), str):
            yield ("alias_of", index, "target"), entry["target"]


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What the rules across files need of one file: where it is, the ID it declares and the
    IDs and source keys it names. A valid file is kept as only this while the rest of the
    catalog is read; its positions are found again, by parsing it anew, only if a rule across
    files reports a problem in it."""

    path: str  # as text: a Path object per file would weigh more than the facts
    kind: Kind
    provider_id: str
    declared_id: str | None = None
    model_references: tuple[tuple[JsonPath, str], ...] = ()
    source_references: tuple[tuple[JsonPath, str], ...] = ()
    source_keys: tuple[str, ...] | None = None  # a provider's sources; None: no mapping
    resold_from: tuple[str, str] | None = None  # (provider, model ID) of the original entry
    open_observation: bool = False  # a model record held until the provider's last check
    has_checks: bool = False  # a provider whose list sync --write has recorded

    @property
    def shown_path(self) -> str:
        return display_path(Path(self.path))


def file_facts(document: Document, known_sources: Collection[str] = ()) -> FileFacts:
    """The file's facts; source references to known_sources (keys its provider lists, when
    it was read first) are left out: only an unknown key can be reported, and 50,000 files'
    worth of known ones would be most of what validate keeps."""
    data = document.mapping
    path = str(document.path)
    if data is None:
        return FileFacts(path, document.kind, document.provider_id)
    declared = data.get("id")
    if document.kind is Kind.PROVIDER:
        sources = data.get("sources")
        keys = tuple(sorted(sources)) if isinstance(sources, dict) else ()
        return FileFacts(
            path,
            document.kind,
            document.provider_id,
            declared if isinstance(declared, str) else None,
            source_keys=keys,
            has_checks=isinstance(data.get("checks"), list),
        )
    resold = data.get("resold_from")
    return FileFacts(
        path,
        document.kind,
        document.provider_id,
        declared if isinstance(declared, str) else None,
        tuple(_model_references(data)),
        tuple(ref for ref in _source_references(data) if ref[1] not in known_sources),
        resold_from=(resold["provider"], resold["id"])
        if isinstance(resold, dict)
        and isinstance(resold.get("provider"), str)
        and isinstance(resold.get("id"), str)
        else None,
        open_observation=any("last_seen" not in r for _, r in _entries(data, "observed")),
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem of a rule across files, before its position is looked up."""

    facts: FileFacts
    where: JsonPath | None  # the value it concerns; None: the start of the file
    rule: str
    message: str


def cross_file_problems(loaded: LoadedCatalog) -> list[Problem]:
    """Rules that need the whole catalog: providers present, IDs unique, references real."""
    documents = {str(document.path): document for document in loaded.documents}
    facts = [file_facts(document) for document in loaded.documents]
    return [
        _positioned(documents[finding.facts.path], finding)
        for finding in cross_file_findings(facts, loaded.root)
    ]


def _positioned(document: Document, finding: Finding) -> Problem:
    span = FILE_START if finding.where is None else document.span(finding.where)
    return document.problem(span, finding.rule, finding.message)


def cross_file_findings(files: list[FileFacts], root: Path) -> list[Finding]:
    """The problems of the rules across files, each with the value it concerns."""
    findings: list[Finding] = []
    providers = {f.provider_id: f for f in files if f.kind is Kind.PROVIDER}
    models = [f for f in files if f.kind is Kind.MODEL]
    by_folded_id: dict[str, dict[str, list[FileFacts]]] = defaultdict(lambda: defaultdict(list))
    exact_ids: dict[str, set[str]] = defaultdict(set)
    for model in models:
        if model.provider_id not in providers:
            provider_file = Path(root, model.provider_id, PROVIDER_FILE)
            findings.append(
                Finding(
                    model,
                    None,
                    "missing-provider",
                    f"provider '{model.provider_id}' has no {display_path(provider_file)}; "
                    f"create it (modelcat new-provider --id {model.provider_id})",
                )
            )
        if model.declared_id is not None:
            by_folded_id[model.provider_id][model.declared_id.casefold()].append(model)
            exact_ids[model.provider_id].add(model.declared_id)
    for same_id in by_folded_id.values():
        for clash in same_id.values():
            for model in clash if len(clash) > 1 else ():
                others = ", ".join(m.shown_path for m in clash if m is not model)
                findings.append(
                    Finding(
                        model,
                        ("id",),
                        "duplicate-id",
                        f"id '{model.declared_id}' clashes with {others}; a model ID may "
                        "appear once per provider, and IDs that differ only in case clash too",
                    )
                )
    graph: dict[tuple[str, str], list[str]] = {}
    for model in models:
        known = exact_ids[model.provider_id]
        findings.extend(_reference_findings(model, known))
        findings.extend(_source_findings(model, providers))
        if model.declared_id is not None:
            graph[(model.provider_id, model.declared_id)] = [
                target
                for path, target in model.model_references
                # a self-reference is reported as such, not as a circle
                if "replacements" in path and target in known and target != model.declared_id
            ]
    findings.extend(_cycle_findings(models, graph))
    for model in models:
        findings.extend(_resold_findings(model, exact_ids))
        provider = providers.get(model.provider_id)
        if model.open_observation and provider is not None and not provider.has_checks:
            findings.append(
                Finding(
                    model,
                    ("observed",),
                    "observed-without-check",
                    "an observed record without last_seen holds until the provider's last "
                    f"check, but {provider.shown_path} records no checks; give the record its "
                    "last_seen, or let modelcat sync --write record the check",
                )
            )
    return findings


def _resold_findings(model: FileFacts, ids: dict[str, set[str]]) -> Iterator[Finding]:
    if model.resold_from is None:
        return
    provider, model_id = model.resold_from
    if provider == model.provider_id:
        yield Finding(
            model,
            ("resold_from", "provider"),
            "resold-from-itself",
            "resold_from names this model's own provider; name the provider that makes the "
            "model (resold_from is for a router's copy of another provider's model)",
        )
    elif provider not in ids:
        yield Finding(
            model,
            ("resold_from", "provider"),
            "unknown-provider",
            f"resold_from.provider '{provider}' is not a provider of the catalog"
            f"{did_you_mean(provider, sorted(ids))}; name a folder of the catalog",
        )
    elif model_id not in ids[provider]:
        yield Finding(
            model,
            ("resold_from", "id"),
            "unknown-model",
            f"resold_from.id '{model_id}' is not a model of provider '{provider}'"
            f"{did_you_mean(model_id, sorted(ids[provider]))}; name an ID from its models/ "
            "folder",
        )


def _reference_findings(model: FileFacts, known: set[str]) -> Iterator[Finding]:
    for path, target in model.model_references:
        if target == model.declared_id:
            yield Finding(
                model,
                path,
                "self-replacement",
                f"{label(path)} names this model itself; name the model users should move to",
            )
        elif target not in known:
            exact = [k for k in known if k.casefold() == target.casefold()]
            suggestion = (
                f" (IDs are exact: did you mean '{exact[0]}'?)"
                if exact
                else did_you_mean(target, sorted(known))
            )
            yield Finding(
                model,
                path,
                "unknown-replacement",
                f"{label(path)} '{target}' is not a model of provider "
                f"'{model.provider_id}'{suggestion}; name an ID from its models/ folder, "
                "or add an entry for it",
            )


def _source_findings(model: FileFacts, providers: dict[str, FileFacts]) -> Iterator[Finding]:
    provider = providers.get(model.provider_id)
    if provider is None or provider.source_keys is None:
        return
    keys = list(provider.source_keys)
    for path, key in model.source_references:
        if key not in keys:
            yield Finding(
                model,
                path,
                "unknown-source",
                f"{label(path)} '{key}' is not a source of provider '{model.provider_id}'"
                f"{did_you_mean(key, keys)}; add it under sources: in "
                f"{provider.shown_path} or name one of: {', '.join(keys) or 'none yet'}",
            )


def _cycle_findings(
    models: list[FileFacts], graph: dict[tuple[str, str], list[str]]
) -> Iterator[Finding]:
    documents = {(m.provider_id, m.declared_id): m for m in models if m.declared_id is not None}
    done: set[tuple[str, str]] = set()
    for start in sorted(graph):
        if start in done:
            continue
        # Iterative depth-first walk; a node met again on the current path closes a cycle.
        path: list[tuple[str, str]] = []
        on_path: set[tuple[str, str]] = set()
        stack: list[tuple[tuple[str, str], int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                path.append(node)
                on_path.add(node)
            targets = graph.get(node, [])
            if index < len(targets):
                stack.append((node, index + 1))
                following = (node[0], targets[index])
                if following in on_path:
                    cycle = path[path.index(following) :]
                    chain = " -> ".join(model_id for _, model_id in [*cycle, following])
                    # Every file of the circle says so: any one of them may be the mistake.
                    for member in cycle:
                        yield Finding(
                            documents[member],
                            next(
                                (
                                    p
                                    for p, _ in documents[member].model_references
                                    if "replacements" in p
                                ),
                                ("lifecycle",),
                            ),
                            "replacement-cycle",
                            f"replacements go round in a circle ({chain}); end the chain at a "
                            "model that is not being shut down",
                        )
                elif following not in done:
                    stack.append((following, 0))
            else:
                path.pop()
                on_path.discard(node)
                done.add(node)
