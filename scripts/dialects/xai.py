"""xAI's `GET /v1/language-models` (Bearer key, no paging): `{"models": [...]}` with `id`,
`created` (Unix), `owned_by`, `aliases`, and prices as integers in US cents per 100 million
tokens (`prompt_text_token_price`, `cached_prompt_text_token_price`,
`completion_text_token_price`: 30000 is $3.00 per million)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    day_of_unix,
    drop_none,
    list_under,
    per_million,
    unix_of_day,
)

CENTS = 100
PER_TOKENS = 100_000_000
_PRICES = (
    ("prompt_text_token_price", "input_per_mtok_usd"),
    ("cached_prompt_text_token_price", "cached_input_per_mtok_usd"),
    ("completion_text_token_price", "output_per_mtok_usd"),
)


def _price(value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        return value  # not an integer count of cents: the schema check refuses it
    return per_million(value, unit_per_dollar=CENTS, per_tokens=PER_TOKENS)


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return entry.get("id"), {
        "owner": entry.get("owned_by"),
        "created": day_of_unix(entry.get("created")),
        "aliases": entry.get("aliases") or None,
        **{key: _price(entry.get(wire)) for wire, key in _PRICES},
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    prices = {
        wire: int(Decimal(str(facts[key])) * CENTS * PER_TOKENS / 1_000_000)
        for wire, key in _PRICES
        if key in facts
    }
    return drop_none(
        {
            "id": model_id,
            "object": "model",
            "created": unix_of_day(facts["created"]) if "created" in facts else None,
            "owned_by": facts.get("owner"),
            "aliases": list(facts.get("aliases", [])),
            **prices,
        }
    )


def refuses_key(status: int, body: Any) -> bool:
    """xAI answers a wrong key with HTTP 400 and `{"code": ..., "error": "Incorrect API key
    provided: ..."}`."""
    error = body.get("error") if isinstance(body, dict) else None
    return status == 400 and isinstance(error, str) and "API key" in error


def envelope(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"models": entries}


DIALECT = Dialect(
    name="xai",
    read_entries=list_under("models", "xAI's language-models format"),
    translate=translate,
    to_wire=to_wire,
    envelope=envelope,
    list_path="/language-models",
    refuses_key=refuses_key,
)
