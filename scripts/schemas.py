"""The JSON Schemas of catalog files: the one owner of what every field means and allows.

Everything else derives what it needs from here: enums, patterns, bounds, the key order of
files (the order of `properties`), fix-it hints and placeholders. The schemas use two
annotation keywords of this project, which JSON Schema validators ignore:

- ``x-hint``: beside a rule, what to write instead when a value breaks it; in a ``then``
  clause, why its fields are required.
- ``x-placeholder``: what `modelcat new` asks a contributor to fill in for the field.
- ``x-enum-descriptions``: what each value of an ``enum`` means, for the site.

Two validators serve each schema. fastjsonschema compiles it to Python code and answers
"is this valid?" in microseconds: that is the path every valid file takes. Files it rejects
go to jsonschema's Draft 2020-12 validator, whose errors carry the paths that positioned
messages need. (fastjsonschema generates draft-07 code; every keyword these schemas use means
the same there, except that it counts 8192.0 as an integer, so documents with integral
floats always take the precise path. The fuzz tests hold both paths to the same verdicts.)
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from scripts.bundled import SCHEMA_DIR

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_VERSION = 2
SCHEMA_KINDS = ("provider", "model")
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")

Path_ = tuple[str | int, ...]


def is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD (2025-02-30 is not one)."""
    if not isinstance(value, str) or len(value) != 10:
        return True  # the type and pattern rules speak for other values
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_date_or_month(value: object) -> bool:
    if isinstance(value, str) and len(value) == 7:
        return _MONTH.fullmatch(value) is not None
    return is_date(value)


FORMATS: dict[str, Callable[[object], bool]] = {
    "date": is_date,
    "date-or-month": is_date_or_month,
}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The schema for "model" or "provider" files."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@cache
def _compiled(kind: str) -> Callable[[Any], Any]:
    # fastjsonschema rewrites the $refs of the schema it is given: hand it a copy.
    return fastjsonschema.compile(
        copy.deepcopy(load_schema(kind)), formats=FORMATS, use_default=False
    )


def is_valid_fast(kind: str, instance: Any) -> bool:
    """The quick verdict (see the module docstring for when it may not be trusted)."""
    try:
        _compiled(kind)(instance)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def validator_for(kind: str) -> Draft202012Validator:
    """jsonschema's validator, imported and built only when a file needs precise errors."""
    from jsonschema import Draft202012Validator, FormatChecker, validators

    def is_strict_integer(_checker: object, instance: object) -> bool:
        return isinstance(instance, int) and not isinstance(instance, bool)

    # JSON Schema counts 8192.0 as an integer; a token count written as a float is a mistake.
    strict = validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", is_strict_integer),
    )
    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return strict(schema, format_checker=checker)


def resolve(kind: str, node: dict[str, Any]) -> dict[str, Any]:
    """node with its $ref (to the schema's $defs) and allOf branches merged in; the node's own
    keywords win, so a property's description and hint override its definition's."""
    root = load_schema(kind)
    ref = node.get("$ref", "")
    merged: dict[str, Any] = {}
    if ref.startswith("#/$defs/"):
        merged |= resolve(kind, root["$defs"][ref.removeprefix("#/$defs/")])
    for branch in node.get("allOf", ()):
        if "$ref" in branch:
            merged |= resolve(kind, branch)
    return merged | {k: v for k, v in node.items() if k not in {"$ref", "allOf"}}


def field_schema(kind: str, path: Path_) -> dict[str, Any]:
    """The resolved schema of the value at path (array items, $refs and source maps followed),
    or {} where the schema does not describe it."""
    node = resolve(kind, load_schema(kind))
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        elif part in node.get("properties", {}):
            node = node["properties"][part]
        else:
            extra = node.get("additionalProperties")
            node = extra if isinstance(extra, dict) else {}
        node = resolve(kind, node)
    return node


def field_order(kind: str, path: Path_ = ()) -> list[str]:
    """The keys of the mapping at path in the order files write them."""
    return list(field_schema(kind, path).get("properties", {}))


def enum_values(kind: str, path: Path_) -> tuple[str, ...]:
    return tuple(field_schema(kind, path).get("enum", ()))


def enum_descriptions(kind: str, path: Path_) -> dict[str, str]:
    return dict(field_schema(kind, path).get("x-enum-descriptions", {}))


def hint(kind: str, path: Path_) -> str:
    return str(field_schema(kind, path).get("x-hint", ""))


def placeholders(kind: str) -> dict[str, str]:
    """Top-level field → what `new` asks the contributor to fill in, in file order."""
    properties = field_schema(kind, ()).get("properties", {})
    return {
        name: str(resolve(kind, rule)["x-placeholder"])
        for name, rule in properties.items()
        if "x-placeholder" in resolve(kind, rule)
    }


def is_valid_id(kind: str, value: str) -> bool:
    """Whether value is a well-formed model or provider ID (and so a safe path below the
    catalog: the pattern allows no '..' part and no leading '/')."""
    rule = field_schema(kind, ("id",))
    return (
        isinstance(value, str)
        and len(value) <= rule["maxLength"]
        and re.search(rule["pattern"], value) is not None
    )
