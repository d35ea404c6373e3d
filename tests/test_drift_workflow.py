"""The scheduled drift workflow, checked offline: its shape (a matrix of one provider per
entry, built from `modelcat providers`, each entry given only the secret its provider.yaml
names), and its shell steps run for real against a stand-in `gh`, saved lists and loopback
servers: the issue handling, the skip of a provider whose key is not set, a public list that
needs no key, and the write of what the check read."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelcat_registry.loopback_provider import LoopbackProvider
from tests.conftest import CATALOG, REPO, run_cli
from tests.drift_helpers import API_KEY, AS_OF, by_id, copy_drift_catalog, matching_live_list
from tests.provider_wires import PREFIXES, WIRES, entry_named

WORKFLOW = REPO / ".github" / "workflows" / "drift.yml"
SCRIPT = REPO / ".github" / "scripts" / "drift-issues.sh"
VENV = Path(sys.executable).parent.parent
FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "${FAKE_EXISTING_ISSUE:-}"; fi
"""

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text())


def step(job: str, step_id: str) -> dict[str, Any]:
    return next(s for s in workflow()["jobs"][job]["steps"] if s.get("id") == step_id)


def step_named(job: str, name: str) -> dict[str, Any]:
    return next(s for s in workflow()["jobs"][job]["steps"] if s.get("name") == name)


def read_outputs(path: Path) -> dict[str, str]:
    """A step's outputs as GitHub reads $GITHUB_OUTPUT (one name=value per line)."""
    if not path.exists():
        return {}
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


# --- the matrix -------------------------------------------------------------------------


def run_list_step(tmp_path: Path) -> list[dict[str, Any]]:
    """The providers job's list step, run as the runner runs it (bash, from the checkout)."""
    if shutil.which("jq") is None:  # on GitHub's runners; `apt-get install jq` elsewhere
        pytest.skip("needs jq, as the workflow's runner has it")
    output = tmp_path / "github_output"
    listing = step("providers", "list")
    assert listing["shell"] == "bash"
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", listing["run"]],
        cwd=REPO, env={**os.environ, "GITHUB_OUTPUT": str(output)},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = output.read_text().splitlines()
    assert len(lines) == 1 and lines[0].startswith("providers=")  # one line: a valid output
    return json.loads(lines[0].removeprefix("providers="))


def test_the_matrix_has_one_entry_per_provider_with_its_key_variable(tmp_path: Path) -> None:
    entries = run_list_step(tmp_path)
    declared = {
        path.parent.name: yaml.safe_load(path.read_text())
        for path in CATALOG.glob("*/provider.yaml")
    }
    assert [e["id"] for e in entries] == sorted(declared)
    for entry in entries:
        assert entry["api_key_env"] == declared[entry["id"]]["api_key_env"]
        assert entry["name"] == declared[entry["id"]]["name"]
    # Cerebras' list is public and OpenRouter's takes a key only if one is given (issue 20 and
    # the providers' own docs); every other provider's list needs its key.
    key_use = {e["id"]: e["key_use"] for e in entries}
    assert key_use.pop("cerebras") == "never"
    assert key_use.pop("openrouter") == "optional"
    assert set(key_use.values()) == {"required"}


def test_every_matrix_value_the_workflow_reads_is_in_each_entry(tmp_path: Path) -> None:
    entries = run_list_step(tmp_path)
    used = set(re.findall(r"\bmatrix\.(\w+)", WORKFLOW.read_text()))
    assert used == {"id", "name", "api_key_env", "key_use"}
    assert all(used <= set(entry) for entry in entries)


def test_the_drift_job_runs_one_provider_per_entry_of_that_list() -> None:
    config = workflow()
    providers = config["jobs"]["providers"]
    assert providers["outputs"]["providers"] == "${{ steps.list.outputs.providers }}"
    drift = config["jobs"]["drift"]
    assert drift["needs"] == "providers"
    assert drift["strategy"] == {
        "fail-fast": False,  # one provider's fault does not cancel the others
        "matrix": {"include": "${{ fromJSON(needs.providers.outputs.providers) }}"},
    }
    check = step("drift", "check")
    assert check["run"] == "bash .github/scripts/drift-issues.sh"
    assert check["env"]["PROVIDER"] == "${{ matrix.id }}"
    assert check["env"]["KEY_ENV"] == "${{ matrix.api_key_env }}"


def test_only_the_check_step_gets_a_key_and_only_the_one_its_provider_names() -> None:
    text = WORKFLOW.read_text()
    assert re.findall(r"secrets[.\[][^}]*", text) == ["secrets[matrix.api_key_env] || '' "]
    key = step("drift", "check")["env"]["PROVIDER_KEY"]
    assert key == "${{ matrix.key_use != 'never' && secrets[matrix.api_key_env] || '' }}"
    for job in workflow()["jobs"].values():
        assert "secrets" not in json.dumps(job.get("env", {}))
        for other in job["steps"]:
            if other.get("id") != "check":
                assert "secrets" not in json.dumps(other)


def test_a_skipped_provider_records_nothing_and_opens_no_pull_request() -> None:
    for name in ("Record the capture in the catalog", "Open or update the pull request"):
        assert step_named("drift", name)["if"] == "steps.check.outputs.outcome != 'skipped'"
    pull_request = step_named("drift", "Open or update the pull request")["with"]
    assert pull_request["body-path"] == "${{ steps.check.outputs.report }}"
    assert pull_request["branch"] == "drift/${{ matrix.id }}"


# --- the check step: drift-issues.sh ----------------------------------------------------


@dataclass
class Run:
    code: int
    calls: list[str]  # the gh command lines, in order
    stdout: str
    summary: str
    outputs: dict[str, str]
    temp: Path


def run_check(
    tmp_path: Path,
    *,
    sync_args: str = "",
    existing: str = "",
    env: Mapping[str, str] | None = None,
    provider: str = "groq",
    key_env: str = "GROQ_API_KEY",
) -> Run:
    """drift-issues.sh for one provider, from a checkout at tmp_path/checkout (which the
    caller fills), as the check step runs it."""
    project = tmp_path / "checkout"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(0o755)
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    log, summary, outputs = tmp_path / "gh.log", tmp_path / "summary.md", tmp_path / "output"
    for path in (log, summary, outputs):
        path.unlink(missing_ok=True)
    base = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    full_env = {
        **base,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "MODELCAT": str(VENV / "bin" / "modelcat"),
        "GH_LOG": str(log),
        "FAKE_EXISTING_ISSUE": existing,
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
        "RUNNER_TEMP": str(temp),
        "PROVIDER": provider,
        "KEY_ENV": key_env,
        "SYNC_ARGS": sync_args,
        **(env or {}),
    }
    result = subprocess.run(
        ["bash", str(SCRIPT)], cwd=project, env=full_env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return Run(
        result.returncode,
        log.read_text().splitlines() if log.exists() else [],
        result.stdout + result.stderr,
        summary.read_text() if summary.exists() else "",
        read_outputs(outputs),
        temp,
    )


def saved_list(tmp_path: Path, live: dict[str, Any]) -> str:
    """SYNC_ARGS that read `live` from a file, as of the drift catalog's day."""
    snapshot = tmp_path / "live.json"
    snapshot.write_text(json.dumps(live))
    return f"--from-file {snapshot} --as-of {AS_OF}"


def drifted() -> dict[str, Any]:
    live = matching_live_list()
    by_id(live, "alpha-8b")["context_window"] = 16384
    return {"object": "list", "data": live}


def matching() -> dict[str, Any]:
    return {"object": "list", "data": matching_live_list()}


@pytest.fixture
def groq_checkout(tmp_path: Path) -> Path:
    """A checkout holding the drift tests' GroqCloud catalog, with the test run's .venv."""
    project = tmp_path / "checkout"
    copy_drift_catalog(project)
    (project / ".venv").symlink_to(VENV)
    return project


def test_drift_opens_one_issue_with_the_report(tmp_path: Path, groq_checkout: Path) -> None:
    run = run_check(tmp_path, sync_args=saved_list(tmp_path, drifted()))
    assert run.code == 0, run.stdout
    report = run.temp / "drift-report-groq.md"
    assert run.calls[0].startswith("label create catalog-drift")
    assert run.calls[-1] == (
        f"issue create --title Catalog drift: groq --label catalog-drift --body-file {report}"
    )
    body = report.read_text()
    assert body.startswith("# Catalog drift report")
    assert "`context_window`" in body
    assert run.summary == body
    assert run.outputs == {
        "outcome": "drift",
        "report": str(report),
        "capture": str(run.temp / "drift-capture-groq.json"),
    }
    # Nothing lands in the checkout, whose changes the pull request would commit.
    assert sorted(p.name for p in groq_checkout.iterdir()) == [".venv", "catalog"]


def test_drift_updates_the_open_issue_instead_of_opening_another(
    tmp_path: Path, groq_checkout: Path
) -> None:
    run = run_check(tmp_path, sync_args=saved_list(tmp_path, drifted()), existing="42")
    assert run.code == 0, run.stdout
    assert run.calls[-1] == f"issue edit 42 --body-file {run.temp / 'drift-report-groq.md'}"
    assert not any(call.startswith("issue create") for call in run.calls)


def test_no_drift_closes_the_open_issue(tmp_path: Path, groq_checkout: Path) -> None:
    run = run_check(tmp_path, sync_args=saved_list(tmp_path, matching()), existing="42")
    assert run.code == 0, run.stdout
    assert run.calls[-1].startswith("issue close 42 --comment ")
    assert run.outputs["outcome"] == "clean"


def test_no_drift_and_no_issue_touches_nothing(tmp_path: Path, groq_checkout: Path) -> None:
    run = run_check(tmp_path, sync_args=saved_list(tmp_path, matching()))
    assert run.code == 0, run.stdout
    assert [c.split()[:2] for c in run.calls] == [["label", "create"], ["issue", "list"]]


def test_a_provider_that_cannot_be_checked_fails_its_entry_and_leaves_the_issue(
    tmp_path: Path, groq_checkout: Path
) -> None:
    run = run_check(tmp_path, sync_args=saved_list(tmp_path, {"object": "list"}), existing="42")
    assert run.code == 1
    assert "::error title=drift: groq::groq could not be checked (sync exited 2)" in run.stdout
    assert run.calls == []
    assert "outcome" not in run.outputs


def test_a_provider_whose_key_is_not_set_is_skipped_with_the_secret_to_add(
    tmp_path: Path, groq_checkout: Path
) -> None:
    run = run_check(tmp_path, env={"PROVIDER_KEY": ""})
    assert run.code == 0, run.stdout
    assert (
        "::notice title=drift: groq skipped::GROQ_API_KEY is not set: add a repository secret "
        "named GROQ_API_KEY"
    ) in run.stdout
    assert run.calls == []  # the open issue, if any, is neither closed nor edited
    assert run.outputs["outcome"] == "skipped"
    assert "GROQ_API_KEY is not set" in run.summary  # sync's own report, in the summary


@pytest.fixture
def groq_server() -> Any:
    with LoopbackProvider(matching_live_list(), API_KEY) as server:
        yield server


def test_the_secret_reaches_sync_under_its_providers_variable_only(
    tmp_path: Path, groq_checkout: Path, groq_server: LoopbackProvider
) -> None:
    run = run_check(
        tmp_path,
        sync_args=f"--base-url {groq_server.base_url} --as-of {AS_OF}",
        env={"PROVIDER_KEY": API_KEY},
    )
    assert run.code == 0, run.stdout
    assert run.outputs["outcome"] == "clean"
    [request] = groq_server.seen
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert API_KEY not in run.stdout + run.summary
    assert API_KEY not in (run.temp / "drift-capture-groq.json").read_text()


def test_a_refused_secret_fails_the_entry(
    tmp_path: Path, groq_checkout: Path, groq_server: LoopbackProvider
) -> None:
    wrong = "gsk_wrong_0123456789abcdef"
    run = run_check(
        tmp_path,
        sync_args=f"--base-url {groq_server.base_url} --as-of {AS_OF}",
        env={"PROVIDER_KEY": wrong},
    )
    assert run.code == 1
    assert "authentication failed" in run.summary
    assert wrong not in run.stdout + run.summary


def test_a_public_list_is_checked_without_any_key(tmp_path: Path) -> None:
    provider = tmp_path / "checkout" / "catalog" / "acme"
    (provider / "models").mkdir(parents=True)
    (provider / "provider.yaml").write_text(
        "id: acme\nname: Acme\napi_base: https://api.acme.example/v1\ndialect: cerebras\n"
        "api_key_env: ACME_API_KEY\ndocs_url: https://acme.example/docs\n"
        "sources:\n  docs:\n    title: Acme models page\n    date: 2026-01-01\n"
    )
    (provider / "models" / "kept.yaml").write_text("id: kept\nname: Kept\nsource: docs\n")
    entries = [entry_named("cerebras", "kept"), entry_named("cerebras", "new-1")]
    with LoopbackProvider(entries, API_KEY, PREFIXES["cerebras"], wire=WIRES["cerebras"]) as s:
        run = run_check(
            tmp_path,
            provider="acme",
            key_env="ACME_API_KEY",
            sync_args=f"--base-url {s.base_url} --as-of {AS_OF}",
            env={"PROVIDER_KEY": ""},
        )
        seen = s.seen
    assert run.code == 0, run.stdout
    assert run.outputs["outcome"] == "drift"  # new-1, and kept's first observation
    assert run.calls[-1].startswith("issue create --title Catalog drift: acme ")
    assert len(seen) == 1 and not {"authorization", "x-api-key"} & set(seen[0].headers)


@pytest.mark.parametrize(
    ("variable", "value", "sentence"),
    [
        ("PROVIDER", "../groq", "PROVIDER must be a provider ID"),
        ("PROVIDER", "", "PROVIDER must be a provider ID"),
        # A name that is not a key variable would be overwritten with the secret (PATH here).
        ("KEY_ENV", "PATH", "KEY_ENV must be a variable name ending in _API_KEY"),
    ],
)
def test_a_malformed_matrix_value_is_refused_before_anything_runs(
    tmp_path: Path, groq_checkout: Path, variable: str, value: str, sentence: str
) -> None:
    run = run_check(tmp_path, env={variable: value, "PROVIDER_KEY": "x" * 20})
    assert run.code == 1
    assert sentence in run.stdout
    assert run.calls == [] and run.outputs == {}


# --- the write step ---------------------------------------------------------------------


def test_the_write_step_records_the_list_the_check_read(
    tmp_path: Path, groq_checkout: Path
) -> None:
    check = run_check(tmp_path, sync_args=saved_list(tmp_path, drifted()))
    assert check.outputs["outcome"] == "drift"
    write = step_named("drift", "Record the capture in the catalog")
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", write["run"]],
        cwd=groq_checkout,
        env={**os.environ, "PROVIDER": "groq", "CAPTURE": check.outputs["capture"]},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "catalog OK" in result.stdout  # the step's validate
    model = yaml.safe_load((groq_checkout / "catalog/groq/models/alpha-8b.yaml").read_text())
    assert [r["context_window"] for r in model["observed"]] == [8192, 16384]
    # What the pull request proposes leaves no drift against the same list.
    again = run_cli(
        ["sync", "--provider", "groq", "--from-file", check.outputs["capture"]], groq_checkout
    )
    assert again.returncode == 0, again.stdout + again.stderr


# --- `modelcat providers`, which the matrix is built from ---------------------------------


def test_providers_lists_each_provider_with_its_key_as_text(tmp_path: Path) -> None:
    result = run_cli(["providers"], REPO)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{len(list(CATALOG.glob('*/provider.yaml')))} providers"
    by_provider = {line.split()[0]: line for line in lines[:-1]}
    assert "GROQ_API_KEY (required)" in by_provider["groq"]
    assert by_provider["groq"].endswith("https://api.groq.com/openai/v1/models")
    assert "no key (a public list; CEREBRAS_API_KEY is never sent)" in by_provider["cerebras"]
    # Cerebras' public list is at its models_url, not below api_base.
    assert by_provider["cerebras"].endswith("https://api.cerebras.ai/public/v1/models")


def test_providers_refuses_an_invalid_catalog(catalog_copy: Path) -> None:
    provider = catalog_copy / "groq" / "provider.yaml"
    provider.write_text(provider.read_text().replace("GROQ_API_KEY", "groq key"))
    result = run_cli(["providers", "--format", "json"], catalog_copy.parent)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "catalog/groq/provider.yaml:" in result.stderr and "api_key_env" in result.stderr
