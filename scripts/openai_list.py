"""The one translation between catalog models and entries of an OpenAI-compatible
`GET /models` list, in both directions.

- live entry → observed facts: what drift compares and `sync --write` records;
- catalog model → list entry: what the site's `api/<provider>/models.json` publishes.

The list's own names are used for observed facts (`owned_by`, `context_window`,
`max_completion_tokens`, `active`, `created`): they are the API's words, kept apart from the
documented facts (`developer`, `max_output_tokens`, ...).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from modelcat_registry.catalog import Model
from modelcat_registry.schemas import field_schema

OBSERVED_KEYS = ("owned_by", "context_window", "max_completion_tokens", "active", "created")


def _fits(key: str, value: Any) -> bool:
    """Whether value is a value the schema would accept for observed.<key>."""
    rule = field_schema("model", ("observed", key))
    kind = rule.get("type")
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and rule.get("minimum", 0) <= value <= rule.get("maximum", value)
        )
    if kind == "string":
        return isinstance(value, str) and 0 < len(value) <= rule.get("maxLength", len(value))
    return False


def live_facts(item: dict[str, Any]) -> dict[str, Any]:
    """The observable facts of one live entry, in catalog order; values of the wrong type or
    out of the schema's bounds are left out (drift reports them as refused, never writes them)."""
    return {key: item[key] for key in OBSERVED_KEYS if key in item and _fits(key, item[key])}


def refused_facts(item: dict[str, Any]) -> dict[str, Any]:
    """The entry's facts that live_facts left out because they would not validate."""
    return {
        key: item[key]
        for key in OBSERVED_KEYS
        if key in item and item[key] is not None and not _fits(key, item[key])
    }


def comparable_facts(model: Model) -> dict[str, Any]:
    """What the catalog expects the live entry to say: the last observation, or, for a model
    never observed, the documented facts translated into the list's terms."""
    if model.observed is not None:
        return dict(model.observed.values)
    facts: dict[str, Any] = {}
    if model.developer is not None:
        facts["owned_by"] = model.developer
    if model.context_window_in_force is not None:
        facts["context_window"] = model.context_window_in_force
    if model.max_output_tokens is not None:
        facts["max_completion_tokens"] = model.max_output_tokens
    facts["active"] = True
    return facts


def export_entry(model: Model) -> dict[str, Any]:
    """The model as a live list would show it."""
    return {"id": model.id, "object": "model", **comparable_facts(model)}


def observation_block(facts: dict[str, Any], first_seen: dt.date, last_seen: dt.date) -> dict:
    """The `observed` mapping to write for facts seen between two dates, in schema order."""
    return {"first_seen": first_seen.isoformat(), "last_seen": last_seen.isoformat(), **facts}
