"""Shared fixtures: the repository's paths, a copy of the real catalog, and the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from scripts.loopback_provider import LoopbackProvider
from scripts.site.project import copy_site_project

REPO = Path(__file__).resolve().parent.parent
CATALOG = REPO / "catalog"


def run_cli(
    args: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m scripts ARGS` as a user runs it, from cwd."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "scripts", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled catalog at tmp_path/catalog (cwd-relative paths work)."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG, target)
    return target


VENV_BIN = Path(sys.executable).parent


def run_tool(
    tool: str, args: Sequence[str], cwd: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """A command-line tool installed in the virtualenv (mkdocs, zensical, ...)."""
    return subprocess.run(
        [str(VENV_BIN / tool), *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def make_site_project(target: Path, catalog: Path = CATALOG) -> Path:
    return copy_site_project(target, catalog)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled catalog's site, built with `mkdocs build --strict` in a copy of the project."""
    project = make_site_project(tmp_path_factory.mktemp("site") / "project")
    result = run_tool("mkdocs", ["build", "--strict"], cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def groq() -> Iterator[LoopbackProvider]:
    """A Groq-like /models server on 127.0.0.1 whose list matches the bundled catalog."""
    from tests.drift_helpers import API_KEY, matching_live_list

    with LoopbackProvider(matching_live_list(), API_KEY) as server:
        yield server
