"""modelcat installs as a package: `pip install .` into a fresh virtualenv gives the `modelcat`
command (with --version) and one import package, `modelcat_registry` (dialects, schemas and
bundled catalog inside), and nothing named `scripts` or `modelcat`; the wheel is named for the
distribution, modelcat-registry."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CATALOG, REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
VERSION = PROJECT["version"]
IMPORT_NAME = "modelcat_registry"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's files: setuptools writes build/ and *.egg-info next to the
    sources it builds."""
    target = tmp_path_factory.mktemp("build") / "src"
    skipped = {".venv", ".git", "build", "__pycache__", ".hypothesis", ".pytest_cache"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == REPO
        return {
            n for n in names if n in skipped or n.endswith(".egg-info") or (top and n == "site")
        }

    shutil.copytree(REPO, target, ignore=ignore)
    return target


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [built] = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with `pip install .` run in the source folder. It borrows the locked
    dependencies of the test run (no network), and installs only the project itself."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (purelib_of(venv) / "locked-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
         "--no-deps", "--no-build-isolation", "-q", "."],
        cwd=source, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    return venv


def purelib_of(venv: Path) -> Path:
    return Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])


def test_the_wheel_is_the_distributions_and_holds_one_import_package(wheel: Path) -> None:
    assert wheel.name == f"{IMPORT_NAME}-{VERSION}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        IMPORT_NAME,
        f"{IMPORT_NAME}-{VERSION}.dist-info",
    }


def test_the_wheel_carries_the_schemas_the_catalog_the_dialects_and_the_templates(
    wheel: Path,
) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "modelcat_registry/bundled/schema/model.schema.json" in names
    assert "modelcat_registry/bundled/schema/provider.schema.json" in names
    assert "modelcat_registry/bundled/catalog/groq/provider.yaml" in names
    bundled = {
        n
        for n in names
        if n.startswith("modelcat_registry/bundled/catalog/") and n.endswith(".yaml")
    }
    assert len(bundled) == len(list(CATALOG.rglob("*.yaml")))
    dialects = {p.name for p in (REPO / "scripts" / "dialects").glob("*.py")}
    assert {f"modelcat_registry/dialects/{name}" for name in dialects} <= names
    assert "modelcat_registry/templates/model.md.j2" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "modelcat = modelcat_registry.cli:main"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


def test_pip_install_gives_the_modelcat_command_with_its_version(
    venv: Path, tmp_path: Path
) -> None:
    for command in ([str(venv / "bin" / "modelcat")],
                    [str(venv / "bin" / "python"), "-m", IMPORT_NAME]):  # fmt: skip
        result = subprocess.run(
            [*command, "--version"], cwd=tmp_path, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"modelcat {VERSION}\n"


def test_pip_install_gives_one_package_and_nothing_named_scripts_or_modelcat(
    venv: Path, tmp_path: Path
) -> None:
    installed = {
        p.name
        for p in purelib_of(venv).iterdir()
        if p.name not in {"__pycache__", "locked-deps.pth"}
    }
    assert installed == {IMPORT_NAME, f"{IMPORT_NAME}-{VERSION}.dist-info"}
    probe = (
        "import importlib.util as u, modelcat_registry.dialects as d; "
        "print(d.__file__); print(d.dialect_for('cerebras').name); "
        "print(u.find_spec('scripts'), u.find_spec('modelcat'))"
    )
    where, dialect, absent = subprocess.run(
        [str(venv / "bin" / "python"), "-c", probe],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert where.startswith(str(purelib_of(venv) / IMPORT_NAME / "dialects"))
    assert dialect == "cerebras"
    assert absent == "None None"


def test_installed_modelcat_validates_a_catalog_copy_from_another_folder(
    venv: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(CATALOG, elsewhere / "my-catalog")

    result = subprocess.run(
        [str(venv / "bin" / "modelcat"), "validate", "--catalog", "my-catalog"],
        cwd=elsewhere, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("catalog OK: ")
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import modelcat_registry, modelcat_registry.bundled as b; "
         "print(modelcat_registry.__file__); print(b.SCHEMA_DIR)"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert all(line.startswith(str(venv)) for line in where), where
