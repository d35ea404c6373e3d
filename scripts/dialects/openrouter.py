"""OpenRouter's `GET /api/v1/models`: public (a Bearer key is sent only when one is set);
`{"data": [...]}`, paged by `links.next` (a same-origin URL such as
`/api/v1/models?offset=500&limit=500`) where the response has one. Entries: `id` (slug),
`name`, `created` (Unix: added to OpenRouter), `context_length`, `top_provider`
{`context_length`, `max_completion_tokens`}, `pricing` (USD per token, as strings: `prompt`,
`completion`, `input_cache_read`), `hugging_face_id`, `expiration_date` (YYYY-MM-DD: the
slug may be removed after it) and `alias_target` (for `~latest` aliases)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    KeyUse,
    day_of_unix,
    drop_none,
    from_per_million,
    list_under,
    nested,
    per_million,
    unix_of_day,
)


def next_query(payload: Any, query: Mapping[str, str]) -> Mapping[str, str] | None:
    """The query of links.next, when it points at the same list; the fetcher checks the
    origin of every URL it requests anyway."""
    following = nested(payload, "links", "next")
    if not isinstance(following, str) or not following:
        return None
    parts = urlsplit(following)
    if parts.scheme or parts.netloc or not parts.path.endswith("/models"):
        return None  # another place than this list: not followed
    return dict(parse_qsl(parts.query, keep_blank_values=True))


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    pricing = entry.get("pricing")
    price = pricing if isinstance(pricing, Mapping) else {}
    return entry.get("id"), {
        "name": entry.get("name"),
        "created": day_of_unix(entry.get("created")),
        "context_window": entry.get("context_length"),
        "max_output_tokens": nested(entry, "top_provider", "max_completion_tokens"),
        "input_per_mtok_usd": per_million(price.get("prompt")),
        "cached_input_per_mtok_usd": per_million(price.get("input_cache_read")),
        "output_per_mtok_usd": per_million(price.get("completion")),
        "weights": entry.get("hugging_face_id") or None,
        "shutdown": entry.get("expiration_date"),
        "alias_of": entry.get("alias_target"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    pricing = {
        wire: from_per_million(facts[key])
        for wire, key in (
            ("prompt", "input_per_mtok_usd"),
            ("completion", "output_per_mtok_usd"),
            ("input_cache_read", "cached_input_per_mtok_usd"),
        )
        if key in facts
    }
    return drop_none(
        {
            "id": model_id,
            "name": facts.get("name"),
            "created": unix_of_day(facts["created"]) if "created" in facts else None,
            "context_length": facts.get("context_window"),
            "top_provider": {"max_completion_tokens": facts["max_output_tokens"]}
            if "max_output_tokens" in facts
            else None,
            "pricing": pricing or None,
            "hugging_face_id": facts.get("weights"),
            "expiration_date": facts.get("shutdown"),
            "alias_target": facts.get("alias_of"),
        }
    )


def envelope(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"data": entries}


DIALECT = Dialect(
    name="openrouter",
    read_entries=list_under("data", "OpenRouter's list format"),
    translate=translate,
    to_wire=to_wire,
    envelope=envelope,
    key_use=KeyUse.OPTIONAL,
    next_query=next_query,
)
