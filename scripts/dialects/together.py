"""Together's `GET /v1/models` (Bearer key, no paging): a bare JSON array, not an object;
entries `{id, object, created (Unix), type, display_name, organization, context_length,
pricing {input, output (USD per million tokens), hourly, base, finetune}}`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    bare_list,
    day_of_unix,
    drop_none,
    nested,
    unix_of_day,
)


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return entry.get("id"), {
        "name": entry.get("display_name"),
        "owner": entry.get("organization"),
        "created": day_of_unix(entry.get("created")),
        "context_window": entry.get("context_length"),
        "input_per_mtok_usd": nested(entry, "pricing", "input"),
        "output_per_mtok_usd": nested(entry, "pricing", "output"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    pricing = drop_none(
        {"input": facts.get("input_per_mtok_usd"), "output": facts.get("output_per_mtok_usd")}
    )
    return drop_none(
        {
            "id": model_id,
            "object": "model",
            "created": unix_of_day(facts["created"]) if "created" in facts else None,
            "type": "chat",
            "display_name": facts.get("name"),
            "organization": facts.get("owner"),
            "context_length": facts.get("context_window"),
            "pricing": pricing or None,
        }
    )


def envelope(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return entries


DIALECT = Dialect(
    name="together",
    read_entries=bare_list,
    translate=translate,
    to_wire=to_wire,
    envelope=envelope,
)
