"""`sync --write` records observations and adds stubs; it never changes a documented fact."""

from __future__ import annotations

import json
from pathlib import Path

from modelcat_registry.loopback_provider import LoopbackProvider, groq_like_item
from tests.drift_helpers import AS_OF, by_id, sync

MODELS = Path("groq") / "models"


def snapshot_files(catalog: Path) -> dict[str, bytes]:
    return {p.relative_to(catalog).as_posix(): p.read_bytes() for p in catalog.rglob("*.yaml")}


def changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    old, new = before.decode().splitlines(), after.decode().splitlines()
    return [(a, b) for a, b in zip(old, new, strict=False) if a != b]


def test_write_records_only_observed_values_and_keeps_every_other_byte(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    by_id(groq.models, "alpha-8b")["context_window"] = 16384
    by_id(groq.models, "beta-70b")["owned_by"] = "Meta AI"
    before = snapshot_files(drift_catalog)

    result = sync(drift_catalog, groq.base_url, "--write")

    assert result.returncode == 1, result.stderr
    after = snapshot_files(drift_catalog)
    assert {p for p in before if before[p] != after[p]} == {
        "groq/models/alpha-8b.yaml",
        "groq/models/beta-70b.yaml",
    }
    assert changed_lines(
        before["groq/models/alpha-8b.yaml"], after["groq/models/alpha-8b.yaml"]
    ) == [
        ("  last_seen: 2025-01-01", f"  last_seen: {AS_OF}"),
        ("  context_window: 8192", "  context_window: 16384"),
    ]
    assert changed_lines(
        before["groq/models/beta-70b.yaml"], after["groq/models/beta-70b.yaml"]
    ) == [
        ("  last_seen: 2025-01-01", f"  last_seen: {AS_OF}"),
        ("  owned_by: Meta", "  owned_by: Meta AI"),
    ]
    # The documented developer is the docs' word: the API's label goes to observed only.
    assert b"developer: Meta\n" in after["groq/models/beta-70b.yaml"]


def test_write_then_sync_reports_no_drift_and_a_third_run_writes_nothing(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    by_id(groq.models, "alpha-8b")["max_completion_tokens"] = 8192
    del by_id(groq.models, "gamma-preview")["max_completion_tokens"]
    groq.models.append(groq_like_item("old-model", owned_by="Meta", context_window=8192))
    groq.models.append(groq_like_item("openai/gpt-oss-20b", owned_by="OpenAI"))

    assert sync(drift_catalog, groq.base_url, "--write").returncode == 1
    written = snapshot_files(drift_catalog)
    second = sync(drift_catalog, groq.base_url, "--write", "--format", "json")

    assert second.returncode == 0, second.stdout
    [report] = json.loads(second.stdout)["providers"]
    assert (report["added"], report["changed"], report["relisted"]) == ([], [], [])
    assert snapshot_files(drift_catalog) == written
    # The retired model listed again is now a recorded disagreement, for a maintainer.
    assert {
        "id": "old-model",
        "documented_field": "lifecycle.shutdown",
        "documented": "2025-06-01",
        "observed_field": "id",
        "observed": "listed",
    } in report["disagreements"]
    gamma = written["groq/models/gamma-preview.yaml"].decode()
    assert "max_completion_tokens" not in gamma, "a value the API stopped reporting is dropped"


def test_new_models_get_stubs_that_hold_only_what_the_api_reports(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.models.append(
        groq_like_item(
            "openai/gpt-oss-20b",
            owned_by="OpenAI",
            context_window=131072,
            max_completion_tokens=65536,
            created=1754407957,
        )
    )
    result = sync(drift_catalog, groq.base_url, "--write")
    stub = drift_catalog / MODELS / "openai" / "gpt-oss-20b.yaml"
    assert f"created catalog/{MODELS.as_posix()}/openai/gpt-oss-20b.yaml" in result.stderr
    assert stub.read_text() == (
        "# yaml-language-server: $schema=../../../../schema/model.schema.json\n"
        f"# Added by `modelcat sync --write` from GroqCloud's live /models list on {AS_OF}: "
        "no documented fact yet.\n"
        "# Add the documented facts with their source, then delete needs_review.\n"
        "id: openai/gpt-oss-20b\n"
        "needs_review: true\n"
        "observed:\n"
        f"  first_seen: {AS_OF}\n"
        f"  last_seen: {AS_OF}\n"
        "  owned_by: OpenAI\n"
        "  context_window: 131072\n"
        "  max_completion_tokens: 65536\n"
        "  active: true\n"
        "  created: 1754407957\n"
    )


def test_crlf_files_stay_crlf_and_block_scalars_are_edited_whole(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    path = drift_catalog / MODELS / "beta-70b.yaml"
    text = path.read_text().replace("  owned_by: Meta\n", "  owned_by: |-\n    Meta\n")
    path.write_bytes(text.replace("\n", "\r\n").encode())
    by_id(groq.models, "beta-70b")["owned_by"] = "Meta AI"
    by_id(groq.models, "beta-70b")["context_window"] = 65536

    assert sync(drift_catalog, groq.base_url, "--write").returncode == 1

    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"  owned_by: Meta AI\r\n  context_window: 65536\r\n" in data
    assert sync(drift_catalog, groq.base_url).returncode == 0


def test_live_values_that_would_not_validate_are_reported_not_written(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    # Values the payload check lets through (right type, printable) but the schema refuses.
    by_id(groq.models, "alpha-8b")["owned_by"] = "M" * 150
    by_id(groq.models, "alpha-8b")["context_window"] = 10**15
    before = snapshot_files(drift_catalog)

    result = sync(drift_catalog, groq.base_url, "--write", "--format", "json")

    [report] = json.loads(result.stdout)["providers"]
    assert {(r["field"], json.dumps(r["live"])) for r in report["refused"]} == {
        ("owned_by", json.dumps("M" * 150)),
        ("context_window", str(10**15)),
    }
    assert report["changed"] == []
    assert snapshot_files(drift_catalog) == before


def test_a_stub_differing_only_in_case_is_refused(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.models.append(groq_like_item("Alpha-8B"))
    result = sync(drift_catalog, groq.base_url, "--write")
    assert "'Alpha-8B' differs from 'alpha-8b' only in case" in result.stderr
    assert not (drift_catalog / MODELS / "Alpha-8B.yaml").exists()
