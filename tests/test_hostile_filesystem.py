"""Reads and writes stay inside their folder: links that leave the catalog, FIFOs and devices
are reported as one positioned problem (never read, never waited on), and no command writes or
deletes outside its root, whatever path a catalog, a payload or a manifest names."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from modelcat_registry.fileio import OutsideRootError, write_atomic_within
from tests.conftest import run_cli

# Validate reads a handful of small files: a hang on a FIFO or /dev/zero would blow this.
VALIDATE_TIMEOUT = 20


def validate_json(catalog: Path) -> dict:
    result = run_cli(["validate", "--format", "json"], cwd=catalog.parent, timeout=VALIDATE_TIMEOUT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def only_problem_at(report: dict, shown: str) -> dict:
    found = [e for e in report["errors"] if e["path"] == shown]
    assert [e["path"] for e in report["errors"]] == [shown], report["errors"]
    assert (found[0]["line"], found[0]["column"], found[0]["rule"]) == (1, 1, "unreadable")
    return found[0]


def test_a_link_to_dev_zero_named_yaml_is_one_problem_not_a_hang(catalog_copy: Path) -> None:
    (catalog_copy / "groq" / "models" / "zero.yaml").symlink_to("/dev/zero")
    problem = only_problem_at(validate_json(catalog_copy), "catalog/groq/models/zero.yaml")
    assert "symbolic link to a place outside the catalog" in problem["message"]


def test_a_fifo_named_yaml_is_one_problem_not_a_hang(catalog_copy: Path) -> None:
    os.mkfifo(catalog_copy / "groq" / "models" / "pipe.yaml")
    problem = only_problem_at(validate_json(catalog_copy), "catalog/groq/models/pipe.yaml")
    assert "is not a regular file (a FIFO, socket or device); remove it" in problem["message"]


def test_a_link_inside_the_catalog_to_a_device_is_refused_too(catalog_copy: Path) -> None:
    os.mkfifo(catalog_copy / "groq" / "pipe")
    (catalog_copy / "groq" / "models" / "linked.yaml").symlink_to(catalog_copy / "groq" / "pipe")
    report = validate_json(catalog_copy)
    messages = {e["path"]: e["message"] for e in report["errors"]}
    assert "is not a regular file" in messages["catalog/groq/models/linked.yaml"]


def test_a_linked_folder_pointing_outside_is_one_problem(
    catalog_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.yaml").write_text("id: linked-vendor/evil\nname: Outside\n")
    (catalog_copy / "groq" / "models" / "linked-vendor").symlink_to(outside)
    problem = only_problem_at(validate_json(catalog_copy), "catalog/groq/models/linked-vendor")
    assert "symbolic link to a place outside the catalog" in problem["message"]


def test_a_file_link_pointing_outside_is_one_problem(catalog_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nname: Not to be read\n")
    (catalog_copy / "groq" / "models" / "secret.yaml").symlink_to(secret)
    problem = only_problem_at(validate_json(catalog_copy), "catalog/groq/models/secret.yaml")
    assert "replace it with the file itself" in problem["message"]
    assert "Not to be read" not in problem["message"]


def test_sync_write_cannot_create_files_through_a_linked_folder(
    catalog_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (catalog_copy / "groq" / "models" / "linked-vendor").symlink_to(outside)
    payload = tmp_path / "payload.json"
    item = {"id": "linked-vendor/x", "object": "model", "created": 1, "owned_by": "Meta"}
    payload.write_text(json.dumps({"object": "list", "data": [{**item, "active": True}]}))
    result = run_cli(
        ["sync", "--provider", "groq", "--from-file", str(payload), "--write"],
        cwd=catalog_copy.parent,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert list(outside.iterdir()) == []


def test_confined_writes_refuse_a_linked_folder_on_the_way(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    (root / "groq" / "models").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "groq" / "models" / "linked-vendor").symlink_to(outside)
    with pytest.raises(OutsideRootError, match="leads outside"):
        write_atomic_within(root, root / "groq" / "models" / "linked-vendor" / "x.yaml", b"id: x\n")
    with pytest.raises(OutsideRootError):
        write_atomic_within(root, root / ".." / "escaped.yaml", b"id: x\n")
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "escaped.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["new", "--provider", "../x", "--id", "m"],
        ["new", "--provider", "groq", "--id", "../../../x"],
        ["new-provider", "--id", "../x"],
        ["new-provider", "--id", "/absolute/x"],
    ],
    ids=["new-provider-dotdot", "new-id-dotdot", "new-provider-cmd-dotdot", "absolute"],
)
def test_scaffolds_cannot_write_outside_the_catalog(catalog_copy: Path, args: list[str]) -> None:
    before = sorted(p.name for p in catalog_copy.parent.iterdir())
    result = run_cli(args, cwd=catalog_copy.parent)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert "is not a valid" in result.stderr
    assert sorted(p.name for p in catalog_copy.parent.iterdir()) == before
    assert not Path("/absolute").exists()


def test_a_tampered_manifest_cannot_make_generate_delete_outside_docs(
    catalog_copy: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    assert run_cli(["generate", "--out", "docs"], cwd=tmp_path).returncode == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("keep me too")
    linked = docs / "linked.md"
    linked.symlink_to(victim)
    manifest = docs / ".generated"
    manifest.write_text(
        manifest.read_text()
        + "../victim.txt\n"
        + f"../../{outside.name}\n"
        + f"{victim}\n"
        + "linked.md\n"
    )
    result = run_cli(["generate", "--out", "docs"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "keep me"
    assert outside.read_text() == "keep me too"
    assert linked.is_symlink()
    outside.unlink()
