"""Reads and writes stay inside their folder: links that leave the catalog, FIFOs and devices
are reported as one positioned problem (never read, never waited on), and no command writes or
deletes outside its root, whatever path a catalog, a payload or a manifest names."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from modelcat_registry.fileio import (
    BackgroundWriter,
    ConfinedWriter,
    OutsideRootError,
    write_atomic_within,
)
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


def test_writes_leave_no_temporary_file_and_keep_modes(tmp_path: Path) -> None:
    """A new file gets the usual mode (0666 less the umask), a rewritten one keeps its own;
    a link where the file goes is refused, and nothing is left beside the files."""
    writer = ConfinedWriter(tmp_path)
    assert writer.write_if_changed(tmp_path / "site" / "new.md", b"new\n")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "site" / "new.md").stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "site" / "private.md"
    kept.write_bytes(b"old\n")
    kept.chmod(0o600)
    assert writer.write_if_changed(kept, b"new\n") and kept.read_bytes() == b"new\n"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert not writer.write_if_changed(kept, b"new\n"), "the same content is not written again"
    (tmp_path / "outside.md").write_bytes(b"outside\n")
    (tmp_path / "site" / "link.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(OutsideRootError):
        writer.write_if_changed(tmp_path / "site" / "link.md", b"replaced\n")
    assert (tmp_path / "outside.md").read_bytes() == b"outside\n"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "link.md",
        "new.md",
        "private.md",
    ]


def test_a_confined_writer_checks_each_new_folder_below_checked_ones(tmp_path: Path) -> None:
    """Folders already checked are not looked at again, but a new one that is a link out of
    the root is refused, however deep, and a path with '..' never leaves it."""
    writer = ConfinedWriter(tmp_path / "site")
    assert writer.write_if_changed(tmp_path / "site" / "models" / "a" / "index.md", b"a\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "site" / "models" / "b").symlink_to(outside)
    with pytest.raises(OutsideRootError, match="models/b leads outside"):
        writer.write_if_changed(tmp_path / "site" / "models" / "b" / "c" / "index.md", b"b\n")
    with pytest.raises(OutsideRootError):
        writer.write_if_changed(tmp_path / "site" / "models" / ".." / ".." / "x.md", b"x\n")
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "x.md").exists()


def test_a_background_writer_writes_in_order_and_stops_at_the_first_error(
    tmp_path: Path,
) -> None:
    root = tmp_path / "docs"
    writer = BackgroundWriter(root)
    writer.write_if_changed(root / "a.md", b"a\n")
    writer.write_if_changed(root / "a.md", b"a\n")  # unchanged: not counted
    writer.write_if_changed(root / "b" / "c.md", b"c\n")
    assert writer.finish() == 2
    assert (root / "b" / "c.md").read_bytes() == b"c\n"
    (tmp_path / "outside").mkdir()
    (root / "linked").symlink_to(tmp_path / "outside")
    failing = BackgroundWriter(root)
    failing.write_if_changed(root / "linked" / "x.md", b"x\n")
    failing.write_if_changed(root / "after.md", b"after\n")
    with pytest.raises(OutsideRootError, match="linked leads outside"):
        failing.finish()
    assert not (root / "after.md").exists(), "nothing is written after the first error"
    assert list((tmp_path / "outside").iterdir()) == []


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


LOOP_MESSAGE = "this path is a symbolic link that loops; replace it with the file itself"


def make_link_loop(catalog: Path, shape: str) -> list[str]:
    """A link loop of the given shape in the catalog's groq models; the paths validate shows."""
    models = catalog / "groq" / "models"
    if shape == "file-to-itself":
        (models / "loop.yaml").symlink_to("loop.yaml")
        return ["catalog/groq/models/loop.yaml"]
    (models / "a").symlink_to("b")
    (models / "b").symlink_to("a")
    return ["catalog/groq/models/a", "catalog/groq/models/b"]


LOOP_SHAPES = ["file-to-itself", "folders-a-b-b-a"]


@pytest.mark.parametrize("shape", LOOP_SHAPES)
def test_validate_reports_a_symlink_loop_as_one_problem_per_link(
    catalog_copy: Path, shape: str
) -> None:
    shown = make_link_loop(catalog_copy, shape)
    report = validate_json(catalog_copy)
    assert [(e["path"], e["line"], e["column"], e["rule"]) for e in report["errors"]] == [
        (path, 1, 1, "unreadable") for path in shown
    ]
    assert {e["message"] for e in report["errors"]} == {LOOP_MESSAGE}


@pytest.mark.parametrize("shape", LOOP_SHAPES)
def test_validate_of_a_named_looping_link_reports_it(catalog_copy: Path, shape: str) -> None:
    shown = make_link_loop(catalog_copy, shape)[0]
    result = run_cli(["validate", shown], cwd=catalog_copy.parent, timeout=VALIDATE_TIMEOUT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == f"{shown}:1:1: {LOOP_MESSAGE} [unreadable]"


@pytest.mark.parametrize("shape", LOOP_SHAPES)
@pytest.mark.parametrize(
    "args",
    [
        ["generate", "--out", "docs"],
        ["sync", "--provider", "groq", "--from-file", "payload.json", "--as-of", "2026-03-01"],
        ["scan", "--catalog", "catalog", "."],
    ],
    ids=["generate", "sync", "scan"],
)
def test_a_symlink_loop_stops_readers_with_exit_2_and_the_problem(
    catalog_copy: Path, shape: str, args: list[str]
) -> None:
    (catalog_copy.parent / "payload.json").write_text('{"object": "list", "data": []}')
    shown = make_link_loop(catalog_copy, shape)
    result = run_cli(args, cwd=catalog_copy.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for path in shown:
        assert f"{path}:1:1: {LOOP_MESSAGE} [unreadable]\n" in result.stderr
    assert result.stderr.endswith("fix the catalog first: modelcat validate\n")
    assert not (catalog_copy.parent / "docs").exists()


def test_new_refuses_to_write_through_a_folder_link_that_loops(catalog_copy: Path) -> None:
    make_link_loop(catalog_copy, "folders-a-b-b-a")
    result = run_cli(["new", "--provider", "groq", "--id", "a/x"], cwd=catalog_copy.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == (
        "modelcat new: error: refusing to write catalog/groq/models/a/x.yaml: "
        "catalog/groq/models/a is a symbolic link that loops; replace it with a real folder\n"
    )
