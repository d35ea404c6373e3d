"""Shared pieces of the drift tests: a live list that matches the bundled catalog."""

from __future__ import annotations

from typing import Any

import yaml

from scripts.loopback_provider import groq_like_item
from tests.conftest import CATALOG

API_KEY = "gsk_test_0123456789SECRETVALUE"


def matching_live_list() -> list[dict[str, Any]]:
    """What Groq's /models would list if the catalog were exactly right, built from the YAML."""
    items = []
    for path in sorted((CATALOG / "groq" / "models").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if data.get("callable_id") is False or data["status"] in {"offline", "coming-soon"}:
            continue
        window = data.get("temporary_limit", {}).get("context_window", data.get("context_window"))
        extra = {}
        if "max_output_tokens" in data:
            extra["max_completion_tokens"] = data["max_output_tokens"]
        items.append(
            groq_like_item(data["id"], owned_by=data["developer"], context_window=window, **extra)
        )
    return items


def by_id(items: list[dict[str, Any]], model_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == model_id)
