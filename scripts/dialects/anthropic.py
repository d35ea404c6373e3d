"""Anthropic's `GET /v1/models`: headers `x-api-key` and `anthropic-version: 2023-06-01`;
cursor paging (`limit`, `after_id`; the response has `has_more` and `last_id`); entries
`{type: "model", id, display_name, created_at (RFC 3339), max_input_tokens, max_tokens}`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    day_of_timestamp,
    drop_none,
    list_under,
)

API_VERSION = "2023-06-01"
PAGE_SIZE = "1000"


def auth_headers(key: str) -> dict[str, str]:
    return {"x-api-key": key, "anthropic-version": API_VERSION}


def next_query(payload: Any, query: Mapping[str, str]) -> Mapping[str, str] | None:
    if payload.get("has_more") is not True:
        return None
    last = payload.get("last_id")
    if not isinstance(last, str) or not last:
        return None
    return {**query, "after_id": last}


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return entry.get("id"), {
        "name": entry.get("display_name"),
        "created": day_of_timestamp(entry.get("created_at")),
        "context_window": entry.get("max_input_tokens"),
        "max_output_tokens": entry.get("max_tokens"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    created = facts.get("created")
    return drop_none(
        {
            "type": "model",
            "id": model_id,
            "display_name": facts.get("name"),
            "created_at": f"{created}T00:00:00Z" if created else None,
            "max_input_tokens": facts.get("context_window"),
            "max_tokens": facts.get("max_output_tokens"),
        }
    )


def envelope(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "data": entries,
        "has_more": False,
        "first_id": entries[0]["id"] if entries else None,
        "last_id": entries[-1]["id"] if entries else None,
    }


DIALECT = Dialect(
    name="anthropic",
    read_entries=list_under("data", "Anthropic's list format"),
    translate=translate,
    to_wire=to_wire,
    envelope=envelope,
    auth_headers=auth_headers,
    first_query={"limit": PAGE_SIZE},
    next_query=next_query,
)
