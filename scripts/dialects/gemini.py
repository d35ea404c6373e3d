"""The Gemini API's `GET /v1beta/models`: header `x-goog-api-key` (the key never goes in the
query string, where logs and proxies keep it); paging with `pageSize` and `pageToken`, the
response's `nextPageToken` absent on the last page; entries named `models/<id>` with
`displayName`, `inputTokenLimit` and `outputTokenLimit`. An invalid key is answered with
HTTP 400 and reason API_KEY_INVALID, not 401."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    drop_none,
    list_under,
    nested,
    strip_models_prefix,
)

PAGE_SIZE = "1000"


def auth_headers(key: str) -> dict[str, str]:
    return {"x-goog-api-key": key}


def next_query(payload: Any, query: Mapping[str, str]) -> Mapping[str, str] | None:
    token = payload.get("nextPageToken")
    if not isinstance(token, str) or not token:
        return None
    return {**query, "pageToken": token}


def refuses_key(status: int, body: Any) -> bool:
    if status != 400:
        return False
    details = nested(body, "error", "details")
    reasons = (
        [d.get("reason") for d in details if isinstance(d, Mapping)]
        if isinstance(details, list)
        else []
    )
    message = nested(body, "error", "message")
    return "API_KEY_INVALID" in reasons or (
        isinstance(message, str) and "API key not valid" in message
    )


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return strip_models_prefix(entry.get("name")), {
        "name": entry.get("displayName"),
        "context_window": entry.get("inputTokenLimit"),
        "max_output_tokens": entry.get("outputTokenLimit"),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    return drop_none(
        {
            "name": f"models/{model_id}",
            "displayName": facts.get("name"),
            "inputTokenLimit": facts.get("context_window"),
            "outputTokenLimit": facts.get("max_output_tokens"),
        }
    )


def envelope(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"models": entries}


_read_models = list_under("models", "the Gemini API's list format")


def read_entries(payload: Any) -> list[Any]:
    """The page's models; a page with none leaves the key out."""
    if isinstance(payload, dict) and "models" not in payload:
        return []
    return list(_read_models(payload))


DIALECT = Dialect(
    name="gemini",
    read_entries=read_entries,
    translate=translate,
    to_wire=to_wire,
    envelope=envelope,
    auth_headers=auth_headers,
    first_query={"pageSize": PAGE_SIZE},
    next_query=next_query,
    refuses_key=refuses_key,
)
