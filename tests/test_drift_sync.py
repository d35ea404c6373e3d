"""`sync` against a real HTTP server on 127.0.0.1 that behaves like Groq's /models endpoint."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.loopback_provider import LoopbackProvider, groq_like_item
from tests.conftest import run_cli
from tests.drift_helpers import API_KEY, ENV, by_id, sync


def sync_json(catalog: Path, server: LoopbackProvider, *args: str) -> tuple[int, dict]:
    result = sync(catalog, server.base_url, "--format", "json", *args)
    assert result.stderr == "" or "--write" in args, result.stderr
    return result.returncode, json.loads(result.stdout)


def test_no_drift_exits_0(catalog_copy: Path, groq: LoopbackProvider) -> None:
    code, report = sync_json(catalog_copy, groq)
    assert code == 0
    assert report["drift"] is False
    [provider] = report["providers"]
    assert (provider["added"], provider["removed"], provider["changed"]) == ([], [], [])
    assert groq.seen[0].headers["authorization"] == f"Bearer {API_KEY}"


def test_expected_absences_are_reported_apart_from_removals(
    catalog_copy: Path, groq: LoopbackProvider
) -> None:
    _, report = sync_json(catalog_copy, groq)
    assert report["providers"][0]["expected_absent"] == [
        {"id": "llama-3.1-405b", "status": "offline"},
        {"id": "llama-3.2-90b-vision-preview", "status": "coming-soon"},
    ]


def test_added_removed_and_changed(catalog_copy: Path, groq: LoopbackProvider) -> None:
    live = groq.models
    live.append(groq_like_item("llama-3.3-70b-versatile", context_window=131072))
    live.remove(by_id(live, "gemma-7b-it"))
    by_id(live, "llama3-8b-8192")["context_window"] = 16384
    by_id(live, "llama-3.2-1b-preview")["context_window"] = 131072  # the temporary limit ended
    by_id(live, "llama-3.1-8b-instant")["max_completion_tokens"] = 131072
    by_id(live, "mixtral-8x7b-32768")["owned_by"] = "Mistral AI"
    by_id(live, "llama3-70b-8192")["active"] = False
    by_id(live, "whisper-large-v3")["context_window"] = 448  # the catalog has none
    live.append(groq_like_item("llama-3.2-90b-vision-preview", context_window=8192))

    code, report = sync_json(catalog_copy, groq)

    assert code == 1
    assert report["drift"] is True
    [provider] = report["providers"]
    assert [a["id"] for a in provider["added"]] == ["llama-3.3-70b-versatile"]
    assert provider["added"][0]["live"]["context_window"] == 131072
    assert provider["removed"] == [{"id": "gemma-7b-it", "status": "production"}]
    changes = sorted(provider["changed"], key=lambda c: (c["id"], c["field"]))
    assert [(c["id"], c["field"], c["catalog"], c["live"]) for c in changes] == [
        ("llama-3.1-8b-instant", "max_output_tokens", 8192, 131072),
        ("llama-3.2-1b-preview", "temporary_limit.context_window", 8192, 131072),
        ("llama-3.2-90b-vision-preview", "status", "coming-soon", "preview"),
        ("llama3-70b-8192", "status", "production", "offline"),
        ("llama3-8b-8192", "context_window", 8192, 16384),
        ("mixtral-8x7b-32768", "developer", "Mistral", "Mistral AI"),
        ("whisper-large-v3", "context_window", None, 448),
    ]
    assert provider["expected_absent"] == [{"id": "llama-3.1-405b", "status": "offline"}]


def test_text_markdown_and_github_formats(catalog_copy: Path, groq: LoopbackProvider) -> None:
    by_id(groq.models, "llama3-8b-8192")["context_window"] = 16384
    groq.models.remove(by_id(groq.models, "gemma-7b-it"))
    groq.models.append(groq_like_item("new-model|`<b>x</b>`", owned_by="<script>"))

    text = sync(catalog_copy, groq.base_url)
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    assert lines[0] == "groq: 1 added, 1 removed, 1 changed, 2 expected absent"
    where = "[catalog/groq/models/llama3-8b-8192.yaml:9]"
    assert f"  ~ llama3-8b-8192: context_window 8192 -> 16384  {where}" in lines
    assert lines[-1] == "drift found in 1 of 1 provider"

    markdown = sync(catalog_copy, groq.base_url, "--format", "markdown").stdout
    assert '| changed | `"llama3-8b-8192"` | `context_window` | `8192` | `16384` |' in markdown
    assert "`catalog/groq/models/llama3-8b-8192.yaml:9`" in markdown
    added_row = next(line for line in markdown.splitlines() if line.startswith("| added"))
    assert added_row.count("|") - added_row.count("\\|") == 7, "live text cannot add table cells"
    assert "`" not in added_row.split("`")[1], "live text cannot close its code span"

    github = sync(catalog_copy, groq.base_url, "--format", "github").stdout.splitlines()
    assert (
        "::warning file=catalog/groq/models/llama3-8b-8192.yaml,line=9,col=1,"
        "title=drift%3A changed::llama3-8b-8192: context_window is 8192 here, the live API "
        "reports 16384"
    ) in github
    assert any(
        line.startswith("::warning file=catalog/groq/models/gemma-7b-it.yaml,line=2,")
        for line in github
    )


def test_markdown_links_files_in_github_actions(catalog_copy: Path, groq: LoopbackProvider) -> None:
    by_id(groq.models, "llama3-8b-8192")["context_window"] = 16384
    env = {
        **ENV,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_SHA": "abc",
    }
    markdown = sync(catalog_copy, groq.base_url, "--format", "markdown", env=env).stdout
    link = "https://github.com/o/r/blob/abc/catalog/groq/models/llama3-8b-8192.yaml#L9"
    assert f"[catalog/groq/models/llama3-8b-8192.yaml:9]({link})" in markdown


def test_snapshot_then_from_file_round_trip(catalog_copy: Path, groq: LoopbackProvider) -> None:
    by_id(groq.models, "llama3-8b-8192")["context_window"] = 16384
    snapshot = catalog_copy.parent / "groq-models.json"
    fetched = sync(catalog_copy, groq.base_url, "--format", "json", "--snapshot", str(snapshot))
    saved = snapshot.read_text()
    assert API_KEY not in saved
    assert json.loads(saved) == {"object": "list", "data": groq.models}

    offline = run_cli(
        ["sync", "--provider", "groq", "--from-file", str(snapshot), "--format", "json"],
        cwd=catalog_copy.parent,
        env={"GROQ_API_KEY": ""},
    )
    assert offline.returncode == fetched.returncode == 1
    assert json.loads(offline.stdout) == json.loads(fetched.stdout)


def test_usage_errors_exit_2(catalog_copy: Path, groq: LoopbackProvider) -> None:
    no_provider = run_cli(["sync", "--base-url", groq.base_url], cwd=catalog_copy.parent, env=ENV)
    assert no_provider.returncode == 2
    assert "--base-url needs --provider" in no_provider.stderr
    unknown = run_cli(["sync", "--provider", "grok"], cwd=catalog_copy.parent, env=ENV)
    assert unknown.returncode == 2
    assert "unknown provider 'grok' (did you mean 'groq'?)" in unknown.stderr
    assert groq.seen == []
