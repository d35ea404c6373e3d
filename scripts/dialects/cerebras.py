"""Cerebras' public `GET /public/v1/models` (no key): `{"object": "list", "data": [...]}`
whose entries carry `name`, `owned_by`, `hugging_face_id`, `pricing` {`prompt`,
`completion`} (USD per token, as strings), `limits` {`max_context_length`,
`max_completion_tokens`} and `deprecated` (bool). `created` is a placeholder (0 or 1) in every
copy seen, so it is not an observation. provider.yaml gives the list's URL (`models_url`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    KeyUse,
    drop_none,
    from_per_million,
    list_under,
    nested,
    openai_envelope,
    per_million,
)


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return entry.get("id"), {
        "name": entry.get("name"),
        "owner": entry.get("owned_by"),
        "weights": entry.get("hugging_face_id") or None,
        "context_window": nested(entry, "limits", "max_context_length"),
        "max_output_tokens": nested(entry, "limits", "max_completion_tokens"),
        "input_per_mtok_usd": per_million(nested(entry, "pricing", "prompt")),
        "output_per_mtok_usd": per_million(nested(entry, "pricing", "completion")),
        "deprecated": entry.get("deprecated"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    limits = drop_none(
        {
            "max_context_length": facts.get("context_window"),
            "max_completion_tokens": facts.get("max_output_tokens"),
        }
    )
    pricing = {
        wire: from_per_million(facts[key])
        for wire, key in (("prompt", "input_per_mtok_usd"), ("completion", "output_per_mtok_usd"))
        if key in facts
    }
    return drop_none(
        {
            "id": model_id,
            "object": "model",
            "created": 0,
            "owned_by": facts.get("owner"),
            "name": facts.get("name"),
            "hugging_face_id": facts.get("weights"),
            "pricing": pricing or None,
            "limits": limits or None,
            "deprecated": facts.get("deprecated"),
        }
    )


DIALECT = Dialect(
    name="cerebras",
    read_entries=list_under("data", "Cerebras' public list format"),
    translate=translate,
    to_wire=to_wire,
    envelope=openai_envelope,
    key_use=KeyUse.NEVER,
)
