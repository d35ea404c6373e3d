"""Shared pieces of the drift tests: a live list that matches the bundled catalog."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

from scripts.loopback_provider import groq_like_item
from tests.conftest import CATALOG, run_cli

API_KEY = "gsk_test_0123456789SECRETVALUE"
ENV = {"GROQ_API_KEY": API_KEY}


def sync(
    catalog: Path, base_url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`sync --provider groq --base-url BASE_URL ARGS` from beside the catalog; never leaks."""
    result = run_cli(
        ["sync", "--provider", "groq", "--base-url", base_url, *args],
        cwd=catalog.parent,
        env=ENV if env is None else env,
    )
    assert API_KEY not in result.stdout + result.stderr, "the API key leaked into output"
    return result


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
