"""Every file under tests/bad_inputs/ is one hostile or mistaken catalog file.

Its header says what the case is (`# case:`), where it goes in a copy of the real catalog
(`# place:`, default groq/models/<file name>) and every problem `validate` must report for it
(`# expect: LINE:COL RULE | message fragment`), no more and no fewer. A case that needs a second
file names its place (`# with: PATH`) and gives its lines as `#| ` comments below; the problems
the case causes in other files are listed as `# also: PATH LINE:COL RULE`. A provider.yaml
case is a new provider in a folder of its own, not a replaced catalog/groq/provider.yaml (whose
sources the real models cite), so that every case can be placed in one catalog at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) ([a-z0-9-]+) \| (.+)$", re.MULTILINE)
PLACE = re.compile(rb"^# place: (\S+)$", re.MULTILINE)
ALSO = re.compile(rb"^# also: (\S+) (\d+):(\d+) ([a-z0-9-]+)$", re.MULTILINE)
WITH = re.compile(rb"^# with: (\S+)\n((?:#\|(?: .*)?\n)+)", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    source: Path
    place: str
    expected: list[tuple[int, int, str, str]]
    also: list[tuple[str, int, int, str]]  # problems the case causes in other files
    companions: dict[str, bytes]  # other files the case needs, by place

    def install(self, catalog: Path) -> None:
        for place, content in [(self.place, self.source.read_bytes()), *self.companions.items()]:
            target = catalog / place
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def load_case(source: Path) -> Case:
    raw = source.read_bytes()
    place = PLACE.search(raw)
    expected = [
        (int(line), int(col), rule.decode(), fragment.decode())
        for line, col, rule, fragment in EXPECT.findall(raw)
    ]
    return Case(
        source,
        place.group(1).decode() if place else f"groq/models/{source.name}",
        expected,
        [
            (f"catalog/{path.decode()}", int(line), int(col), rule.decode())
            for path, line, col, rule in ALSO.findall(raw)
        ],
        {
            place.decode(): b"".join(line[3:] + b"\n" for line in lines.splitlines())
            for place, lines in WITH.findall(raw)
        },
    )


CASES = sorted(CORPUS.glob("*.yaml"))


def test_corpus_is_not_empty_and_every_case_says_what_it_is() -> None:
    assert len(CASES) >= 77  # the size of the corpus when it moved to schema 3
    for source in CASES:
        assert source.read_bytes().startswith(b"# case: "), source.name
        assert load_case(source).expected, f"{source.name} has no # expect: line"


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.stem)
def test_bad_input_reports_exact_position_rule_and_message(
    source: Path, catalog_copy: Path
) -> None:
    case = load_case(source)
    case.install(catalog_copy)

    result = run_cli(["validate", "--format", "json"], cwd=catalog_copy.parent)

    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["valid"] is False
    shown = f"catalog/{case.place}"
    found = [e for e in report["errors"] if e["path"] == shown]
    others = [e for e in report["errors"] if e["path"] != shown]
    assert [(e["path"], e["line"], e["column"], e["rule"]) for e in others] == case.also
    assert [(e["line"], e["column"], e["rule"]) for e in found] == [
        (line, col, rule) for line, col, rule, _ in case.expected
    ], json.dumps(found, indent=1)
    for error, (_, _, _, fragment) in zip(found, case.expected, strict=True):
        assert fragment in error["message"]


def test_all_bad_files_are_reported_in_one_run(catalog_copy: Path) -> None:
    cases = [load_case(s) for s in CASES]
    placed = {}
    for case in cases:
        assert f"catalog/{case.place}" not in placed, f"two cases take {case.place}"
        case.install(catalog_copy)
        placed[f"catalog/{case.place}"] = case

    result = run_cli(["validate"], cwd=catalog_copy.parent)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    reported_files = {line.split(":", 1)[0] for line in lines[:-1]}
    also = {path for case in placed.values() for path, *_ in case.also}
    assert reported_files == set(placed) | also
    assert lines[-1].startswith("catalog invalid: ")
    positions = [(line.split(":")[0], int(line.split(":")[1])) for line in lines[:-1]]
    assert positions == sorted(positions), "problems are sorted by path, then line"


def test_corpus_files_do_not_break_the_real_repository() -> None:
    # The corpus lives outside catalog/, so the bundled catalog stays valid.
    result = run_cli(["validate"], cwd=REPO)
    assert result.returncode == 0, result.stdout


def test_the_streaming_and_the_full_validator_find_the_same_problems(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`modelcat validate` checks file by file (validate_folder); sync keeps the whole catalog
    (check_catalog). Both must report the same problems, and so must generate, scan and the
    site hook, which read the catalog without positions (read_valid_catalog)."""
    from modelcat_registry.valid_catalog import (
        InvalidCatalogError,
        check_catalog,
        read_valid_catalog,
        validate_folder,
    )

    for source in CASES:
        load_case(source).install(catalog_copy)
    monkeypatch.chdir(catalog_copy.parent)

    streamed = validate_folder(Path("catalog")).problems
    full = check_catalog(Path("catalog")).problems

    assert streamed, "the corpus must give problems to compare"
    assert streamed == full
    with pytest.raises(InvalidCatalogError) as raised:
        read_valid_catalog(Path("catalog"))
    assert raised.value.report.problems == full


@pytest.mark.parametrize("catalog", ["catalog", "tests/site_catalog", "synthetic"])
def test_a_catalog_read_without_positions_is_the_catalog_loaded_with_them(
    catalog: str, tmp_path: Path
) -> None:
    from modelcat_registry.bench.synthetic import write_catalog
    from modelcat_registry.valid_catalog import load_valid_catalog, read_valid_catalog

    folder = write_catalog(tmp_path, 300, 3) if catalog == "synthetic" else REPO / catalog
    _, loaded = load_valid_catalog(folder)
    read = read_valid_catalog(folder)
    assert read.models and read.models == loaded.models
    assert read.providers == loaded.providers


def test_a_catalog_fixed_while_it_is_read_is_read_again_not_reported_empty(
    catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_valid_catalog reads an invalid catalog a second time, with positions. A file saved
    in between (an editor under `mkdocs serve`) can make that read valid: it is then the
    catalog, not an error that lists no problem."""
    from modelcat_registry import valid_catalog

    target = next((catalog_copy / "groq" / "models").glob("*.yaml"))
    good = target.read_bytes()
    streamed = valid_catalog._stream

    def saved_while_streaming(*args: object, **kwargs: object) -> object:
        target.write_bytes(b"id: [unclosed\n")
        try:
            return streamed(*args, **kwargs)
        finally:
            target.write_bytes(good)

    monkeypatch.setattr(valid_catalog, "_stream", saved_while_streaming)
    catalog = valid_catalog.read_valid_catalog(catalog_copy)
    assert any(m.source_path.name == target.name for m in catalog.models)
