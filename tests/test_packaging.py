"""modelcat installs as a package: a wheel with the schemas and the bundled catalog inside,
and a `modelcat` command that works from any folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CATALOG, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # Build from a copy: setuptools writes build/ and *.egg-info next to the sources.
    source = build / "src"
    skipped = {".venv", ".git", "build", "__pycache__", ".hypothesis", ".pytest_cache"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == REPO
        return {
            n for n in names if n in skipped or n.endswith(".egg-info") or (top and n == "site")
        }

    shutil.copytree(REPO, source, ignore=ignore)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [built] = out.glob("modelcat_registry-*.whl")
    return built


def test_the_wheel_carries_the_schemas_the_catalog_and_the_templates(wheel: Path) -> None:
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
    assert "modelcat_registry/templates/model.md.j2" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "modelcat = modelcat_registry.cli:main"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


def test_installed_modelcat_validates_a_catalog_copy_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    # The new environment borrows the locked dependencies and installs only the wheel itself.
    (purelib / "locked-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = venv / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(CATALOG, elsewhere / "my-catalog")

    result = subprocess.run(
        [str(venv / "bin" / "modelcat"), "validate", "--catalog", "my-catalog"],
        cwd=elsewhere, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("catalog OK: ")
    where = subprocess.run(
        [str(python), "-c", "import modelcat_registry, modelcat_registry.bundled as b; "
         "print(modelcat_registry.__file__); "
         "print(b.SCHEMA_DIR)"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert all(line.startswith(str(venv)) for line in where), where
