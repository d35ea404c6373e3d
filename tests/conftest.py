"""Shared fixtures: the repository's paths, a copy of the real catalog, and the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.loopback_provider import LoopbackProvider
from modelcat_registry.site.project import copy_site_project

REPO = Path(__file__).resolve().parent.parent
CATALOG = REPO / "catalog"


def run_cli(
    args: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m modelcat_registry ARGS` as a user runs it, from cwd."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "modelcat_registry", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled schema checks go to a cache folder of the test run, not the user's."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled catalog, read and validated once for every test that checks its facts."""
    from modelcat_registry.valid_catalog import read_valid_catalog

    return read_valid_catalog(CATALOG)


def find_model(catalog: Catalog, provider_id: str, model_id: str) -> Model:
    model = catalog.find(provider_id, model_id)
    assert model is not None, f"{provider_id}/{model_id} is not in the catalog"
    return model


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled catalog at tmp_path/catalog (cwd-relative paths work)."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG, target)
    return target


VENV_BIN = Path(sys.executable).parent


def run_tool(
    tool: str,
    args: Sequence[str],
    cwd: Path,
    timeout: float = 300,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """A command-line tool installed in the virtualenv (mkdocs, zensical, ...)."""
    return subprocess.run(
        [str(VENV_BIN / tool), *args],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def make_site_project(target: Path, catalog: Path = CATALOG) -> Path:
    return copy_site_project(target, catalog)


# The site tests build tests/site_catalog (literal dates) as of this day.
SITE_CATALOG = REPO / "tests" / "site_catalog"
SITE_AS_OF = "2026-11-25"
ENGINES = ("mkdocs", "zensical")


def build_site(project: Path, engine: str, as_of: str = SITE_AS_OF) -> Path:
    """What `make site ENGINE=...` does: MkDocs' build, whose hook renders the pages; for
    Zensical, which runs no hooks, `modelcat generate` first."""
    env = {"MODELCAT_AS_OF": as_of}
    if engine == "zensical":
        generated = run_cli(["generate", "--catalog", "catalog", "--out", "docs"], project, env)
        assert generated.returncode == 0, generated.stderr
    args = ["build", "--strict"] if engine == "mkdocs" else ["build"]
    result = run_tool(engine, args, cwd=project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    if engine == "zensical":  # as `make site` does: Zensical runs no hook to write the twins
        twins = run_cli(["generate", "--catalog", "catalog", "--twins", "site"], project, env)
        assert twins.returncode == 0, twins.stderr
    return project / "site"


@pytest.fixture(scope="session", params=ENGINES)
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of tests/site_catalog as of SITE_AS_OF, built by each engine in turn."""
    project = make_site_project(tmp_path_factory.mktemp(request.param) / "project", SITE_CATALOG)
    return build_site(project, request.param)


# The real catalog's site as `MODELCAT_AS_OF=2026-12-07 make site` builds it: the day issue 24
# measures the site at its full size (560 models, 11 providers).
REAL_SITE_AS_OF = "2026-12-07"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of catalog/ as of REAL_SITE_AS_OF, built once a session, by MkDocs only (the
    slower engine; the fixture site shows that Zensical builds the same pages)."""
    project = make_site_project(tmp_path_factory.mktemp("real") / "project", CATALOG)
    return build_site(project, "mkdocs", as_of=REAL_SITE_AS_OF)


@pytest.fixture
def drift_catalog(tmp_path: Path) -> Path:
    """A writable copy of the drift tests' literal catalog (tests/data/drift/catalog)."""
    from tests.drift_helpers import copy_drift_catalog

    return copy_drift_catalog(tmp_path)


@pytest.fixture
def groq() -> Iterator[LoopbackProvider]:
    """A Groq-like /models server on 127.0.0.1 whose list matches the drift catalog."""
    from tests.drift_helpers import API_KEY, matching_live_list

    with LoopbackProvider(matching_live_list(), API_KEY) as server:
        yield server
