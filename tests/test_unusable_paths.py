"""What tests/test_fuzz_front_doors.py found, one case each: paths that cannot be read,
written or created, names that are not UTF-8, FIFOs and devices given where a file is
expected, a MkDocs config that holds no settings, a value of 5,000 digits. Each is one
sentence and exit 2 (or, where the input is usable, the normal result), never a traceback,
a hang, or a device replaced by a file.

The commands run in this process (tests/in_process.py), except where a failure would be a
hang or would exhaust memory: those run as a process with a deadline and a memory limit.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.drift_helpers import AS_OF, DRIFT_DATA
from tests.in_process import run_main

LONG_NAME = "x" * 300  # past the 255 bytes a file name may have
NOT_UTF8 = "bad\udcff"  # a file name with the byte 0xff, as Python reads it


def assert_one_sentence(outcome_stderr: str, command: str) -> str:
    assert outcome_stderr.startswith(f"modelcat {command}: error: "), outcome_stderr
    assert outcome_stderr.count("\n") == 1 and "Traceback" not in outcome_stderr
    return outcome_stderr.removeprefix(f"modelcat {command}: error: ").rstrip("\n")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--catalog", LONG_NAME],
        ["generate", "--out", LONG_NAME],
        ["generate", "--config", LONG_NAME],
        ["sync", "--provider", "groq", "--from-file", LONG_NAME],
        ["scan", "--catalog", "catalog", LONG_NAME],
        ["new", "--catalog", LONG_NAME, "--provider", "groq", "--id", "fresh"],
    ],
    ids=["validate-catalog", "generate-out", "generate-config", "sync-from-file", "scan-path",
         "new-catalog"],
)  # fmt: skip
def test_a_name_too_long_is_one_sentence(drift_catalog: Path, args: list[str]) -> None:
    outcome = run_main(args, drift_catalog.parent)
    assert outcome.code == 2, outcome.output
    sentence = assert_one_sentence(outcome.stderr, args[0])
    assert sentence == (
        f"{LONG_NAME[:60]}... (300 characters): File name too long; check the path, or give "
        "another one"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["generate", "--out", "/proc/modelcat-test/docs"],
        ["new-provider", "--catalog", "/proc/self", "--id", "acme"],
        ["sync", "--provider", "groq", "--from-file", "live.json", "--as-of", AS_OF,
         "--snapshot", "/proc/modelcat-test.json"],
    ],
    ids=["generate-out", "new-provider-catalog", "sync-snapshot"],
)  # fmt: skip
def test_a_folder_that_cannot_be_written_is_one_sentence(
    drift_catalog: Path, args: list[str]
) -> None:
    """/proc refuses new files to every user, root included."""
    (drift_catalog.parent / "live.json").write_bytes(
        (DRIFT_DATA / "live-matching.json").read_bytes()
    )
    outcome = run_main(args, drift_catalog.parent)
    assert outcome.code == 2, outcome.output
    sentence = assert_one_sentence(outcome.stderr, args[0])
    assert sentence.startswith("/proc/")
    assert sentence.endswith(": No such file or directory; check the path, or give another one")


def test_a_snapshot_onto_a_fifo_is_refused_and_the_fifo_stays(drift_catalog: Path) -> None:
    """The snapshot is written by a rename, which would replace a FIFO or a device (as root,
    /dev/null itself) with a regular file."""
    folder = drift_catalog.parent
    (folder / "live.json").write_bytes((DRIFT_DATA / "live-matching.json").read_bytes())
    os.mkfifo(folder / "pipe")
    outcome = run_main(
        ["sync", "--provider", "groq", "--from-file", "live.json", "--as-of", AS_OF,
         "--snapshot", "pipe"],
        folder,
    )  # fmt: skip
    assert outcome.code == 2, outcome.output
    assert assert_one_sentence(outcome.stderr, "sync") == (
        "--snapshot pipe is not a regular file (a FIFO, socket or device); give a file name to "
        "write"
    )
    assert (folder / "pipe").is_fifo()


@pytest.mark.parametrize(
    ("config", "reason"),
    [
        ("- a list\n", "it is not a mapping of settings such as repo_url: https://..."),
        ("just text\n", "it is not a mapping of settings such as repo_url: https://..."),
        ("repo_url: 5\n", "repo_url must be an http(s) URL, not '5'"),
        ('repo_url: "https://x\\n"\n', "repo_url must be an http(s) URL, not 'https://x\\n'"),
        ("site_url: javascript:alert(1)\n", "site_url must be an http(s) URL, not "
         "'javascript:alert(1)'"),
        ("repo_url: https://x.example\nedit_uri: [1]\n", "edit_uri must be a path on one line, "
         "not '[1]'"),
    ],
    ids=["list", "text", "number", "line-break", "javascript", "edit-uri-list"],
)  # fmt: skip
def test_a_config_without_usable_settings_is_one_sentence(
    drift_catalog: Path, config: str, reason: str
) -> None:
    folder = drift_catalog.parent
    (folder / "odd.yml").write_text(config)
    outcome = run_main(["generate", "--config", "odd.yml", "--out", "docs"], folder)
    assert outcome.code == 2, outcome.output
    assert assert_one_sentence(outcome.stderr, "generate") == (
        f"odd.yml cannot be read as a MkDocs config ({reason}); fix it or give another --config"
    )
    assert not (folder / "docs").exists()


def test_a_value_of_5000_digits_is_checked_not_a_crash(drift_catalog: Path) -> None:
    """Writing it as YAML once asked PyYAML to read 5,000 digits as a number (past int()'s
    4,300): it is a name too long for the schema."""
    outcome = run_main(
        ["new", "--provider", "groq", "--id", "fresh", "--developer", "9" * 5000],
        drift_catalog.parent,
    )
    assert outcome.code == 2, outcome.output
    assert assert_one_sentence(outcome.stderr, "new").startswith("--developer: ")
    assert not (drift_catalog / "groq" / "models" / "fresh.yaml").exists()


def test_a_folder_name_that_is_not_utf8_is_shown_escaped(drift_catalog: Path) -> None:
    """A strict UTF-8 stdout (a UTF-8 locale) cannot print the raw name: it is escaped."""
    outcome = run_main(["generate", "--out", NOT_UTF8, "--as-of", AS_OF], drift_catalog.parent)
    assert outcome.code == 0, outcome.output
    assert re.match(r"generated \d+ files in bad\\udcff: ", outcome.stdout), outcome.stdout
    outcome.stdout.encode("utf-8")
    assert (drift_catalog.parent / NOT_UTF8 / "index.md").is_file()


def scan_tree(root: Path) -> Path:
    tree = root / "tree"
    tree.mkdir()
    (tree / f"{NOT_UTF8}.py").write_text('MODEL = "old-model"\n')
    return tree


@pytest.mark.parametrize("output", ["json", "sarif"])
def test_scan_reports_a_file_name_that_is_not_utf8_as_valid_utf8_json(
    drift_catalog: Path, output: str
) -> None:
    """JSON keeps other scripts as they are, but a lone surrogate becomes its \\u escape (as
    raw text it is no UTF-8); SARIF's fingerprint hashes the name's bytes (it raised
    UnicodeEncodeError in every locale) and its URI percent-encodes them."""
    tree = scan_tree(drift_catalog.parent)
    outcome = run_main(
        ["scan", "--catalog", str(drift_catalog), "--as-of", AS_OF, "--format", output, "."],
        tree,
    )
    assert outcome.code == 1, outcome.output
    outcome.stdout.encode("utf-8")
    report = json.loads(outcome.stdout)
    if output == "json":
        [finding] = report["findings"]
        assert finding["path"] == f"{NOT_UTF8}.py"
    else:
        [result] = report["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == "bad%FF.py"


def limited_memory() -> None:
    """In the child: at most 1 GiB of address space, so a read without end fails early."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def modelcat_process(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A hang or a read without end would be the failure: a process with a deadline and a
    memory limit, not this one."""
    return subprocess.run(
        [sys.executable, "-m", "modelcat_registry", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limited_memory,  # the child runs no thread before exec
        check=False,
    )


@pytest.mark.parametrize("named", ["pipe", "/dev/zero"])
def test_scan_refuses_a_fifo_or_a_device_named_on_the_command_line(
    drift_catalog: Path, named: str
) -> None:
    """A FIFO blocked the open for ever; /dev/zero was read until memory ran out. Named on the
    command line, either is a usage error like a path that does not exist, and is never opened."""
    tree = scan_tree(drift_catalog.parent)
    os.mkfifo(tree / "pipe")
    result = modelcat_process(
        ["scan", "--catalog", str(drift_catalog), "--as-of", AS_OF, named, f"{NOT_UTF8}.py"],
        tree,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    sentence = assert_one_sentence(result.stderr, "scan")
    assert sentence == (
        f"{named}: not a regular file or folder (a FIFO, socket or device); give a file or "
        "folder to scan"
    )


def test_scan_skips_a_fifo_inside_a_folder(drift_catalog: Path) -> None:
    tree = scan_tree(drift_catalog.parent)
    os.mkfifo(tree / "pipe")
    result = modelcat_process(
        ["scan", "--catalog", str(drift_catalog), "--as-of", AS_OF, "."], tree
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "pipe" not in result.stdout + result.stderr


def test_sync_refuses_a_fifo_as_the_capture_file(drift_catalog: Path) -> None:
    os.mkfifo(drift_catalog.parent / "capture.json")
    result = modelcat_process(
        ["sync", "--catalog", str(drift_catalog), "--provider", "groq", "--from-file",
         "capture.json", "--as-of", AS_OF],
        drift_catalog.parent,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert assert_one_sentence(result.stderr, "sync") == (
        "--from-file capture.json is not a regular file (a folder, FIFO, socket or device); "
        "give the saved capture or /models payload"
    )


def test_scan_refuses_a_fifo_as_the_catalog_json(drift_catalog: Path) -> None:
    os.mkfifo(drift_catalog.parent / "models.json")
    result = modelcat_process(["scan", "--catalog-json", "models.json"], drift_catalog.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == (
        "models.json: not a regular file that can be read (a FIFO, socket or device, or no "
        "permission); give the saved api/models.json\n"
        "modelcat scan: error: cannot use models.json as the catalog\n"
    )
