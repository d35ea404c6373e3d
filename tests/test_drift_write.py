"""`sync --write` records a capture: the provider's checks, each model's observation records,
stubs for new IDs, the newest capture; it never changes a documented fact, and only the
observed (or checks) block of a file changes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from modelcat_registry.loopback_provider import LoopbackProvider, groq_like_item
from tests.conftest import run_cli
from tests.drift_helpers import AS_OF, by_id, matching_live_list, sync

MODELS = Path("groq") / "models"


def snapshot_files(catalog: Path) -> dict[str, bytes]:
    return {p.relative_to(catalog).as_posix(): p.read_bytes() for p in catalog.rglob("*.yaml")}


def before_observed(text: bytes) -> bytes:
    """Everything of a model file above its observed block."""
    return text.split(b"observed:")[0]


def test_write_records_observations_and_keeps_every_other_byte(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    by_id(groq.models, "alpha-8b")["context_window"] = 16384
    by_id(groq.models, "beta-70b")["owned_by"] = "Meta AI"
    before = snapshot_files(drift_catalog)

    result = sync(drift_catalog, groq.base_url, "--write")

    assert result.returncode == 1, result.stderr
    after = snapshot_files(drift_catalog)
    # Two models changed, and the provider's checks; the unchanged models stay untouched.
    assert {p for p in before if before[p] != after[p]} == {
        "groq/models/alpha-8b.yaml",
        "groq/models/beta-70b.yaml",
        "groq/provider.yaml",
    }
    for path in ("groq/models/alpha-8b.yaml", "groq/models/beta-70b.yaml"):
        assert before_observed(after[path]) == before_observed(before[path])
    alpha = yaml.safe_load(after["groq/models/alpha-8b.yaml"])["observed"]
    assert [
        (str(r["first_seen"]), str(r.get("last_seen")), r["context_window"]) for r in alpha
    ] == [
        ("2025-01-01", "2025-01-01", 8192),  # the old value keeps its span
        (AS_OF, "None", 16384),  # the new one holds until the newest check
    ]
    # The documented developer is the docs' word: the API's label goes to observed only.
    assert b"developer: Meta\n" in after["groq/models/beta-70b.yaml"]
    checks = yaml.safe_load(after["groq/provider.yaml"])["checks"]
    assert [str(c["date"]) for c in checks] == ["2025-01-01", AS_OF]
    assert checks[-1]["listed"] == 4 and checks[-1]["url"].endswith("/openai/v1/models")


def test_write_then_sync_reports_no_drift_and_a_third_run_writes_nothing(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    by_id(groq.models, "alpha-8b")["max_completion_tokens"] = 8192
    del by_id(groq.models, "gamma-preview")["max_completion_tokens"]
    groq.models.append(groq_like_item("old-model", owned_by="Meta", context_window=8192))
    groq.models.append(groq_like_item("openai/gpt-oss-20b", owned_by="OpenAI"))

    assert sync(drift_catalog, groq.base_url, "--write").returncode == 1
    written = {**snapshot_files(drift_catalog)}
    second = sync(drift_catalog, groq.base_url, "--write", "--format", "json")

    assert second.returncode == 0, second.stdout
    [report] = json.loads(second.stdout)["providers"]
    assert (report["added"], report["changed"], report["relisted"]) == ([], [], [])
    assert snapshot_files(drift_catalog) == written
    # The retired model listed again is now a recorded disagreement, for a maintainer.
    assert {
        "id": "old-model",
        "documented_field": "lifecycle.0.shutdown",
        "documented": "2025-06-01",
        "observed_field": "listed",
        "observed": True,
    } in report["disagreements"]
    gamma = yaml.safe_load(written["groq/models/gamma-preview.yaml"])["observed"]
    newest = [r for r in gamma if "last_seen" not in r]
    assert len(newest) == 1 and "max_output_tokens" not in newest[0], (
        "a value the API stopped reporting is not in the newest record"
    )


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
        "# Added by `modelcat sync --write` from GroqCloud's live model list: no documented "
        "fact yet.\n"
        "# Add the documented facts with their source, then delete needs_review.\n"
        "id: openai/gpt-oss-20b\n"
        "needs_review: true\n"
        "observed:\n"
        f"  - first_seen: {AS_OF}\n"
        "    owner: OpenAI\n"
        "    created: 2025-08-05\n"
        "    context_window: 131072\n"
        "    max_output_tokens: 65536\n"
        "    available: true\n"
    )


def test_crlf_files_stay_crlf(drift_catalog: Path, groq: LoopbackProvider) -> None:
    path = drift_catalog / MODELS / "beta-70b.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    by_id(groq.models, "beta-70b")["owned_by"] = "Meta AI"
    by_id(groq.models, "beta-70b")["context_window"] = 65536

    assert sync(drift_catalog, groq.base_url, "--write").returncode == 1

    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"    owner: Meta AI\r\n" in data and b"    context_window: 65536\r\n" in data
    assert sync(drift_catalog, groq.base_url).returncode == 0


def test_live_values_that_would_not_validate_are_reported_not_written(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    # Values of the right type that the schema refuses.
    by_id(groq.models, "alpha-8b")["owned_by"] = "M" * 150
    by_id(groq.models, "alpha-8b")["context_window"] = 10**15
    before = snapshot_files(drift_catalog)

    result = sync(drift_catalog, groq.base_url, "--write", "--format", "json")

    [report] = json.loads(result.stdout)["providers"]
    assert {(r["field"], json.dumps(r["live"])) for r in report["refused"]} == {
        ("owner", json.dumps("M" * 150)),
        ("context_window", str(10**15)),
    }
    assert report["changed"] == []
    after = snapshot_files(drift_catalog)
    # Only the provider's check moved: no refused value was written, none erased a known one.
    assert {p for p in before if before[p] != after[p]} == {"groq/provider.yaml"}


def test_a_stub_differing_only_in_case_is_refused(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.models.append(groq_like_item("Alpha-8B"))
    result = sync(drift_catalog, groq.base_url, "--write")
    assert "'Alpha-8B' differs from 'alpha-8b' only in case" in result.stderr
    assert not (drift_catalog / MODELS / "Alpha-8B.yaml").exists()


def test_a_placeholder_key_never_changes_what_a_saved_list_writes(drift_catalog: Path) -> None:
    """With GROQ_API_KEY=x, redaction once rewrote every "x" of the payload, field names
    included, and --write dropped context_window and max_completion_tokens from every model
    (issue 23, item 1). A saved list needs no key: whatever the variable holds, the values
    written are the list's."""
    live = matching_live_list()
    by_id(live, "alpha-8b")["context_window"] = 16384
    by_id(live, "beta-70b")["max_completion_tokens"] = 65536
    payload = drift_catalog.parent / "payload.json"
    payload.write_text(json.dumps({"object": "list", "data": live}))

    result = run_cli(
        ["sync", "--provider", "groq", "--from-file", str(payload), "--as-of", AS_OF, "--write"],
        cwd=drift_catalog.parent,
        env={"GROQ_API_KEY": "x"},
    )

    assert result.returncode == 1, result.stdout + result.stderr
    for model_id in ("alpha-8b", "beta-70b", "gamma-preview"):
        observed = yaml.safe_load((drift_catalog / MODELS / f"{model_id}.yaml").read_text())
        [newest] = [r for r in observed["observed"] if "last_seen" not in r]
        entry = by_id(live, model_id)
        assert newest["context_window"] == entry["context_window"], model_id
        assert newest.get("max_output_tokens") == entry.get("max_completion_tokens"), model_id
    assert "***" not in result.stdout + result.stderr
