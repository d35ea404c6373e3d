"""The scheduled drift job's issue handling, run offline against a stand-in `gh` command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.drift_helpers import AS_OF, by_id, copy_drift_catalog, matching_live_list

SCRIPT = REPO / ".github" / "scripts" / "drift-issues.sh"
FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s' "${FAKE_EXISTING_ISSUE:-}"; fi
"""


def run_job(tmp_path: Path, live: dict, existing: str = "") -> tuple[int, list[str], str]:
    project = tmp_path / "checkout"
    copy_drift_catalog(project)
    snapshot = tmp_path / "live.json"
    snapshot.write_text(json.dumps(live))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(0o755)
    log = tmp_path / "gh.log"
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "MODELCAT": str(Path(sys.executable).parent / "modelcat"),
        "GH_LOG": str(log),
        "FAKE_EXISTING_ISSUE": existing,
        "GITHUB_STEP_SUMMARY": str(summary),
        "SYNC_ARGS": f"--from-file {snapshot} --as-of {AS_OF}",
    }
    result = subprocess.run(
        ["bash", str(SCRIPT)], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result.returncode, calls, summary.read_text() if summary.exists() else ""


def drifted() -> dict:
    live = matching_live_list()
    by_id(live, "alpha-8b")["context_window"] = 16384
    return {"object": "list", "data": live}


def matching() -> dict:
    return {"object": "list", "data": matching_live_list()}


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
class TestDriftIssues:
    def test_drift_opens_one_issue_with_the_report(self, tmp_path: Path) -> None:
        code, calls, summary = run_job(tmp_path, drifted())
        assert code == 0
        assert calls[0].startswith("label create catalog-drift")
        assert calls[-1] == (
            "issue create --title Catalog drift: groq --label catalog-drift "
            "--body-file drift-report-groq.md"
        )
        body = (tmp_path / "checkout" / "drift-report-groq.md").read_text()
        assert body.startswith("# Catalog drift report")
        assert "`context_window`" in body
        assert summary == body

    def test_drift_updates_the_open_issue_instead_of_opening_another(self, tmp_path: Path) -> None:
        code, calls, _ = run_job(tmp_path, drifted(), existing="42")
        assert code == 0
        assert calls[-1] == "issue edit 42 --body-file drift-report-groq.md"
        assert not any(call.startswith("issue create") for call in calls)

    def test_no_drift_closes_the_open_issue(self, tmp_path: Path) -> None:
        code, calls, _ = run_job(tmp_path, matching(), existing="42")
        assert code == 0
        assert calls[-1].startswith("issue close 42 --comment ")

    def test_no_drift_and_no_issue_touches_nothing(self, tmp_path: Path) -> None:
        code, calls, _ = run_job(tmp_path, matching())
        assert code == 0
        assert [c.split()[:2] for c in calls] == [["label", "create"], ["issue", "list"]]

    def test_a_provider_that_cannot_be_checked_fails_the_job(self, tmp_path: Path) -> None:
        code, calls, _ = run_job(tmp_path, {"object": "list"})
        assert code == 1
        assert not any(c.startswith(("issue create", "issue edit", "issue close")) for c in calls)
