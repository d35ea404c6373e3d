"""The schema is the one owner of field facts: a new tier value needs the schema and nothing
else — validation, scaffolding and the site pick it up."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from modelcat_registry import schemas
from modelcat_registry.site.generate import generate
from modelcat_registry.site.render import SiteSettings
from modelcat_registry.valid_catalog import load_valid_catalog
from tests.conftest import REPO, run_tool
from tests.drift_helpers import copy_drift_catalog

AS_OF = "2026-01-01"


def html_text(html: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


def _clear_caches() -> None:
    for cached in (schemas.load_schema, schemas._compiled, schemas.validator_for):
        cached.cache_clear()


@pytest.fixture
def schema_with_a_beta_tier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path / "schema"
    shutil.copytree(REPO / "schema", folder)
    model = json.loads((folder / "model.schema.json").read_text())
    status = model["properties"]["status"]
    status["enum"].append("beta")
    status["x-enum-descriptions"]["beta"] = "Callable, with limits that may still change."
    (folder / "model.schema.json").write_text(json.dumps(model))
    monkeypatch.setattr(schemas, "SCHEMA_DIR", folder)
    _clear_caches()
    yield
    _clear_caches()


def test_a_new_tier_in_the_schema_validates_and_builds_the_site(
    schema_with_a_beta_tier: None, tmp_path: Path
) -> None:
    import datetime as dt

    catalog = copy_drift_catalog(tmp_path)
    entry = catalog / "groq" / "models" / "alpha-8b.yaml"
    entry.write_text(entry.read_text().replace("status: production", "status: beta"))
    assert schemas.enum_values("model", ("status",))[-1] == "beta"

    _, loaded = load_valid_catalog(catalog)

    docs = tmp_path / "project" / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns(".generated"))
    generate(loaded, docs, SiteSettings("https://example.com/edit/main/", dt.date(2026, 1, 1)))
    page = (docs / "models" / "groq" / "alpha-8b.md").read_text()
    assert "mc-tier--beta" in page
    config = (
        (REPO / "mkdocs.yml").read_text().replace("hooks:\n  - scripts/site/mkdocs_hooks.py\n", "")
    )
    (docs.parent / "mkdocs.yml").write_text(config)
    shutil.copytree(REPO / "overrides", docs.parent / "overrides")
    (docs.parent / "CONTRIBUTING.md").write_text("# Contributing\n")
    result = run_tool("mkdocs", ["build", "--quiet"], docs.parent)
    assert result.returncode == 0, result.stderr
    html = (docs.parent / "site" / "models" / "groq" / "alpha-8b" / "index.html").read_text()
    assert "mc-tier--beta" in html
    assert "Beta: Callable, with limits that may still change." in html_text(html)


def test_an_unknown_tier_is_still_refused_with_the_schemas_choices(tmp_path: Path) -> None:
    catalog = copy_drift_catalog(tmp_path)
    entry = catalog / "groq" / "models" / "alpha-8b.yaml"
    entry.write_text(entry.read_text().replace("status: production", "status: beta"))
    from modelcat_registry.valid_catalog import check_catalog

    [problem] = check_catalog(catalog).problems
    assert problem.rule == "enum"
    assert "status must be one of production, preview, coming-soon, offline, not 'beta'" in (
        problem.message
    )
