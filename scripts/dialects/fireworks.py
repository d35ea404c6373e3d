"""Fireworks' control-plane `GET /v1/accounts/fireworks/models` (Bearer key): paging with
`pageSize` and `pageToken`, the response `{models, nextPageToken, totalSize}`; entries named by
their full ID (`accounts/fireworks/models/<name>`) with `displayName`, `contextLength`,
`createTime`, `huggingFaceUrl` and `deprecationDate` {year, month, day}. provider.yaml gives
the list's URL (`models_url`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from modelcat_registry.dialects.base import (
    Dialect,
    Entry,
    day_of_timestamp,
    drop_none,
    list_under,
    repo_of_hf_url,
)

PAGE_SIZE = "200"


def next_query(payload: Any, query: Mapping[str, str]) -> Mapping[str, str] | None:
    token = payload.get("nextPageToken")
    if not isinstance(token, str) or not token:
        return None
    return {**query, "pageToken": token}


def _date(value: Any) -> Any:
    """A google.type.Date {year, month, day} as YYYY-MM-DD; anything else as it is."""
    if not isinstance(value, Mapping):
        return value
    parts = [value.get(key) for key in ("year", "month", "day")]
    if not all(isinstance(p, int) and not isinstance(p, bool) for p in parts):
        return repr(dict(value))  # refused by the schema check, shown as it came
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return repr(dict(value))


def translate(entry: Entry) -> tuple[str, dict[str, Any]]:
    return entry.get("name"), {
        "name": entry.get("displayName"),
        "created": day_of_timestamp(entry.get("createTime")),
        "context_window": entry.get("contextLength"),
        "weights": repo_of_hf_url(entry.get("huggingFaceUrl")),
        "shutdown": _date(entry.get("deprecationDate")),
    }


def to_wire(model_id: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    shutdown = facts.get("shutdown")
    day = dt.date.fromisoformat(shutdown) if shutdown else None
    return drop_none(
        {
            "name": model_id,
            "displayName": facts.get("name"),
            "createTime": f"{facts['created']}T00:00:00Z" if "created" in facts else None,
            "contextLength": facts.get("context_window"),
            "huggingFaceUrl": f"https://huggingface.co/{facts['weights']}"
            if "weights" in facts
            else None,
            "deprecationDate": {"year": day.year, "month": day.month, "day": day.day}
            if day
            else None,
        }
    )


def envelope(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"models": entries, "totalSize": len(entries)}


DIALECT = Dialect(
    name="fireworks",
    read_entries=list_under("models", "Fireworks' list-models format"),
    translate=translate,
    to_wire=to_wire,
    envelope=envelope,
    first_query={"pageSize": PAGE_SIZE},
    next_query=next_query,
)
