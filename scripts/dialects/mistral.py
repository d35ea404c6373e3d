"""Mistral's `GET /v1/models`: `{"object": "list", "data": [...]}` with a Bearer key, no
paging. Each model is listed under every ID that reaches it: an alias entry
(`mistral-large-latest`) has the dated model it resolves to in `name`, and `aliases` lists the
others. Fields: `max_context_length` (tokens), `deprecation` (ISO date-time or null),
`deprecation_replacement_model`; `created` is the time of the response, not of the model, so
it is not an observation. Fine-tuned models (`type: fine-tuned`) belong to the account, not
to the catalog, and are skipped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    day_of_timestamp,
    drop_none,
    list_under,
    openai_envelope,
)


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    model_id = entry.get("id")
    resolves_to = entry.get("name")
    return model_id, {
        "owner": entry.get("owned_by"),
        "context_window": entry.get("max_context_length"),
        "alias_of": resolves_to if resolves_to != model_id else None,
        "aliases": entry.get("aliases") or None,
        "shutdown": day_of_timestamp(entry.get("deprecation")),
        "replacement": entry.get("deprecation_replacement_model"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    shutdown = facts.get("shutdown")
    return drop_none(
        {
            "id": model_id,
            "object": "model",
            "type": "base",
            "owned_by": facts.get("owner"),
            "name": facts.get("alias_of", model_id),
            "max_context_length": facts.get("context_window"),
            "aliases": list(facts.get("aliases", [])),
            "deprecation": f"{shutdown}T12:00:00Z" if shutdown else None,
            "deprecation_replacement_model": facts.get("replacement"),
        }
    )


def is_fine_tune(entry: Entry) -> bool:
    return entry.get("type") == "fine-tuned"


DIALECT = Dialect(
    name="mistral",
    read_entries=list_under("data", "Mistral's list format"),
    translate=translate,
    to_wire=to_wire,
    envelope=openai_envelope,
    skip=is_fine_tune,
)
