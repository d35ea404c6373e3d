"""`sync` against a real loopback server: observations, lifecycle-aware absences, formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelcat_registry.loopback_provider import LoopbackProvider, groq_like_item
from tests.conftest import run_cli
from tests.drift_helpers import API_KEY, ENV, by_id, sync
from tests.in_process import run_main


def sync_json(catalog: Path, server: LoopbackProvider, *args: str) -> tuple[int, dict[str, Any]]:
    result = sync(catalog, server.base_url, "--format", "json", *args)
    assert result.stderr == "", result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    return result.returncode, provider


def test_no_drift_exits_0_and_lists_expected_absences_with_their_reason(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    code, report = sync_json(drift_catalog, groq)
    assert code == 0
    assert report["as_of"] == "2026-01-01"
    assert (report["added"], report["removed"], report["changed"], report["relisted"]) == (
        [],
        [],
        [],
        [],
    )
    assert report["expected_absent"] == [
        # Only named as a replacement: no documented fact, never observed.
        {"id": "meta-llama/named-later", "reason": "not documented or seen live by 2026-01-01"},
        {"id": "old-model", "reason": "retired on 2025-06-01"},
        {"id": "slug-only", "reason": "no API ID"},
    ]


def test_docs_and_api_disagreements_are_shown_but_are_not_drift(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    code, report = sync_json(drift_catalog, groq)
    assert code == 0
    assert report["disagreements"] == [
        {
            "id": "beta-70b",
            "documented_field": "max_output_tokens",
            "documented": 8192,
            "observed_field": "max_output_tokens",
            "observed": 32768,
        }
    ]


def test_added_removed_changed_and_relisted(drift_catalog: Path, groq: LoopbackProvider) -> None:
    by_id(groq.models, "alpha-8b")["context_window"] = 16384
    by_id(groq.models, "beta-70b")["owned_by"] = "Meta AI"
    groq.models.remove(by_id(groq.models, "gamma-preview"))
    groq.models.append(groq_like_item("old-model", owned_by="Meta", context_window=8192))
    groq.models.append(groq_like_item("openai/gpt-oss-20b", owned_by="OpenAI"))

    code, report = sync_json(drift_catalog, groq)

    assert code == 1
    assert [item["id"] for item in report["added"]] == ["openai/gpt-oss-20b"]
    assert report["removed"] == [{"id": "gamma-preview", "reason": "last seen live on 2025-01-01"}]
    assert report["changed"] == [
        {"id": "alpha-8b", "field": "observed.context_window", "catalog": 8192, "live": 16384},
        {"id": "beta-70b", "field": "observed.owner", "catalog": "Meta", "live": "Meta AI"},
    ]
    # A retired model listed again is one event, relisted: not also changed or disagreeing.
    assert report["relisted"] == [
        {"id": "old-model", "shutdown": "2025-06-01", "retired_since": "2025-06-01",
         "api_shutdown": None}
    ]  # fmt: skip
    assert "old-model" not in {d["id"] for d in report["disagreements"]}


def test_the_reference_date_decides_what_is_expected_live(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    groq.models.remove(by_id(groq.models, "soon-gone"))
    # Deprecated, not yet shut down: its absence is drift.
    code, report = sync_json(drift_catalog, groq)
    assert code == 1
    assert report["removed"] == [{"id": "soon-gone", "reason": "last seen live on 2025-01-01"}]
    # On its shutdown day the same absence is expected.
    code, report = sync_json(drift_catalog, groq, "--as-of", "2099-01-01")
    assert code == 0
    assert {"id": "soon-gone", "reason": "retired on 2099-01-01"} in report["expected_absent"]


def test_text_markdown_and_github_formats(drift_catalog: Path, groq: LoopbackProvider) -> None:
    by_id(groq.models, "alpha-8b")["context_window"] = 16384
    groq.models.remove(by_id(groq.models, "gamma-preview"))
    groq.models.append(groq_like_item("new-model|`<b>x</b>`", owned_by="<script>"))

    text = sync(drift_catalog, groq.base_url)
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    assert lines[0] == (
        "groq (as of 2026-01-01): 1 added, 1 removed, 1 changed, 0 relisted, "
        "3 expected absent, 2 docs/API disagreements"
    )
    where = "[catalog/groq/models/alpha-8b.yaml:12]"
    assert f"  ~ alpha-8b: observed.context_window 8192 -> 16384  {where}" in lines
    assert "  = beta-70b: docs max_output_tokens 8192; API max_output_tokens 32768" in lines
    assert lines[-1] == "drift found in 1 of 1 checked provider"

    markdown = sync(drift_catalog, groq.base_url, "--format", "markdown").stdout
    assert (
        "| changed | `alpha-8b` | `observed.context_window` | `8192` | `16384` | "
        "`catalog/groq/models/alpha-8b.yaml:12` |"
    ) in markdown
    added_row = next(line for line in markdown.splitlines() if line.startswith("| added"))
    assert added_row.count("|") - added_row.count("\\|") == 7, "live text cannot add table cells"
    assert "`" not in added_row.split("`")[1], "live text cannot close its code span"

    github = sync(drift_catalog, groq.base_url, "--format", "github").stdout.splitlines()
    assert (
        "::warning title=drift%3A changed,file=catalog/groq/models/alpha-8b.yaml,line=12,col=5::"
        "alpha-8b: observed.context_window is 8192 here, the live API reports 16384"
    ) in github
    assert any(
        line.startswith("::warning title=drift%3A removed,file=catalog/groq/models/gamma-preview")
        for line in github
    )


def test_markdown_links_files_in_github_actions(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    by_id(groq.models, "alpha-8b")["context_window"] = 16384
    env = {
        **ENV,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_SHA": "abc",
    }
    markdown = sync(drift_catalog, groq.base_url, "--format", "markdown", env=env).stdout
    link = "https://github.com/o/r/blob/abc/catalog/groq/models/alpha-8b.yaml#L12"
    assert f"[catalog/groq/models/alpha-8b.yaml:12]({link})" in markdown


def test_snapshot_then_from_file_round_trip(drift_catalog: Path, groq: LoopbackProvider) -> None:
    by_id(groq.models, "alpha-8b")["context_window"] = 16384
    snapshot = drift_catalog.parent / "groq-models.json"
    fetched = sync(drift_catalog, groq.base_url, "--format", "json", "--snapshot", str(snapshot))
    record = json.loads(snapshot.read_text())
    assert record["day"] == "2026-01-01" and record["dialect"] == "groq"
    assert [page["body"] for page in record["pages"]] == [{"object": "list", "data": groq.models}]
    assert API_KEY not in snapshot.read_text()

    offline = run_cli(
        ["sync", "--provider", "groq", "--from-file", str(snapshot), "--format", "json"],
        cwd=drift_catalog.parent,
        env={"GROQ_API_KEY": ""},
    )  # fmt: skip
    assert offline.returncode == fetched.returncode == 1
    assert json.loads(offline.stdout) == json.loads(fetched.stdout)


def test_usage_errors_exit_2(drift_catalog: Path, groq: LoopbackProvider) -> None:
    cwd = drift_catalog.parent
    no_provider = run_cli(["sync", "--base-url", groq.base_url], cwd=cwd, env=ENV)
    assert no_provider.returncode == 2
    assert "--base-url needs --provider" in no_provider.stderr
    unknown = run_cli(["sync", "--provider", "grok"], cwd=cwd, env=ENV)
    assert unknown.returncode == 2
    assert "unknown provider 'grok' (did you mean 'groq'?)" in unknown.stderr
    bad_date = run_cli(["sync", "--as-of", "2025-02-30"], cwd=cwd, env=ENV)
    assert bad_date.returncode == 2
    assert "--as-of must be a real date written YYYY-MM-DD" in bad_date.stderr
    for timeout in ("nan", "inf", "0", "-1"):
        result = run_cli(["sync", "--timeout", timeout], cwd=cwd, env=ENV)
        assert result.returncode == 2, timeout
        assert "--timeout must be a finite, positive number" in result.stderr
    folder = run_cli(["sync", "--provider", "groq", "--snapshot", str(cwd)], cwd=cwd, env=ENV)
    assert folder.returncode == 2
    assert "is a folder; give a file name" in folder.stderr
    assert groq.seen == []


def test_an_invalid_catalog_exits_2_with_its_problems(
    drift_catalog: Path, groq: LoopbackProvider
) -> None:
    (drift_catalog / "groq" / "models" / "alpha-8b.yaml").write_text("id: alpha-8b\nname: [\n")
    result = sync(drift_catalog, groq.base_url)
    assert result.returncode == 2
    assert "catalog/groq/models/alpha-8b.yaml:3:1: invalid YAML" in result.stderr
    assert "fix the catalog first" in result.stderr
    assert groq.seen == []


@pytest.mark.parametrize(
    ("base_url", "shown"),
    [
        ("", "''"),
        ("   ", "''"),
        ("not-a-url", "'not-a-url'"),
        ("ftp://127.0.0.1/v1", "'ftp://127.0.0.1/v1'"),
    ],
    ids=["empty", "blank", "no-scheme", "ftp"],
)
def test_a_base_url_that_is_no_http_url_is_a_usage_error(
    drift_catalog: Path, groq: LoopbackProvider, base_url: str, shown: str
) -> None:
    """An empty one used to fall back to the provider's real api_base, and not-a-url to say
    "refusing to send the API key to ://" (issue 23, item 3)."""
    outcome = run_main(
        ["sync", "--provider", "groq", "--base-url", base_url], drift_catalog.parent, ENV
    )
    assert outcome.code == 2, outcome.output
    assert outcome.stdout == ""
    assert outcome.stderr == (
        f"modelcat sync: error: --base-url: the base URL {shown} is not an absolute http(s) URL; "
        "write one such as https://api.example.com/v1 (or http://127.0.0.1:8080/v1 for a local "
        "server)\n"
    )
    assert groq.seen == []
