"""The drift invariant against a real capture of GroqCloud's GET /models (early 2026, recorded
as of 2025-12-19, its newest model's creation day): after `sync --write`, a second `sync`
reports no drift at all, and nothing but `observed` blocks, the provider's `checks` and its
newest `capture.json` changed; and writing it again reproduces the committed catalog."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CATALOG

CAPTURE = Path(__file__).parent / "data" / "groq-models-api-2026.json"
CAPTURE_DAY = "2025-12-19"
# A top-level `observed:` or `checks:` key and every indented line under it, to the next
# top-level key: what sync --write records.
RECORDED_BLOCK = re.compile(r"^(?:observed|checks):[^\n]*\n(?:[ \t]+[^\n]*\n|\n)*", re.MULTILINE)


def strip_observed(text: str) -> str:
    return RECORDED_BLOCK.sub("", text)


def sync(catalog: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m modelcat_registry sync` against the capture, run from beside the catalog."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "modelcat_registry",
            "sync",
            "--catalog",
            catalog.name,
            "--provider",
            "groq",
            "--from-file",
            str(CAPTURE),
            "--as-of",
            CAPTURE_DAY,
            *args,
        ],
        cwd=catalog.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def snapshot(catalog: Path) -> dict[str, bytes]:
    return {
        path.relative_to(catalog).as_posix(): path.read_bytes()
        for path in sorted(catalog.rglob("*"))
        if path.is_file()
    }


def assert_no_drift(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["drift"] is False
    (groq,) = report["providers"]
    assert groq["checked"] is True
    for kind in ("added", "removed", "changed", "relisted"):
        assert groq[kind] == [], kind


def test_strip_observed_removes_only_the_observed_block() -> None:
    text = "id: x\nname: X  # a comment\nobserved:\n  - first_seen: 2025-12-19\n    owner: A\n"
    assert strip_observed(text) == "id: x\nname: X  # a comment\n"
    assert strip_observed("id: g\nchecks:\n  - date: 2025-12-19\nx: 1\n") == "id: g\nx: 1\n"
    assert (
        strip_observed("id: x\nnotes: >-\n  observed: no\n") == "id: x\nnotes: >-\n  observed: no\n"
    )


@pytest.fixture
def stripped_catalog(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the catalog without any observation, and its bytes."""
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    for path in catalog.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(strip_observed(text), encoding="utf-8", newline="")
    (catalog / "groq" / "capture.json").unlink()
    before = snapshot(catalog)
    assert not any(b"\nobserved:" in data for data in before.values())
    return catalog, before


def test_write_then_sync_against_the_capture_reports_no_drift(
    stripped_catalog: tuple[Path, dict[str, bytes]],
) -> None:
    catalog, before = stripped_catalog
    first = sync(catalog, "--write", "--format", "json")
    assert first.returncode == 1, first.stdout + first.stderr  # 20 models never observed
    assert "Traceback" not in first.stderr
    assert_no_drift(sync(catalog, "--format", "json"))
    after = snapshot(catalog)
    assert sorted(set(after) - set(before)) == ["groq/capture.json"]  # nothing else created
    assert set(before) <= set(after)  # nothing deleted
    changed = sorted(name for name in before if after[name] != before[name])
    assert len(changed) == 21  # the 20 models the capture lists, and the provider's checks
    for name in before:
        # Documented facts, comments and every other byte are untouched.
        assert strip_observed(after[name].decode("utf-8")).encode("utf-8") == before[name], name


def test_write_reproduces_the_committed_observations_byte_for_byte(
    stripped_catalog: tuple[Path, dict[str, bytes]],
) -> None:
    catalog, _ = stripped_catalog
    sync(catalog, "--write")
    assert snapshot(catalog) == snapshot(CATALOG)


def test_write_against_the_committed_catalog_changes_nothing(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    before = snapshot(catalog)
    result = sync(catalog, "--write", "--format", "json")
    assert_no_drift(result)
    assert "updated" not in result.stderr and "created" not in result.stderr
    assert snapshot(catalog) == before
