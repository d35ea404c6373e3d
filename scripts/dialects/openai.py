"""OpenAI's `GET /v1/models`: `{"object": "list", "data": [...]}` with a Bearer key, no paging.
Entries: `id`, `object`, `created` (Unix seconds), `owned_by`, and since 2026 `shutdown_date`
(YYYY-MM-DD or null). The plain OpenAI list: a provider that speaks it needs only a
provider.yaml with `dialect: openai`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    day_of_unix,
    drop_none,
    list_under,
    openai_envelope,
    unix_of_day,
)

read_entries = list_under("data", "the OpenAI list format")


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return entry.get("id"), {
        "owner": entry.get("owned_by"),
        "created": day_of_unix(entry.get("created")),
        "shutdown": entry.get("shutdown_date"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    return drop_none(
        {
            "id": model_id,
            "object": "model",
            "created": unix_of_day(facts["created"]) if "created" in facts else None,
            "owned_by": facts.get("owner"),
            "shutdown_date": facts.get("shutdown"),
        }
    )


DIALECT = Dialect(
    name="openai",
    read_entries=read_entries,
    translate=translate,
    to_wire=to_wire,
    envelope=openai_envelope,
)
