"""What every `/models` dialect is made of, and the pieces several of them share.

A dialect owns one provider wire format, both ways: where the list is and how to ask for it
(path, auth headers, paging), how to check a response, how to translate each entry into
observations in the catalog's own words (`context_window`, `max_output_tokens`, `shutdown`,
prices in USD per million tokens, ...), and how to write observations back in the
provider's shape (for test servers and round trips). Nothing outside a dialect module knows
a provider's field names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any

from modelcat_registry.schemas import field_schema, resolve

# The catalog's words for what a list can say about a model, in the order records keep them.
OBSERVED_FIELDS: tuple[str, ...] = tuple(
    key
    for key in field_schema("model", ("observed", 0)).get("properties", {})
    if key not in {"first_seen", "last_seen"}
)
PRICE_FIELDS = ("input_per_mtok_usd", "cached_input_per_mtok_usd", "output_per_mtok_usd")
_MODELS_PREFIX = "models/"
_YEAR_10000 = 253402300800  # the first Unix second a date cannot hold
_HF_URL = re.compile(r"^https://huggingface\.co/([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)/?$")


class ResponseError(Exception):
    """A response that is not a model list of the dialect; one sentence for a person."""


class KeyUse(Enum):
    REQUIRED = "required"  # no key, no request
    OPTIONAL = "optional"  # sent when set; the list is public
    NEVER = "never"  # a public list: no key is ever sent


@dataclass(frozen=True, slots=True)
class Listing:
    """One entry of a provider's list, in the catalog's words: the values that fit the
    schema (`facts`), and those that would not validate (`refused`: reported, never written).
    `observed` False marks an entry of modelcat's own export that the docs, not a capture,
    put there: it counts as listed but carries no observation."""

    id: str
    facts: Mapping[str, Any]
    refused: Mapping[str, Any] = field(default_factory=dict)
    observed: bool = True


Entry = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Dialect:
    """One wire format. `read_entries` checks a response body (parsed JSON) and returns its
    entries; `translate` turns one entry into an ID and candidate facts (checked against the
    schema by `listing`); `next_query` gives the query of the next page, or None."""

    name: str
    read_entries: Callable[[Any], Sequence[Any]]
    translate: Callable[[Entry], tuple[str, dict[str, Any]]]
    to_wire: Callable[[str, Mapping[str, Any]], dict[str, Any]]
    envelope: Callable[[list[dict[str, Any]]], Any]
    list_path: str = "/models"
    key_use: KeyUse = KeyUse.REQUIRED
    auth_headers: Callable[[str], dict[str, str]] = field(
        default_factory=lambda: bearer  # a default_factory: a plain function default would bind
    )
    first_query: Mapping[str, str] = field(default_factory=dict)
    next_query: Callable[[Any, Mapping[str, str]], Mapping[str, str] | None] = field(
        default_factory=lambda: single_page
    )
    # Beyond 401 and 403: (status, parsed error body) that mean the key was refused.
    refuses_key: Callable[[int, Any], bool] = field(default_factory=lambda: never)
    # Entries the provider lists that are not catalog models (e.g. the account's fine-tunes).
    skip: Callable[[Entry], bool] = field(default_factory=lambda: never_entry)

    def listing(self, entry: Any, index: int) -> Listing | None:
        """The entry in the catalog's words; ResponseError if it has no usable ID."""
        if not isinstance(entry, Mapping):
            raise ResponseError(f"entry {index} of the list is not an object")
        if self.skip(entry):
            return None
        model_id, candidates = self.translate(entry)
        check_id(model_id, index)
        facts: dict[str, Any] = {}
        refused: dict[str, Any] = {}
        for key in OBSERVED_FIELDS:
            if key in candidates and candidates[key] is not None:
                value = candidates[key]
                (facts if fits(key, value) else refused)[key] = value
        return Listing(model_id, facts, refused)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def single_page(payload: Any, query: Mapping[str, str]) -> Mapping[str, str] | None:
    return None


def never(status: int, body: Any) -> bool:
    return False


def never_entry(entry: Entry) -> bool:
    return False


# --- response shapes --------------------------------------------------------------------


def list_under(key: str, shape: str) -> Callable[[Any], Sequence[Any]]:
    """A reader of `{key: [...]}` bodies; shape names the format in the error sentence."""

    def read(payload: Any) -> Sequence[Any]:
        if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
            raise ResponseError(f"the response JSON has no {key!r} list (expected {shape})")
        return payload[key]

    return read


def bare_list(payload: Any) -> Sequence[Any]:
    if not isinstance(payload, list):
        raise ResponseError("the response JSON is not a list (expected a bare JSON array)")
    return payload


def openai_envelope(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"object": "list", "data": entries}


# --- checks and conversions -------------------------------------------------------------


def check_id(model_id: object, index: int) -> None:
    if not isinstance(model_id, str) or not model_id:
        raise ResponseError(f"entry {index} of the list has no string ID")
    if not model_id.isprintable():
        bad = next(c for c in model_id if not c.isprintable())
        raise ResponseError(
            f"entry {index} of the list has an ID with an unprintable character "
            f"(U+{ord(bad):04X}); model IDs never contain one"
        )


def fits(key: str, value: Any) -> bool:
    """Whether value is one the schema accepts for an observed record's key."""
    return _fits(_observed_rule(key), value)


@cache
def _observed_rule(key: str) -> Mapping[str, Any]:
    return field_schema("model", ("observed", 0, key))


def _fits(rule: Mapping[str, Any], value: Any) -> bool:
    kind = rule.get("type")
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and rule.get("minimum", value) <= value <= rule.get("maximum", value)
        )
    if kind == "number":
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and rule.get("minimum", value) <= value <= rule.get("maximum", value)
        )
    if kind == "array":
        items = field_schema_items(rule)
        return (
            isinstance(value, list)
            and len(value) <= rule.get("maxItems", len(value))
            and len(set(map(repr, value))) == len(value)
            and all(_fits(items, item) for item in value)
        )
    if kind == "string":
        if not isinstance(value, str) or not 0 < len(value) <= rule.get("maxLength", len(value)):
            return False
        pattern = rule.get("pattern")
        if pattern is not None and re.search(pattern, value) is None:
            return False
        return rule.get("format") != "date" or _is_day(value)
    return False


def field_schema_items(rule: Mapping[str, Any]) -> Mapping[str, Any]:
    return resolve("model", dict(rule.get("items", {})))


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def day_of_unix(value: Any) -> Any:
    """A Unix time in seconds as its UTC date (YYYY-MM-DD); other values as they are (the
    schema check then refuses them)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _YEAR_10000:
        return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()
    return value


def unix_of_day(day: str) -> int:
    return int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), dt.UTC).timestamp())


def day_of_timestamp(value: Any) -> Any:
    """An RFC 3339 date-time (or a date) as its date; other values as they are."""
    if not isinstance(value, str) or len(value) < 10:
        return value
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return value


def per_million(value: Any, unit_per_dollar: int = 1, per_tokens: int = 1) -> Any:
    """A price as USD per million tokens. `value` is a number or a decimal string in units of
    1/unit_per_dollar USD per `per_tokens` tokens (OpenRouter: USD per token as a string;
    xAI: US cents per 100 million tokens). Exact decimal arithmetic, so 0.0000025 USD per
    token is 2.5, not 2.4999999999999996."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return value
    try:
        amount = Decimal(value) if isinstance(value, str) else Decimal(str(value))
    except InvalidOperation:
        return value
    if not amount.is_finite():
        return value
    usd = amount * 1_000_000 / unit_per_dollar / per_tokens
    return as_number(usd)


def as_number(amount: Decimal) -> int | float:
    normal = amount.normalize()
    if normal == normal.to_integral_value():
        return int(normal)
    return float(normal)


def from_per_million(value: float | int, unit_per_dollar: int = 1, per_tokens: int = 1) -> str:
    """The inverse of per_million, as a decimal string."""
    amount = Decimal(str(value)) * unit_per_dollar * per_tokens / 1_000_000
    return format(amount.normalize(), "f")


def strip_models_prefix(name: Any) -> Any:
    return (
        name[len(_MODELS_PREFIX) :]
        if isinstance(name, str) and name.startswith(_MODELS_PREFIX)
        else name
    )


def repo_of_hf_url(url: Any) -> Any:
    """The `owner/name` of a huggingface.co model URL; None for anything else."""
    match = _HF_URL.match(url) if isinstance(url, str) else None
    return match.group(1) if match else None


def nested(entry: Entry, *path: str) -> Any:
    """entry[path[0]][path[1]]..., or None where a level is missing or not an object."""
    value: Any = entry
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def drop_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
