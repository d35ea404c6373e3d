"""The `validate` command's contract: formats, exit codes, path selection, hard limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelcat_registry.loader import MAX_FILE_BYTES
from tests.conftest import run_cli
from tests.in_process import run_main

BAD_VALUE = "catalog/groq/models/gemma2-9b-it.yaml"


def catalog_counts(catalog: Path) -> tuple[int, int]:
    """The models and providers of a catalog, counted from its files: every model file of
    every provider, and every provider.yaml."""
    models = len(list(catalog.glob("*/models/**/*.yaml")))
    providers = len(list(catalog.glob("*/provider.yaml")))
    assert models > 1 and providers > 1, "the bundled catalog has several models and providers"
    return models, providers


def counts_text(catalog: Path) -> str:
    """What the summary line says of those counts (both plural in the bundled catalog)."""
    models, providers = catalog_counts(catalog)
    return f"{models} models, {providers} providers"


def break_context_window(catalog: Path) -> None:
    path = catalog / "groq" / "models" / "gemma2-9b-it.yaml"
    path.write_text(path.read_text().replace("context_window: 8192", 'context_window: "8k"'))


def test_valid_catalog_text_summary_and_exit_0(catalog_copy: Path) -> None:
    result = run_cli(["validate"], cwd=catalog_copy.parent)
    assert result.returncode == 0
    assert result.stdout == f"catalog OK: {counts_text(catalog_copy)}\n"
    assert result.stderr == ""


def test_text_format_is_path_line_col_message(catalog_copy: Path) -> None:
    break_context_window(catalog_copy)
    result = run_cli(["validate"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{BAD_VALUE}:10:17: context_window must be an integer, not text; "
        "write 8192, not '8k' [string-number]",
        f"catalog invalid: 1 problem in 1 file ({counts_text(catalog_copy)})",
    ]


def test_json_format(catalog_copy: Path) -> None:
    break_context_window(catalog_copy)
    result = run_cli(["validate", "--format", "json"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    models, providers = catalog_counts(catalog_copy)
    assert json.loads(result.stdout) == {
        "valid": False,
        "models": models,
        "providers": providers,
        "errors": [
            {
                "path": BAD_VALUE,
                "line": 10,
                "column": 17,
                "rule": "string-number",
                "message": "context_window must be an integer, not text; write 8192, not '8k'",
            }
        ],
    }


def test_github_format_escapes_properties_and_message(catalog_copy: Path) -> None:
    break_context_window(catalog_copy)
    result = run_cli(["validate", "--format", "github"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first == (
        f"::error file={BAD_VALUE},line=10,col=17,title=catalog%3A string-number::"
        "context_window must be an integer, not text; write 8192, not '8k'"
    )


def test_paths_limit_the_report_but_cross_file_rules_see_everything(catalog_copy: Path) -> None:
    break_context_window(catalog_copy)
    other = "catalog/groq/models/gemma-7b-it.yaml"
    ok = run_cli(["validate", other], cwd=catalog_copy.parent)
    assert ok.returncode == 0, ok.stdout
    bad = run_cli(["validate", BAD_VALUE, other], cwd=catalog_copy.parent)
    assert bad.returncode == 1
    assert bad.stdout.startswith(BAD_VALUE + ":10:17:")
    # A new file whose ID clashes with an untouched file is still caught.
    clash = catalog_copy / "groq" / "models" / "GEMMA-7B-IT.yaml"
    clash.write_text("id: GEMMA-7B-IT\n")
    result = run_cli(["validate", "catalog/groq/models/GEMMA-7B-IT.yaml"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    assert "[duplicate-id]" in result.stdout
    assert "gemma-7b-it.yaml" in result.stdout


def test_usage_errors_exit_2(catalog_copy: Path) -> None:
    unknown_flag = run_cli(["validate", "--frmat", "json"], cwd=catalog_copy.parent)
    assert unknown_flag.returncode == 2
    assert "unrecognized arguments" in unknown_flag.stderr
    missing = run_cli(["validate", "--catalog", "nowhere"], cwd=catalog_copy.parent)
    assert missing.returncode == 2
    assert "catalog folder 'nowhere' does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    outside = run_cli(["validate", "README.md"], cwd=catalog_copy.parent.parent)
    assert outside.returncode == 2
    bad_format = run_cli(["validate", "--format", "xml"], cwd=catalog_copy.parent)
    assert bad_format.returncode == 2
    no_command = run_cli([], cwd=catalog_copy.parent)
    assert no_command.returncode == 2


def test_zero_byte_file_is_reported_as_empty(catalog_copy: Path) -> None:
    (catalog_copy / "groq" / "models" / "blank.yaml").write_bytes(b"")
    result = run_cli(["validate"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    assert "catalog/groq/models/blank.yaml:1:1: file is empty" in result.stdout


def test_oversized_file_is_rejected_without_parsing(catalog_copy: Path) -> None:
    huge = catalog_copy / "groq" / "models" / "huge.yaml"
    huge.write_text("id: huge\nnotes: " + "x" * MAX_FILE_BYTES + "\n")
    result = run_cli(["validate"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    assert "catalog/groq/models/huge.yaml:1:1: file is" in result.stdout
    assert "[file-too-large]" in result.stdout


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_cli(["--help"], cwd=tmp_path)
    assert result.returncode == 0
    assert "validate" in result.stdout


def test_a_dangling_link_is_reported_not_a_traceback(catalog_copy: Path) -> None:
    (catalog_copy / "groq" / "models" / "ghost.yaml").symlink_to(catalog_copy / "nowhere.yaml")
    result = run_cli(["validate"], cwd=catalog_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(
        "catalog/groq/models/ghost.yaml:1:1: this path is a symbolic link to nothing (its target "
        "is missing); replace it with the file itself or delete it [unreadable]\n"
    )


AS_OF_COMMANDS = {
    "validate": ["validate"],
    "generate": ["generate", "--out", "docs"],
    "sync": ["sync", "--provider", "groq", "--from-file", "payload.json"],
    "scan": ["scan", "--catalog", "catalog", "."],
    "new": ["new", "--provider", "groq", "--id", "fresh-model"],
    "new-provider": ["new-provider", "--id", "fresh"],
}


@pytest.mark.parametrize("command", sorted(AS_OF_COMMANDS))
@pytest.mark.parametrize(
    ("flag", "env", "shown"),
    [
        (["--as-of", "garbage"], {}, "--as-of must be a real date written YYYY-MM-DD, such as "
         "2026-01-31, not 'garbage'"),
        (["--as-of", "2026-13-45"], {}, "--as-of must be a real date written YYYY-MM-DD, such as "
         "2026-01-31, not '2026-13-45'"),
        ([], {"MODELCAT_AS_OF": "bogus"}, "MODELCAT_AS_OF must be a real date written "
         "YYYY-MM-DD, such as 2026-01-31, not 'bogus'"),
    ],
    ids=["word", "month-13", "environment"],
)  # fmt: skip
def test_a_bad_as_of_is_a_usage_error_in_every_command(
    drift_catalog: Path, command: str, flag: list[str], env: dict[str, str], shown: str
) -> None:
    """validate and new used to ignore it and say "catalog OK" (issue 23, item 5)."""
    folder = drift_catalog.parent
    (folder / "payload.json").write_text('{"object": "list", "data": []}')
    before = sorted(folder.rglob("*"))
    outcome = run_main([*AS_OF_COMMANDS[command], *flag], folder, env)
    assert outcome.code == 2, outcome.output
    assert outcome.stdout == ""
    assert outcome.stderr == f"modelcat {command}: error: {shown}\n"
    assert sorted(folder.rglob("*")) == before, "nothing is written"
