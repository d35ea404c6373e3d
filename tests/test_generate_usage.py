"""`modelcat generate` refuses a docs folder or a MkDocs config it cannot use with one sentence
and exit 2, before writing anything; the default mkdocs.yml may be absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

PREFIX = "modelcat generate: error: "


def refused(args: list[str], cwd: Path) -> str:
    result = run_cli(["generate", *args], cwd=cwd)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(PREFIX) and result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix(PREFIX).rstrip("\n")


@pytest.mark.parametrize("clean", [[], ["--clean"]], ids=["generate", "clean"])
def test_generate_out_an_existing_file_is_a_usage_error(
    catalog_copy: Path, tmp_path: Path, clean: list[str]
) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    message = refused(["--out", "notes.txt", *clean], tmp_path)
    assert message == (
        "--out notes.txt is a file, not a folder; give the folder to write the pages into"
    )
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_generate_out_below_a_file_is_a_usage_error(catalog_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    message = refused(["--out", "notes.txt/docs"], tmp_path)
    assert message == (
        "--out notes.txt/docs is inside notes.txt, which is a file, not a folder; give the "
        "folder to write the pages into"
    )


def test_generate_config_that_does_not_exist_is_a_usage_error(
    catalog_copy: Path, tmp_path: Path
) -> None:
    message = refused(["--config", "/nonexistent.yml"], tmp_path)
    assert message == (
        "--config /nonexistent.yml does not exist; give the MkDocs config that has repo_url "
        "and edit_uri, or leave --config out"
    )
    assert not (tmp_path / "docs").exists()


def test_generate_config_that_is_a_folder_is_a_usage_error(
    catalog_copy: Path, tmp_path: Path
) -> None:
    message = refused(["--config", "catalog"], tmp_path)
    assert message.startswith("--config catalog is not a file; ")


def test_generate_config_that_is_not_yaml_is_a_usage_error(
    catalog_copy: Path, tmp_path: Path
) -> None:
    (tmp_path / "mkdocs.yml").write_text("repo_url: [\n")
    message = refused(["--config", "mkdocs.yml"], tmp_path)
    assert message == (
        "mkdocs.yml cannot be read as a MkDocs config (expected the node content, but found "
        "'<stream end>' at 2:1); fix it or give another --config"
    )
    assert not (tmp_path / "docs").exists()


def test_generate_without_the_default_mkdocs_yml_still_builds(
    catalog_copy: Path, tmp_path: Path
) -> None:
    assert not (tmp_path / "mkdocs.yml").exists()
    result = run_cli(["generate", "--as-of", "2026-01-01"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "index.md").is_file()


def test_generate_twins_writes_the_markdown_twins_into_the_site_once(
    catalog_copy: Path, tmp_path: Path
) -> None:
    args = ["generate", "--as-of", "2026-01-01", "--twins", "site"]
    first = run_cli(args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    twins = sorted((tmp_path / "site").rglob("index.md"))
    lines = first.stdout.splitlines()
    assert lines[1] == f"Markdown twins in site: {len(twins)} written, 0 unchanged"
    assert len(twins) == len(list(catalog_copy.glob("*/models/**/*.yaml")))
    assert {p.relative_to(tmp_path / "site").parts[0] for p in twins} == {"models"}
    assert not list((tmp_path / "docs").rglob(".twins")), "the docs folder holds no twins"
    again = run_cli(args, cwd=tmp_path)
    assert (
        again.stdout.splitlines()[1] == f"Markdown twins in site: 0 written, {len(twins)} unchanged"
    )


def test_generate_twins_with_clean_is_a_usage_error(catalog_copy: Path, tmp_path: Path) -> None:
    message = refused(["--clean", "--twins", "site"], tmp_path)
    assert message == "--twins writes into a built site; leave it out with --clean"


def test_generate_twins_into_a_file_is_a_usage_error(catalog_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "site").write_text("keep me")
    message = refused(["--twins", "site"], tmp_path)
    assert message == (
        "--twins site is a file, not a folder; give the folder to write the Markdown twins "
        "(the built site) into"
    )
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("folder", ["docs", "site"])
def test_a_folder_link_out_of_the_written_folder_is_one_sentence(
    catalog_copy: Path, tmp_path: Path, folder: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / folder / "models").mkdir(parents=True)
    (tmp_path / folder / "models" / "groq").symlink_to(outside)
    result = run_cli(["generate", "--as-of", "2026-01-01", "--twins", "site"], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"{PREFIX}refusing to write ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.endswith(
        f": {folder}/models/groq leads outside {folder} (a symbolic link); replace it with a "
        "real folder\n"
    )
    assert list(outside.iterdir()) == []
