"""The JSON Schemas of catalog files, read once and compiled into reusable validators."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
SCHEMA_VERSION = 1


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The schema for "model" or "provider" files."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def _is_strict_integer(_checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


# JSON Schema counts 8192.0 as an integer; a token count written as a float is a mistake here.
CatalogValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_strict_integer),
)


@cache
def validator_for(kind: str) -> Draft202012Validator:
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return CatalogValidator(schema)


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
