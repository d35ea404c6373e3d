"""The JSON Schemas of catalog files, read once and compiled into reusable validators.

Two validators serve each schema. fastjsonschema compiles it to Python code and answers
"is this valid?" in microseconds: that is the path every valid file takes. Files it rejects
go to jsonschema's Draft 2020-12 validator, whose errors carry the paths that positioned
messages need. (fastjsonschema generates draft-07 code; every keyword these schemas use means
the same there, except that it counts 8192.0 as an integer, so documents with floats always
take the precise path. The fuzz tests hold both paths to the same verdicts.)
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
SCHEMA_VERSION = 1


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The schema for "model" or "provider" files."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def is_valid_id(kind: str, value: str) -> bool:
    """Whether value is a well-formed model or provider ID (and so a safe path below the
    catalog: the pattern allows no '..' part and no leading '/')."""
    rule = load_schema(kind)["properties"]["id"]
    return len(value) <= rule["maxLength"] and re.fullmatch(rule["pattern"], value) is not None


@cache
def _compiled(kind: str) -> Callable[[Any], Any]:
    # fastjsonschema rewrites the $refs of the schema it is given: hand it a copy.
    return fastjsonschema.compile(copy.deepcopy(load_schema(kind)), use_default=False)


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
    from jsonschema import Draft202012Validator, validators

    def is_strict_integer(_checker: object, instance: object) -> bool:
        return isinstance(instance, int) and not isinstance(instance, bool)

    # JSON Schema counts 8192.0 as an integer; a token count written as a float is a mistake.
    strict = validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", is_strict_integer),
    )
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return strict(schema)


def field_schema(kind: str, path: tuple[str | int, ...]) -> dict[str, Any]:
    """The schema of the property at path (array items and $refs followed), or {}."""
    root = load_schema(kind)
    node: dict[str, Any] = root
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
        node = _resolve(root, node)
    return node


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return {**root["$defs"][ref.removeprefix("#/$defs/")], **node}
    return node
