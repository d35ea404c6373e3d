"""The built site: strict build, a page per model, exports that match the catalog, edit links."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from scripts.catalog import build_catalog, load_documents
from tests.conftest import CATALOG, make_site_project, run_cli, run_tool


def catalog_yaml() -> dict[str, dict]:
    """Each model file as plain YAML, read independently of the project's loader."""
    return {
        p.relative_to(CATALOG / "groq" / "models").with_suffix("").as_posix(): yaml.safe_load(
            p.read_text()
        )
        for p in (CATALOG / "groq" / "models").rglob("*.yaml")
    }


def test_every_model_has_a_page_with_its_exact_id(built_site: Path) -> None:
    models = catalog_yaml()
    assert len(models) == 19
    for model_id, data in models.items():
        page = (built_site / "models" / "groq" / model_id / "index.html").read_text()
        assert f"<code>{model_id}\n</code>" in page or f"<code>{model_id}</code>" in page
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
        assert heading
        assert html.unescape(re.sub(r"<a .*?</a>", "", heading.group(1))) == data["name"]
        assert f"<title>{data['name']} - modelcat</title>" in page


def test_home_table_lists_every_model_and_links_its_page(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    for model_id in catalog_yaml():
        assert f'href="models/groq/{model_id}/"' in home


def test_model_pages_are_kept_out_of_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    navigation = "".join(re.findall(r'<nav class="md-nav.*?</nav>', home, re.DOTALL))
    assert navigation
    assert "models/groq/" not in navigation


def test_catalog_export_holds_every_field_of_every_file(built_site: Path) -> None:
    export = json.loads((built_site / "api" / "models.json").read_text())
    assert export["schema_version"] == 1
    [provider] = export["providers"]
    provider_yaml = yaml.safe_load((CATALOG / "groq" / "provider.yaml").read_text())
    assert {k: v for k, v in provider.items() if k != "models"} == provider_yaml
    assert {m["id"]: m for m in provider["models"]} == catalog_yaml()


def test_openai_list_export_holds_callable_models_in_list_format(built_site: Path) -> None:
    listing = json.loads((built_site / "api" / "groq" / "models.json").read_text())
    assert listing["object"] == "list"
    models = catalog_yaml()
    expected_live = {
        model_id
        for model_id, data in models.items()
        if data.get("callable_id", True) and data["status"] not in {"offline", "coming-soon"}
    }
    assert {item["id"] for item in listing["data"]} == expected_live
    for item in listing["data"]:
        data = models[item["id"]]
        assert item["object"] == "model"
        assert item["owned_by"] == data["developer"]
        in_force = data.get("temporary_limit", {}).get("context_window", data.get("context_window"))
        assert item.get("context_window") == in_force
        assert item.get("max_completion_tokens") == data.get("max_output_tokens")


def test_csv_export_has_one_row_per_model(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "api" / "models.csv").read_text())))
    assert sorted(r["id"] for r in rows) == sorted(catalog_yaml())
    llama = next(r for r in rows if r["id"] == "llama-3.2-1b-preview")
    assert (llama["context_window"], llama["context_window_in_force"]) == ("131072", "8192")


def test_schemas_are_published(built_site: Path) -> None:
    for kind in ("model", "provider"):
        published = json.loads((built_site / "schema" / f"{kind}.schema.json").read_text())
        assert published == json.loads(
            (CATALOG.parent / "schema" / f"{kind}.schema.json").read_text()
        )


def test_edit_links_point_at_the_yaml_file(built_site: Path) -> None:
    page = (built_site / "models" / "groq" / "gemma2-9b-it" / "index.html").read_text()
    target = "https://github.com/modelcat/modelcat/edit/main/catalog/groq/models/gemma2-9b-it.yaml"
    # Both the page's own link and Material's edit button.
    assert page.count(f'href="{target}"') == 2


def test_site_has_404_page_search_index_and_no_external_font(built_site: Path) -> None:
    assert (built_site / "404.html").is_file()
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    assert any("Mixtral" in doc["title"] for doc in index["docs"])
    assert "fonts.googleapis.com" not in (built_site / "index.html").read_text()


def test_generate_twice_writes_nothing_the_second_time(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = run_cli(["generate", "--catalog", str(CATALOG), "--out", str(out)], cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    written = sorted(p for p in out.rglob("*") if p.is_file())
    mtimes = {p: p.stat().st_mtime_ns for p in written}
    second = run_cli(["generate", "--catalog", str(CATALOG), "--out", str(out)], cwd=tmp_path)
    assert second.returncode == 0
    assert ": 0 written," in second.stdout
    assert {p: p.stat().st_mtime_ns for p in written} == mtimes


def test_generate_removes_the_page_of_a_deleted_model(tmp_path: Path, catalog_copy: Path) -> None:
    out = tmp_path / "docs"
    assert run_cli(["generate", "--out", str(out)], cwd=tmp_path).returncode == 0
    page = out / "models" / "groq" / "gemma-7b-it.md"
    assert page.is_file()
    (catalog_copy / "groq" / "models" / "gemma-7b-it.yaml").unlink()
    result = run_cli(["generate", "--out", str(out)], cwd=tmp_path)
    assert result.returncode == 0
    assert "1 removed" in result.stdout
    assert not page.exists()


def test_generate_refuses_an_invalid_catalog(tmp_path: Path, catalog_copy: Path) -> None:
    (catalog_copy / "groq" / "models" / "bad.yaml").write_text("id: nope\n")
    result = run_cli(["generate", "--out", str(tmp_path / "docs")], cwd=tmp_path)
    assert result.returncode == 1
    assert "catalog/groq/models/bad.yaml:1:5: id 'nope' does not match" in result.stderr
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("tool", ["zensical"])
def test_generated_markdown_builds_with_zensical(tmp_path: Path, tool: str) -> None:
    project = make_site_project(tmp_path / "project")
    generated = run_cli(["generate", "--out", "docs"], cwd=project)
    assert generated.returncode == 0, generated.stderr
    result = run_tool(tool, ["build"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    catalog = build_catalog(load_documents(CATALOG))
    for model in catalog.models:
        page = project / "site" / "models" / "groq" / model.id / "index.html"
        assert model.id in page.read_text()
