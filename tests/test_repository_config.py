"""Workflows, issue forms and hooks, proven correct offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_tool

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(
    p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def test_there_are_ci_pages_and_drift_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "drift.yml", "pages.yml"]


def test_workflows_match_githubs_workflow_schema() -> None:
    result = run_tool(
        "check-jsonschema",
        ["--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_and_config_match_githubs_schemas() -> None:
    forms = run_tool(
        "check-jsonschema",
        ["--builtin-schema", "vendor.github-issue-forms", *map(str, ISSUE_FORMS)],
        REPO,
    )
    assert forms.returncode == 0, forms.stdout
    config = run_tool(
        "check-jsonschema",
        [
            "--builtin-schema",
            "vendor.github-issue-config",
            str(REPO / ".github/ISSUE_TEMPLATE/config.yml"),
        ],
        REPO,
    )
    assert config.returncode == 0, config.stdout
    assert {p.stem for p in ISSUE_FORMS} == {"new-model", "data-correction"}


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    result = run_tool(
        "zizmor",
        [
            "--offline",
            "--min-severity",
            "medium",
            "--format",
            "json",
            str(REPO / ".github" / "workflows"),
        ],
        REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_its_tag(workflow: Path) -> None:
    uses = re.findall(r"uses:\s*(.+)$", workflow.read_text(), re.MULTILINE)
    assert uses
    for reference in uses:
        assert PINNED.match(reference.strip()), reference


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_have_least_privilege_permissions(workflow: Path) -> None:
    config = yaml.safe_load(workflow.read_text())
    assert config["permissions"] == {}
    for job in config["jobs"].values():
        assert "permissions" in job
        assert "write-all" not in json.dumps(job["permissions"])


def test_drift_never_runs_on_pull_requests_and_writes_only_issues_and_pull_requests() -> None:
    config = yaml.safe_load((REPO / ".github/workflows/drift.yml").read_text())
    triggers = config[True]  # PyYAML reads the key `on` as a YAML 1.1 boolean
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert config["jobs"]["providers"]["permissions"] == {"contents": "read"}
    # One entry per provider: its issue, and its pull request on drift/<provider>.
    assert config["jobs"]["drift"]["permissions"] == {
        "contents": "write",
        "issues": "write",
        "pull-requests": "write",
    }


def test_workflows_call_the_makefile_targets_the_readme_documents() -> None:
    readme = (REPO / "README.md").read_text()
    makefile = (REPO / "Makefile").read_text()
    documented = set(re.findall(r"make ([a-z-]+)", readme))
    defined = set(re.findall(r"^([a-z-]+):", makefile, re.MULTILINE))
    used: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        used[workflow.name] = set(re.findall(r"\bmake ([a-z-]+)", workflow.read_text()))
        assert used[workflow.name] <= documented & defined, workflow.name
    assert {"install", "lint", "test", "site"} <= used["ci.yml"]
    assert "site" in used["pages.yml"]
    assert "install" in used["drift.yml"]


def test_pre_commit_config_is_valid_and_runs_validate_and_ruff() -> None:
    result = run_tool("pre-commit", ["validate-config", ".pre-commit-config.yaml"], REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} == {"modelcat-validate", "ruff-check", "ruff-format"}
    validate = next(h for h in hooks if h["id"] == "modelcat-validate")
    assert validate["entry"] == ".venv/bin/modelcat validate"
    assert validate["files"] == "^catalog/"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_runs_clean_on_every_file(tmp_path: Path) -> None:
    # A repository holding the working tree's files, as a contributor's clone would.
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    clone = tmp_path / "clone"
    for name in listed:
        if (REPO / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, clone / name)
    (clone / ".venv").symlink_to(REPO / ".venv")
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *command], cwd=clone, check=True)
    result = run_tool("pre-commit", ["run", "--all-files"], clone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validate catalog entries" in result.stdout
