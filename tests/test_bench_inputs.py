"""The benchmark's synthetic catalogs are valid, shaped like real entries, and reproducible;
the bench stops with advice when a peer it measures against is missing."""

from __future__ import annotations

import json
from pathlib import Path

from modelcat_registry.bench.synthetic import write_catalog
from modelcat_registry.catalog import build_catalog
from modelcat_registry.loader import load_documents
from modelcat_registry.schemas import SCHEMA_DIR, is_valid_fast, load_schema
from modelcat_registry.validation import validate_catalog


def test_synthetic_catalog_is_valid_and_has_the_fields_real_entries_have(tmp_path: Path) -> None:
    catalog_dir = write_catalog(tmp_path, models=300, providers=3)
    loaded = load_documents(catalog_dir)
    assert validate_catalog(loaded) == []
    catalog = build_catalog(loaded)
    assert len(catalog.models) == 300
    assert len(catalog.providers) == 3
    assert all(len(p.sources) == 12 for p in catalog.providers.values())
    assert {m.status for m in catalog.models} >= {"production", "preview", "offline"}
    assert any("/" in m.id for m in catalog.models)
    assert any(m.temporary_limit for m in catalog.models)
    assert any("audio" in m.input_modalities for m in catalog.models)
    assert all(m.source and m.lifecycle and m.prices and m.observed for m in catalog.models)
    replaced = [m for m in catalog.models if m.lifecycle[0].replacements]
    assert len(replaced) > 50
    for model in replaced:
        statement = model.lifecycle[0]
        assert statement.shutdown is not None
        assert all(catalog.find(model.provider, target) for target in statement.replacements or ())
    assert any(len(m.lifecycle) > 1 and m.lifecycle[1].not_before for m in catalog.models)
    unlimited = [
        limits
        for m in catalog.models
        for limits in m.free_tier_limits
        if "unlimited" in limits.values.values()
    ]
    assert unlimited


def test_synthetic_catalog_is_deterministic(tmp_path: Path) -> None:
    first = write_catalog(tmp_path / "a", models=50, providers=2, seed=3)
    second = write_catalog(tmp_path / "b", models=50, providers=2, seed=3)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert len(files) == 52
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_compiling_the_fast_validator_leaves_the_schema_untouched() -> None:
    assert is_valid_fast("model", {"id": "a", "name": "A", "source": "s", "status": "preview"})
    on_disk = json.loads((SCHEMA_DIR / "model.schema.json").read_text())
    assert load_schema("model") == on_disk


def test_the_bench_stops_with_advice_when_ripgrep_is_missing(tmp_path: Path) -> None:
    """The scan part's peer is Debian's ripgrep: without it, exit 2 and a sentence, no
    traceback and no measuring."""
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run(
        [sys.executable, "-m", "modelcat_registry.bench", "--only", "scan"],
        cwd=REPO,
        env={"PATH": str(tmp_path)},  # a folder with no rg in it
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "apt-get install ripgrep" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
