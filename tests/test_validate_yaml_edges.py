"""Edge cases of reading YAML: characters that YAML 1.1 and YAML 1.2 tools read differently.
(Files that are refused are cases of tests/bad_inputs/; these are files that must be read.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelcat_registry.yaml_source import parse_yaml
from tests.conftest import run_cli

YAML11_ONLY_BREAKS = {"line-separator": "\u2028", "paragraph-separator": "\u2029", "nel": "\x85"}


def model(catalog: Path) -> Path:
    return catalog / "groq" / "models" / "allam-2-7b.yaml"


@pytest.mark.parametrize("character", YAML11_ONLY_BREAKS.values(), ids=YAML11_ONLY_BREAKS)
@pytest.mark.parametrize("where", ["own-line", "after-a-value"])
def test_a_comment_may_hold_a_character_yaml_11_takes_for_a_line_break(
    catalog_copy: Path, character: str, where: str
) -> None:
    path = model(catalog_copy)
    text = path.read_text(encoding="utf-8")
    if where == "own-line":
        text = text.replace(
            "id: allam-2-7b\n", f"# pasted{character} from the page\nid: allam-2-7b\n"
        )
    else:
        text = text.replace("context_window: 4096\n", f"context_window: 4096 # a{character}b\n")
    path.write_text(text, encoding="utf-8")

    result = run_cli(["validate", "--format", "json"], cwd=catalog_copy.parent)

    assert result.returncode == 0, result.stdout + result.stderr
    assert '"valid": true' in result.stdout


def test_positions_after_such_a_comment_are_the_editors_lines(catalog_copy: Path) -> None:
    path = model(catalog_copy)
    text = path.read_text(encoding="utf-8").replace(
        "id: allam-2-7b\n", "# pasted\u2028from\u2028the page\nid: allam-2-7b\n"
    )
    text = text.replace("context_window: 4096\n", 'context_window: "4k"\n')
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index('context_window: "4k"') + 1

    result = run_cli(
        ["validate", str(path.relative_to(catalog_copy.parent))], cwd=catalog_copy.parent
    )

    assert result.returncode == 1
    assert result.stdout.startswith(
        f"catalog/groq/models/allam-2-7b.yaml:{line}:17: context_window must be an integer"
    ), result.stdout


@pytest.mark.parametrize("character", YAML11_ONLY_BREAKS.values(), ids=YAML11_ONLY_BREAKS)
def test_positions_after_such_a_character_in_a_value_are_the_editors_lines(
    catalog_copy: Path, character: str
) -> None:
    """libyaml ends a line there (a double-quoted value folds it, or keeps it and is
    refused); an editor and GitHub's annotations do not."""
    path = model(catalog_copy)
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: allam-2-7b\n", f'id: allam-2-7b\nname: "ALLaM{character}2 7B"\n')
    text = text.replace("context_window: 4096\n", 'context_window: "4k"\n')
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    window_at = lines.index('context_window: "4k"') + 1

    result = run_cli(
        ["validate", str(path.relative_to(catalog_copy.parent))], cwd=catalog_copy.parent
    )

    assert result.returncode == 1, result.stdout + result.stderr
    reported = [line.split(":")[1:3] for line in result.stdout.splitlines() if ": " in line]
    assert [str(window_at), "17"] in reported, result.stdout


def test_a_line_separator_in_a_value_is_still_refused() -> None:
    [issue] = parse_yaml("name: Llama\u20283 # a comment\n").issues
    assert issue.rule == "yaml-syntax"


def test_the_hex_number_message_says_what_is_wrong_without_a_false_claim() -> None:
    [issue] = parse_yaml("max_output_tokens: 0x2000\n").issues
    assert (issue.rule, issue.span.line, issue.span.column) == ("hex-number", 1, 20)
    assert issue.message == (
        "'0x2000' is a hexadecimal number (8192); write the decimal number 8192 as the source "
        'states it, or quote it ("0x2000") if you mean text'
    )
