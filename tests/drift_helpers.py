"""Shared pieces of the drift tests: a small literal catalog and the live list that matches it.

tests/data/drift/ holds both as files written by hand, so that what the tests expect never
comes from the code under test (and does not move when the bundled catalog grows).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

API_KEY = "gsk_test_0123456789SECRETVALUE"
ENV = {"GROQ_API_KEY": API_KEY}
DRIFT_DATA = Path(__file__).parent / "data" / "drift"
AS_OF = "2026-01-01"
AS_OF_DAY = dt.date(2026, 1, 1)


def copy_drift_catalog(target: Path) -> Path:
    """A writable copy of tests/data/drift/catalog at target/catalog."""
    catalog = target / "catalog"
    shutil.copytree(DRIFT_DATA / "catalog", catalog)
    return catalog


def matching_live_list() -> list[dict[str, Any]]:
    """The live list that shows no drift against the drift catalog (a literal file)."""
    return json.loads((DRIFT_DATA / "live-matching.json").read_text())["data"]


def sync(
    catalog: Path, base_url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`sync --provider groq --base-url BASE_URL --as-of AS_OF ARGS` from beside the catalog;
    never leaks the key."""
    result = run_cli(
        ["sync", "--provider", "groq", "--base-url", base_url, "--as-of", AS_OF, *args],
        cwd=catalog.parent,
        env=ENV if env is None else env,
    )
    assert API_KEY not in result.stdout + result.stderr, "the API key leaked into output"
    return result


def by_id(items: list[dict[str, Any]], model_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == model_id)
