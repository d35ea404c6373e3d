"""A pre-commit run (`validate PATH...`) reads only what it needs, yet reports in the given
files exactly what a run over the whole catalog reports there; its schema checks are
compiled once and cached, and it imports none of the other commands' libraries."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _replaced_by(*replacements: str) -> str:
    """A lifecycle statement naming the models to move to."""
    return (
        "lifecycle:\n  - date: 2024-12-01\n    source: deprecations\n"
        f"    replacements: [{', '.join(replacements)}]\n"
    )


# Files with problems that only rules across files can find.
CROSS_FILE_ENTRIES = {
    # replacements go round: cycle-a -> cycle-b -> cycle-a
    "cycle-a.yaml": "id: cycle-a\n" + _replaced_by("cycle-b"),
    "cycle-b.yaml": "id: cycle-b\n" + _replaced_by("cycle-a"),
    # a replacement no file declares, and a source provider.yaml does not list
    "ghost-ref.yaml": "id: ghost-ref\nname: Ghost\nsource: no-such-source\n"
    + _replaced_by("no-such-model"),
    # the same ID as gemma-7b-it.yaml but for its case
    "GEMMA-7B-IT.yaml": "id: GEMMA-7B-IT\n",
    # a rule of one file, for good measure: 8k is text
    "eight-k.yaml": 'id: eight-k\nsource: models-page-2024-10\ncontext_window: "8k"\n',
}
SELECTED = [
    "catalog/groq/models/cycle-a.yaml",
    "catalog/groq/models/ghost-ref.yaml",
    "catalog/groq/models/GEMMA-7B-IT.yaml",
    "catalog/groq/models/eight-k.yaml",
]


def add_cross_file_problems(catalog: Path) -> None:
    for name, text in CROSS_FILE_ENTRIES.items():
        (catalog / "groq" / "models" / name).write_text(text)
    # Another provider's folder without provider.yaml: a problem outside the given files.
    stray = catalog / "stray" / "models" / "lonely.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text("id: lonely\n")


def errors(stdout: str) -> list[dict[str, object]]:
    return list(json.loads(stdout)["errors"])


def test_a_path_run_reports_exactly_what_the_full_run_reports_for_those_paths(
    catalog_copy: Path,
) -> None:
    add_cross_file_problems(catalog_copy)
    full = run_cli(["validate", "--format", "json"], cwd=catalog_copy.parent)
    partial = run_cli(["validate", "--format", "json", *SELECTED], cwd=catalog_copy.parent)
    assert full.returncode == partial.returncode == 1
    expected = [e for e in errors(full.stdout) if e["path"] in SELECTED]
    assert errors(partial.stdout) == expected
    assert {e["rule"] for e in expected} == {
        "replacement-cycle",
        "unknown-replacement",
        "unknown-source",
        "duplicate-id",
        "string-number",
    }
    # Positions come from the files themselves, parsed again for rules across files.
    cycle = next(e for e in expected if e["rule"] == "replacement-cycle")
    assert (cycle["line"], cycle["column"]) == (5, 20)
    ghost = next(e for e in expected if e["rule"] == "unknown-replacement")
    assert (ghost["path"], ghost["line"], ghost["column"]) == (SELECTED[1], 7, 20)
    # The counts stay the whole catalog's; the other provider's problem stays out.
    whole, part = json.loads(full.stdout), json.loads(partial.stdout)
    assert (part["models"], part["providers"]) == (whole["models"], whole["providers"])
    assert any(e["rule"] == "missing-provider" for e in errors(full.stdout))


def test_a_folder_path_run_matches_the_full_run_for_that_folder(catalog_copy: Path) -> None:
    add_cross_file_problems(catalog_copy)
    full = run_cli(["validate", "--format", "json"], cwd=catalog_copy.parent)
    folder = run_cli(["validate", "--format", "json", "catalog/stray"], cwd=catalog_copy.parent)
    expected = [e for e in errors(full.stdout) if str(e["path"]).startswith("catalog/stray/")]
    assert errors(folder.stdout) == expected
    assert [e["rule"] for e in expected] == ["missing-provider"]


def test_schema_checks_are_cached_and_a_broken_cache_is_ignored(
    catalog_copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    first = run_cli(["validate", "catalog/groq"], cwd=catalog_copy.parent, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    stored = sorted((cache / "modelcat").glob("fastjsonschema-*.marshal"))
    assert len(stored) == 2  # the model schema and the provider schema
    for path in stored:
        path.write_bytes(b"not marshal data")
    (catalog_copy / "groq" / "models" / "eight-k.yaml").write_text(
        CROSS_FILE_ENTRIES["eight-k.yaml"]
    )
    broken = run_cli(["validate", "catalog/groq"], cwd=catalog_copy.parent, env=env)
    assert broken.returncode == 1
    assert "context_window must be an integer, not text; write 8192" in broken.stdout
    unwritable = tmp_path / "a-file"
    unwritable.write_text("")
    no_cache = run_cli(
        ["validate", "catalog/groq"],
        cwd=catalog_copy.parent,
        env={"XDG_CACHE_HOME": str(unwritable)},
    )
    assert no_cache.stdout == broken.stdout
    assert no_cache.stderr == ""


def test_a_one_file_run_imports_no_other_command_library(catalog_copy: Path) -> None:
    result = run_cli(
        ["validate", "catalog/groq/models/gemma-7b-it.yaml"],
        cwd=catalog_copy.parent,
        env={"PYTHONPROFILEIMPORTTIME": "1"},
    )
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "modelcat_registry.validation" in imported
    for library in (
        "jsonschema",
        "httpx",
        "jinja2",
        "markupsafe",
        "modelcat_registry.scan",
        "mkdocs",
    ):
        assert library not in imported, library
