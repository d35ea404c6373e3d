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
import hashlib
import importlib.util
import json
import marshal
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from modelcat_registry.bundled import SCHEMA_DIR

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_VERSION = 3
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


# Bump when the way the fast validator is made changes (the cache key holds it).
_FAST_FORMAT = "1"
# Keywords the plain-Python check below (_rule_check) understands, and annotations it may ignore.
_EVALUATED = frozenset(
    {"required", "properties", "anyOf", "oneOf", "allOf", "contains", "const", "type"}
    | {"minimum", "maximum"}
)
_ANNOTATIONS = frozenset({"description", "title", "$comment"})
_ANY_ITEM = -1  # in a hoisted rule's path: every item of a list

Hoisted = tuple[tuple[str | int, ...], dict[str, Any]]


@cache
def _compiled(kind: str) -> Callable[[Any], bool]:
    """The quick verdict for kind: fastjsonschema's compiled check of the schema's value
    rules, then the schema's conditional rules checked in plain Python from the schema data.

    fastjsonschema compiles `if`/`then` and `anyOf` into code that raises and catches an
    exception for every branch that does not match (several per valid model); checked here,
    they raise nothing. The compiled code is cached on disk, keyed by the hash of exactly
    what is compiled, fastjsonschema's version and Python's bytecode magic, so a one-file
    run does not compile both schemas again and a cache entry is never stale.
    """
    value_rules, hoisted = _split_schema(copy.deepcopy(load_schema(kind)))
    check = _load_compiled(value_rules)
    conditional = _walker(hoisted)

    def is_valid(instance: Any) -> bool:
        try:
            check(instance, custom_formats=FORMATS)
        except fastjsonschema.JsonSchemaException:
            return False
        return conditional(instance)

    return is_valid


def _split_schema(schema: dict[str, Any]) -> tuple[dict[str, Any], list[Hoisted]]:
    """The schema without the conditional rules (allOf if/then, anyOf of rules _rule_check
    understands) of the values reachable through properties and items, and those rules
    with the path of the values they apply to. oneOf branches that no value can match
    together (different types) become anyOf, which stops at the first match."""
    definitions = schema.pop("$defs", {})
    schema = _inlined(schema, definitions)
    hoisted: list[Hoisted] = []
    _hoist(schema, (), hoisted)
    _exclusive_one_of_to_any_of(schema)
    return schema, hoisted


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    """node with every $ref to the schema's $defs replaced by an allOf of the definition (as
    2020-12 means a $ref beside other keywords): fastjsonschema calls a function per $ref
    and, for list items, formats each item's name with locals() even when nothing fails."""
    if isinstance(node, list):
        return [_inlined(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _inlined(value, definitions) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inlined(definitions[ref.removeprefix("#/$defs/")], definitions)
        result["allOf"] = [*result.get("allOf", ()), target]
    elif ref is not None:
        result["$ref"] = ref
    return result


def _hoist(node: dict[str, Any], path: tuple[str | int, ...], hoisted: list[Hoisted]) -> None:
    for choice in ("anyOf", "oneOf"):
        if choice in node and all(_evaluable(branch) for branch in node[choice]):
            hoisted.append((path, {choice: node.pop(choice)}))
    kept = []
    for branch in node.get("allOf", ()):
        if "if" in branch and all(
            _evaluable(branch.get(key, {})) for key in ("if", "then", "else")
        ):
            hoisted.append((path, branch))
        else:
            kept.append(branch)
    for branch in kept:
        if isinstance(branch, dict):
            _hoist(branch, path, hoisted)  # a branch applies to the same value
    if "allOf" in node:
        if kept:
            node["allOf"] = kept
        else:
            del node["allOf"]
    for name, child in node.get("properties", {}).items():
        if isinstance(child, dict):
            _hoist(child, (*path, name), hoisted)
    if isinstance(node.get("items"), dict):
        _hoist(node["items"], (*path, _ANY_ITEM), hoisted)


def _evaluable(rule: object) -> bool:
    if not isinstance(rule, dict):
        return False
    for keyword, value in rule.items():
        if keyword in _ANNOTATIONS or keyword.startswith("x-") or keyword == "const":
            continue
        if keyword not in _EVALUATED:
            return False
        if keyword == "required" and not isinstance(value, list):
            return False
        if keyword in {"anyOf", "oneOf", "allOf"} and not all(_evaluable(v) for v in value):
            return False
        if keyword == "type" and value not in _TYPE_TESTS:
            return False
        if keyword in {"minimum", "maximum"} and not isinstance(value, (int, float)):
            return False
        if keyword == "properties" and not all(_evaluable(v) for v in value.values()):
            return False
        if keyword == "contains" and not _evaluable(value):
            return False
    return True


def _rule_check(rule: dict[str, Any]) -> Callable[[Any], bool]:
    """Whether a value satisfies rule (only keywords _evaluable accepts), as JSON Schema says;
    made once into nested closures."""
    checks: list[Callable[[Any], bool]] = []
    for keyword, argument in rule.items():
        if keyword == "required":
            checks.append(_required_check(frozenset(argument)))
        elif keyword == "properties":
            checks.append(
                _properties_check([(name, _rule_check(sub)) for name, sub in argument.items()])
            )
        elif keyword == "anyOf" and all(_one_required_key(branch) for branch in argument):
            # Any one of these keys (the common form): one set operation, not a call each.
            checks.append(_any_key_check(frozenset(k for b in argument for k in b["required"])))
        elif keyword == "anyOf":
            checks.append(_any_of([_rule_check(branch) for branch in argument]))
        elif keyword == "oneOf":
            branches = [_rule_check(branch) for branch in argument]
            # Branches no value can match together: the first match settles it.
            checks.append(_any_of(branches) if _exclusive(argument) else _one_of(branches))
        elif keyword == "type":
            checks.append(_TYPE_TESTS[argument])
        elif keyword == "minimum":
            checks.append(_bound_check(argument, lower=True))
        elif keyword == "maximum":
            checks.append(_bound_check(argument, lower=False))
        elif keyword == "allOf":
            checks.append(_all_of([_rule_check(branch) for branch in argument]))
        elif keyword == "contains":
            checks.append(_contains_check(_rule_check(argument)))
        elif keyword == "const":
            checks.append(_const_check(argument))
        elif keyword == "if":
            checks.append(
                _if_check(
                    _rule_check(argument),
                    _rule_check(rule.get("then", {})),
                    _rule_check(rule.get("else", {})),
                )
            )
    return _all_of(checks)


def _required_check(keys: frozenset[str]) -> Callable[[Any], bool]:
    if len(keys) == 1:
        [key] = keys
        return lambda value: not isinstance(value, dict) or key in value
    return lambda value: not isinstance(value, dict) or keys <= value.keys()


def _one_required_key(branch: dict[str, Any]) -> bool:
    return list(branch) == ["required"] and len(branch["required"]) == 1


def _any_key_check(keys: frozenset[str]) -> Callable[[Any], bool]:
    """anyOf of `required` branches that name one key each: a mapping holds one of them."""
    return lambda value: not isinstance(value, dict) or not keys.isdisjoint(value)


# The checks below run for every value of every file: plain loops, which cost less than
# all() or any() over a generator.


def _properties_check(
    properties: list[tuple[str, Callable[[Any], bool]]],
) -> Callable[[Any], bool]:
    def check_properties(value: Any) -> bool:
        if isinstance(value, dict):
            for name, check in properties:
                if name in value and not check(value[name]):
                    return False
        return True

    return check_properties


def _contains_check(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def contains(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        for item in value:  # noqa: SIM110 (see above: cheaper than any())
            if check(item):
                return True
        return False

    return contains


def _const_check(constant: Any) -> Callable[[Any], bool]:
    return lambda value: _json_equal(value, constant)


def _if_check(
    condition: Callable[[Any], bool], then: Callable[[Any], bool], otherwise: Callable[[Any], bool]
) -> Callable[[Any], bool]:
    return lambda value: then(value) if condition(value) else otherwise(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# JSON Schema's types (an integer is a number with no fraction: 8192.0 is one).
_TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "integer": lambda value: _is_number(value) and float(value).is_integer(),
    "number": _is_number,
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
}


def _bound_check(bound: float, *, lower: bool) -> Callable[[Any], bool]:
    # _is_number written out: this runs for every rate of every free-tier entry.
    if lower:
        return lambda value: (
            not isinstance(value, (int, float)) or isinstance(value, bool) or value >= bound
        )
    return lambda value: (
        not isinstance(value, (int, float)) or isinstance(value, bool) or value <= bound
    )


def _one_of(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    return lambda value: sum(1 for check in checks if check(value)) == 1


def _any_of(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    def any_of(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 (see above: cheaper than any())
            if check(value):
                return True
        return False

    return any_of


def _all_of(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if len(checks) == 1:
        return checks[0]

    def all_of(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 (see above: cheaper than all())
            if not check(value):
                return False
        return True

    return all_of


def _json_equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)


def _walker(hoisted: list[Hoisted]) -> Callable[[Any], bool]:
    """One function that checks every hoisted rule, visiting each value of a document once."""
    tree: dict[Any, Any] = {}
    for path, rule in hoisted:
        node = tree
        for step in path:
            node = node.setdefault(step, {})
        node.setdefault(_RULES, []).append(_rule_check(rule))
    return _walk_node(tree)


_RULES = object()  # the key of a rule tree node's own checks


def _walk_node(node: dict[Any, Any]) -> Callable[[Any], bool]:
    checks: list[Callable[[Any], bool]] = node.get(_RULES, [])
    children = [(key, _walk_node(child)) for key, child in node.items() if isinstance(key, str)]
    items = _walk_node(node[_ANY_ITEM]) if _ANY_ITEM in node else None

    def walk(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        if children and isinstance(value, dict):
            for key, child in children:
                if key in value and not child(value[key]):
                    return False
        if items is not None and isinstance(value, list):
            for item in value:
                if not items(item):
                    return False
        return True

    return walk


_JSON_TYPES = {bool: "boolean", int: "number", float: "number", str: "string", type(None): "null"}


def _branch_types(branch: object) -> frozenset[str] | None:
    """The JSON types a value matching branch can have, where the branch says (numbers as
    one type: an integer is a number too)."""
    if not isinstance(branch, dict):
        return None
    if "const" in branch:
        kind = _JSON_TYPES.get(type(branch["const"]))
        return frozenset({kind}) if kind else None
    declared = branch.get("type")
    names = [declared] if isinstance(declared, str) else declared
    if not isinstance(names, list):
        return None
    return frozenset("number" if name == "integer" else name for name in names)


def _exclusive(branches: list[Any]) -> bool:
    """Whether no value can match two of branches (each allows other JSON types)."""
    seen: set[str] = set()
    for found in map(_branch_types, branches):
        if found is None or seen & found:
            return False
        seen |= found
    return True


def _exclusive_one_of_to_any_of(node: object) -> None:
    if isinstance(node, list):
        for item in node:
            _exclusive_one_of_to_any_of(item)
        return
    if not isinstance(node, dict):
        return
    branches = node.get("oneOf")
    if isinstance(branches, list) and _exclusive(branches):
        node["anyOf"] = node.pop("oneOf")
    for value in node.values():
        _exclusive_one_of_to_any_of(value)


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "modelcat"


def _load_compiled(schema: dict[str, Any]) -> Callable[..., Any]:
    """fastjsonschema's check of schema, from the on-disk cache when it is there; the cache
    is silently skipped where it cannot be read or written."""
    key = hashlib.sha256(
        "\0".join(
            (
                json.dumps(schema, sort_keys=True),
                fastjsonschema.VERSION,
                importlib.util.MAGIC_NUMBER.hex(),
                _FAST_FORMAT,
            )
        ).encode()
    ).hexdigest()
    cached = _cache_folder() / f"fastjsonschema-{key}.marshal"
    try:
        # The user's own cache, as trusted as Python's __pycache__ beside the code.
        name, code = marshal.loads(cached.read_bytes())  # noqa: S302
    except (OSError, ValueError, EOFError, TypeError):
        source = fastjsonschema.compile_to_code(
            copy.deepcopy(schema), formats=FORMATS, use_default=False
        )
        name = re.search(r"^def (\w+)\(", source, re.MULTILINE)[1]  # the root comes first
        code = compile(source, f"<fastjsonschema {key[:12]}>", "exec")
        _store(cached, marshal.dumps((name, code)))
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 (fastjsonschema's code for our own schema)
    return namespace[name]


def _store(path: Path, content: bytes) -> None:
    import tempfile  # only when the cache is written: a one-file run need not import it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        Path(temporary).replace(path)
    except OSError:
        pass  # a read-only home: compile on every run instead


def is_valid_fast(kind: str, instance: Any) -> bool:
    """The quick verdict (see the module docstring for when it may not be trusted)."""
    return _compiled(kind)(instance)


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
