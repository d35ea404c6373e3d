"""The `modelcat-scan` pre-commit hook, run by pre-commit itself in a temporary repository.

pre-commit installs this project into its own virtualenv from PyPI's packages (about a
minute), so one test covers the hook end to end; what its arguments do is the `scan`
command's own behaviour, tested in test_scan.py (--catalog-json included).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, VENV_BIN


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def new_repository(root: Path, files: dict[str, str]) -> Path:
    root.mkdir()
    git(root, "init", "-q")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "a repository that calls an LLM")
    return root


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VENV_BIN / "pre-commit"), *args],
        cwd=repo,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "MODELCAT_AS_OF": "2030-01-01"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_try_repo_fails_a_commit_that_uses_a_retired_id_with_the_bundled_catalog(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    """GroqCloud shut llama3-70b-8192 down on 2025-08-30; the hook's default catalog is the
    one bundled with modelcat."""
    repo = new_repository(tmp_path / "app", {"app.py": 'MODEL = "llama3-70b-8192"\n'})
    result = pre_commit(
        repo, pre_commit_home, "try-repo", str(REPO), "modelcat-scan", "--all-files"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    name = "modelcat scan (retired, limited, redirected and soon-retired model IDs)"
    assert name in result.stdout
    assert "Failed" in result.stdout
    assert "app.py:1:10: 'llama3-70b-8192' (GroqCloud) was retired on 2025-08-30" in result.stdout
