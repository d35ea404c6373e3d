"""The project's front door: pinned dependencies and the commands the README promises."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

from tests.conftest import REPO


def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_declared_dependency_is_pinned_to_the_locked_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    lock = _lock()
    for requirement in declared:
        name, version = requirement.split("==")
        assert lock[name.lower().replace("_", "-")] == version, requirement


def test_mkdocs_is_pinned_below_2() -> None:
    assert int(_lock()["mkdocs"].split(".")[0]) < 2


def test_readme_names_the_two_commands_and_make_provides_them() -> None:
    readme = (REPO / "README.md").read_text()
    makefile = (REPO / "Makefile").read_text()
    for target in ("serve", "test", "site"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}: ", makefile, re.MULTILINE), target


def test_ci_entry_point_runs_make_test_and_passes_on_its_failure(tmp_path: Path) -> None:
    # Stand-ins for make and apt-get record how .ci/run calls them; make fails like a red run.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    for tool, code in (("make", 3), ("apt-get", 0), ("sudo", 0)):
        stand_in = bin_dir / tool
        stand_in.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\nexit {code}\n')
        stand_in.chmod(0o755)
    result = subprocess.run(
        ["bash", str(REPO / ".ci" / "run")],
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CI": "true"},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 3, "a failing make test must fail the CI run"
    assert log.read_text().splitlines()[-1] == "make test"


def test_make_drift_without_a_key_skips_the_provider_and_says_how_to_set_it() -> None:
    """No request is made: a provider whose key is not set is skipped, not failed."""
    env = {k: v for k, v in os.environ.items() if k not in {"GROQ_API_KEY", "MAKEFLAGS"}}
    result = subprocess.run(
        ["make", "--no-print-directory", "drift", "PROVIDER=groq"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "groq: skipped: GROQ_API_KEY is not set; export GROQ_API_KEY=<your API key>" in (
        result.stdout
    )
    assert "1 skipped (no key set)" in result.stdout
