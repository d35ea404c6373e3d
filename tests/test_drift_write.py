"""`sync --write`: fixes exactly the drifted values, adds reviewed stubs, deletes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.loopback_provider import LoopbackProvider, groq_like_item
from tests.conftest import run_cli
from tests.drift_helpers import API_KEY, by_id, matching_live_list, sync


@pytest.fixture
def drifted() -> Iterator[LoopbackProvider]:
    live = matching_live_list()
    by_id(live, "llama3-8b-8192")["context_window"] = 16384
    by_id(live, "mixtral-8x7b-32768")["owned_by"] = "Mistral AI"
    by_id(live, "whisper-large-v3")["context_window"] = 448
    by_id(live, "llama-3.2-3b-preview")["context_window"] = 131072
    live.remove(by_id(live, "gemma-7b-it"))
    live.append(
        groq_like_item(
            "llama-3.3-70b-versatile", context_window=131072, max_completion_tokens=32768
        )
    )
    live.append(groq_like_item("openai/gpt-oss-20b", owned_by="OpenAI", context_window=131072))
    with LoopbackProvider(live, API_KEY) as server:
        yield server


def snapshot_files(catalog: Path) -> dict[str, bytes]:
    return {p.relative_to(catalog).as_posix(): p.read_bytes() for p in catalog.rglob("*.yaml")}


def test_write_changes_only_the_drifted_values(
    catalog_copy: Path, drifted: LoopbackProvider
) -> None:
    commented = catalog_copy / "groq" / "models" / "llama3-8b-8192.yaml"
    commented.write_text(
        commented.read_text()
        .replace("context_window: 8192", "context_window:   8192   # as the page says")
        .replace("name: Meta Llama 3 8B", "# reviewed 2024-10-10\nname: Meta Llama 3 8B")
    )
    before = snapshot_files(catalog_copy)

    result = sync(catalog_copy, drifted.base_url, "--write")

    assert result.returncode == 1, result.stderr
    after = snapshot_files(catalog_copy)
    changed = {path for path in before if before[path] != after.get(path)}
    assert changed == {
        "groq/models/llama3-8b-8192.yaml",
        "groq/models/mixtral-8x7b-32768.yaml",
        "groq/models/whisper-large-v3.yaml",
        "groq/models/llama-3.2-3b-preview.yaml",
    }
    assert set(after) - set(before) == {
        "groq/models/llama-3.3-70b-versatile.yaml",
        "groq/models/openai/gpt-oss-20b.yaml",
    }
    assert "groq/models/gemma-7b-it.yaml" in after, "removed models are never deleted"

    def line_diff(path: str) -> list[tuple[str, str]]:
        old, new = before[path].decode().splitlines(), after[path].decode().splitlines()
        return [(a, b) for a, b in zip(old, new, strict=False) if a != b]

    assert line_diff("groq/models/llama3-8b-8192.yaml") == [
        (
            "context_window:   8192   # as the page says",
            "context_window:   16384   # as the page says",
        )
    ]
    assert line_diff("groq/models/mixtral-8x7b-32768.yaml") == [
        ("developer: Mistral", "developer: Mistral AI")
    ]
    # The API serves the full window again: the temporary limit's block goes, nothing else.
    preview_before = before["groq/models/llama-3.2-3b-preview.yaml"].decode().splitlines()
    preview_after = after["groq/models/llama-3.2-3b-preview.yaml"].decode().splitlines()
    limit = preview_before.index("temporary_limit:")
    assert preview_after == preview_before[:limit] + preview_before[limit + 3 :]
    whisper = after["groq/models/whisper-large-v3.yaml"].decode().splitlines()
    old_whisper = before["groq/models/whisper-large-v3.yaml"].decode().splitlines()
    assert whisper == [*old_whisper[:8], "context_window: 448", *old_whisper[8:]]
    assert "updated catalog/groq/models/llama3-8b-8192.yaml: context_window" in result.stderr
    assert "not changed: gemma-7b-it is missing live" in result.stderr


def test_new_models_get_reviewed_stubs_at_the_right_path(
    catalog_copy: Path, drifted: LoopbackProvider
) -> None:
    sync(catalog_copy, drifted.base_url, "--write")
    stub = (catalog_copy / "groq" / "models" / "openai" / "gpt-oss-20b.yaml").read_text()
    lines = stub.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../../schema/model.schema.json"
    assert "id: openai/gpt-oss-20b" in lines
    assert "developer: OpenAI" in lines
    assert "needs_review: true" in lines
    assert "context_window: 131072" in lines
    other = (catalog_copy / "groq" / "models" / "llama-3.3-70b-versatile.yaml").read_text()
    assert "max_output_tokens: 32768" in other.splitlines()


def test_write_is_idempotent_and_leaves_a_valid_catalog(
    catalog_copy: Path, drifted: LoopbackProvider
) -> None:
    sync(catalog_copy, drifted.base_url, "--write")
    once = snapshot_files(catalog_copy)

    second = sync(catalog_copy, drifted.base_url, "--write")
    assert snapshot_files(catalog_copy) == once
    assert "updated" not in second.stderr
    assert "created" not in second.stderr

    check = sync(catalog_copy, drifted.base_url, "--format", "json")
    [provider] = json.loads(check.stdout)["providers"]
    assert provider["added"] == []
    assert provider["changed"] == []
    assert provider["removed"] == [{"id": "gemma-7b-it", "status": "production"}]

    validate = run_cli(["validate"], cwd=catalog_copy.parent)
    assert validate.returncode == 0, validate.stdout
    assert validate.stdout == "catalog OK: 21 models, 1 provider\n"


def test_invalid_live_values_are_not_written(catalog_copy: Path) -> None:
    live = matching_live_list()
    by_id(live, "llama3-8b-8192")["context_window"] = -5
    live.append(groq_like_item("bad id with spaces"))
    with LoopbackProvider(live, API_KEY) as server:
        before = snapshot_files(catalog_copy)
        result = sync(catalog_copy, server.base_url, "--write")
    assert result.returncode == 1
    assert snapshot_files(catalog_copy) == before
    assert "skipped catalog/groq/models/llama3-8b-8192.yaml: the live values would be invalid" in (
        result.stderr
    )
    assert "'bad id with spaces' is not a valid model ID" in result.stderr
