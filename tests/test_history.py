"""Observations with a time axis: replaying any capture, on any day, tells the truth.

The real GroqCloud captures of tests/data/ are replayed through `modelcat sync` in every
order, with and without `--write`, on a copy of the GroqCloud catalog; a property test drives
random sequences of captures, days and writes through the same pure functions `sync` uses
and checks the rules: a sync straight after a write reports nothing, no documented fact
changes, no span shrinks, and the result does not depend on the order of older captures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelcat_registry.catalog import Observation
from modelcat_registry.drift.history import CheckEntry, updated_checks, updated_records
from modelcat_registry.observations import canonical, covering, recorded_values
from tests.conftest import CATALOG, REPO, run_cli

DATA = REPO / "tests" / "data"
A1 = (DATA / "groq-models-api-2025-11.json", "2025-11-17")  # 20 models, late 2025
C26 = (DATA / "groq-models-api-2026.json", "2025-12-19")  # 20 models, early 2026


def groq_catalog(tmp_path: Path) -> Path:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG / "groq", catalog / "groq")
    return catalog


def sync(catalog: Path, capture: tuple[Path, str], *extra: str, day: str | None = None) -> Any:
    path, captured = capture
    return run_cli(
        ["sync", "--catalog", str(catalog), "--provider", "groq", "--from-file", str(path),
         "--as-of", day or captured, "--format", "json", *extra],
        catalog.parent,
    )  # fmt: skip


def report(result: Any) -> dict[str, Any]:
    assert result.returncode in (0, 1), result.stdout + result.stderr
    [provider] = json.loads(result.stdout)["providers"]
    return provider


def documented(catalog: Path) -> dict[str, Any]:
    """Every model file without its observed records: the documented facts."""
    found = {}
    for path in sorted((catalog / "groq" / "models").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        data.pop("observed", None)
        found[str(path.relative_to(catalog))] = data
    return found


def test_replaying_an_older_capture_expects_only_what_was_known_then(tmp_path: Path) -> None:
    catalog = groq_catalog(tmp_path)
    found = report(sync(catalog, A1))
    # Models first documented or observed after 2025-11-17 are not expected in its list.
    assert found["removed"] == []
    absent = {a["id"]: a["reason"] for a in found["expected_absent"]}
    assert absent["canopylabs/orpheus-v1-english"] == "not documented or seen live by 2025-11-17"
    # What the catalog knew of the listed models by then: nothing observed yet.
    first = {c["id"] for c in found["changed"] if c["field"] == "observed"}
    assert "openai/gpt-oss-120b" in first and "llama-3.3-70b-versatile" in first
    # Retired on 2025-10-10, listed on 2025-11-17: one event, relisted, nothing else.
    assert [r["id"] for r in found["relisted"]] == ["moonshotai/kimi-k2-instruct"]
    kimi = "moonshotai/kimi-k2-instruct"
    assert kimi not in {c["id"] for c in found["changed"]}
    assert kimi not in {d["id"] for d in found["disagreements"]}


def test_a_replay_never_reads_values_seen_after_its_day(tmp_path: Path) -> None:
    catalog = groq_catalog(tmp_path)
    found = report(sync(catalog, A1))
    text = json.dumps(found)
    assert "2025-12-19" not in text  # the recorded check of the later capture


@pytest.mark.parametrize("order", list(itertools.permutations([A1, C26])))
def test_writing_the_captures_in_any_order_converges_to_the_same_catalog(
    tmp_path: Path, order: tuple[tuple[Path, str], ...]
) -> None:
    results = []
    for run, captures in enumerate((order, tuple(reversed(order)))):
        catalog = groq_catalog(tmp_path / str(run))
        before = documented(catalog)
        for capture in captures:
            sync(catalog, capture, "--write")
        for capture in captures:  # a sync straight after a write reports nothing
            found = report(sync(catalog, capture))
            assert not (found["added"] or found["removed"] or found["changed"]), found
            assert not found["relisted"], found
        assert documented(catalog) == before  # no documented fact changed
        results.append(
            {str(p.relative_to(catalog)): p.read_text() for p in sorted(catalog.rglob("*.yaml"))}
        )
    assert results[0] == results[1]


def test_an_older_capture_widens_spans_and_never_rewinds(tmp_path: Path) -> None:
    catalog = groq_catalog(tmp_path)
    before = (catalog / "groq" / "models" / "openai" / "gpt-oss-120b.yaml").read_text()
    assert "first_seen: 2025-12-19" in before
    sync(catalog, A1, "--write")
    after = yaml.safe_load(
        (catalog / "groq" / "models" / "openai" / "gpt-oss-120b.yaml").read_text()
    )
    [record] = after["observed"]  # the same values in both captures: one record
    assert record["first_seen"] == dt.date(2025, 11, 17)
    assert "last_seen" not in record  # still the record of the newest check
    provider = yaml.safe_load((catalog / "groq" / "provider.yaml").read_text())
    assert max(c.get("until", c["date"]) for c in provider["checks"]) == dt.date(2025, 12, 19)


def test_a_daily_check_that_finds_nothing_new_changes_one_line(tmp_path: Path) -> None:
    """The same list on a later day extends the provider's check by one line; the kept
    capture stays the first capture of that list, and no model file changes."""
    catalog = groq_catalog(tmp_path)
    files = {p: p.read_text() for p in catalog.rglob("*") if p.is_file()}
    result = sync(catalog, C26, "--write", day="2026-03-01")
    assert report(result)["changed"] == []
    changed = sorted(p.name for p in files if p.read_text() != files[p])
    assert changed == ["provider.yaml"]
    provider = catalog / "groq" / "provider.yaml"
    diff = set(files[provider].splitlines()) ^ set(provider.read_text().splitlines())
    assert diff == {"    until: 2026-03-01"}


def test_a_model_that_disappears_is_recorded_and_reported_once(tmp_path: Path) -> None:
    catalog = groq_catalog(tmp_path)
    payload = json.loads(C26[0].read_text())
    payload["data"] = [m for m in payload["data"] if m["id"] != "allam-2-7b"]
    smaller = tmp_path / "without-allam.json"
    smaller.write_text(json.dumps(payload))
    capture = (smaller, "2026-04-01")
    found = report(sync(catalog, capture))
    assert [r["id"] for r in found["removed"]] == ["allam-2-7b"]
    assert report(sync(catalog, capture, "--write"))["removed"] == found["removed"]
    kept = json.loads((catalog / "groq" / "capture.json").read_text())
    assert kept["day"] == "2026-04-01", "a new list is the newest capture"
    again = report(sync(catalog, capture))
    assert again["removed"] == []
    assert {"id": "allam-2-7b", "reason": "not listed at the check of 2026-04-01, as recorded"} in (
        again["expected_absent"]
    )
    later = report(sync(catalog, capture, day="2026-05-01"))
    assert {"id": "allam-2-7b", "reason": "not listed since 2026-04-01"} in later["expected_absent"]


def test_an_empty_or_suspiciously_small_list_is_an_error_not_a_mass_removal(
    tmp_path: Path,
) -> None:
    catalog = groq_catalog(tmp_path)
    empty = tmp_path / "empty.json"
    empty.write_text('{"object": "list", "data": []}')
    result = sync(catalog, (empty, "2026-04-01"))
    assert result.returncode == 2
    assert "the list is empty" in json.loads(result.stdout)["providers"][0]["error"]
    payload = json.loads(C26[0].read_text())
    payload["data"] = payload["data"][:5]
    few = tmp_path / "few.json"
    few.write_text(json.dumps(payload))
    result = sync(catalog, (few, "2026-04-01"))
    assert result.returncode == 2
    assert "under half of the 20 listed" in result.stdout
    assert sync(catalog, (few, "2026-04-01"), "--allow-shrink").returncode == 1


def test_a_bare_payload_needs_its_day_and_a_snapshot_keeps_it(tmp_path: Path) -> None:
    catalog = groq_catalog(tmp_path)
    result = run_cli(
        ["sync", "--catalog", str(catalog), "--provider", "groq", "--from-file", str(C26[0])],
        tmp_path,
        env={"MODELCAT_AS_OF": ""},
    )
    assert result.returncode == 2
    assert "bare /models payload with no date; pass the day it was captured with --as-of" in (
        result.stdout
    )
    snapshot = tmp_path / "capture.json"
    sync(catalog, C26, "--snapshot", str(snapshot))
    record = json.loads(snapshot.read_text())
    assert record["modelcat_capture"] == 1 and record["dialect"] == "groq"
    assert record["pages"][0]["sha256"] == (
        "6ccbde0ee3b3920aa9f0114f9aca002765c1009c2697b8ab677ea6345a767129"
    )
    dated = run_cli(
        ["sync", "--catalog", str(catalog), "--provider", "groq", "--from-file", str(snapshot),
         "--format", "json"],
        tmp_path,
        env={"MODELCAT_AS_OF": ""},
    )  # fmt: skip
    assert json.loads(dated.stdout)["providers"][0]["as_of"] == C26[1]


# --- the rules, on random sequences ----------------------------------------------------------

IDS = ("a", "b", "c")
VALUES = st.sampled_from([{"context_window": 8192}, {"context_window": 131072}, {}])
A_CAPTURE = st.dictionaries(st.sampled_from(IDS), VALUES, min_size=1)
DAYS = st.integers(min_value=0, max_value=60).map(lambda n: dt.date(2026, 1, 1) + dt.timedelta(n))


def write_all(captures: list[tuple[dt.date, dict[str, dict[str, int]]]]) -> tuple[Any, ...]:
    """Write captures in the given order; the provider's checks and every model's records."""
    checks: list[CheckEntry] = []
    records: dict[str, list[Observation]] = {model_id: [] for model_id in IDS}
    for day, listed in captures:
        last = max((c.until for c in checks), default=None)
        digest = canonical({k: listed[k] for k in sorted(listed)})
        checks = updated_checks(checks, day, digest, None, len(listed))
        for model_id in IDS:
            facts = listed.get(model_id)
            records[model_id] = updated_records(records[model_id], facts, day, last)
    return checks, records


def spans(records: list[Observation], last: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    return {canonical(r.values): (r.first_seen, r.last_seen_by(last)) for r in records}


@given(st.lists(st.tuples(DAYS, A_CAPTURE), min_size=1, max_size=6, unique_by=lambda c: c[0]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_history_rules_hold_for_any_sequence_of_captures(
    captures: list[tuple[dt.date, dict[str, dict[str, int]]]],
) -> None:
    checks, records = write_all(captures)
    last = max(c.until for c in checks)
    # A sync straight after the writes reports nothing: every capture's values are recorded
    # on its day (what compare asks before it reports a change).
    for day, listed in captures:
        for model_id, facts in listed.items():
            assert recorded_values(records[model_id], day, last, facts), (model_id, day)
    # Which record holds until the newest check depends only on the newest capture.
    newest = max(captures, key=lambda c: c[0])[1]
    for model_id in IDS:
        open_records = [r for r in records[model_id] if r.last_seen is None]
        if model_id in newest:
            assert [r.values for r in open_records] == [newest[model_id]]
        else:
            assert open_records == []
    # Writing one capture more never shrinks a span.
    for extra_day, extra in captures:
        more_checks, more_records = write_all([*captures, (extra_day, extra)])
        more_last = max(c.until for c in more_checks)
        for model_id in IDS:
            before = spans(records[model_id], last)
            after = spans(more_records[model_id], more_last)
            for key, (first, until) in before.items():
                assert after[key][0] <= first and after[key][1] >= until


@given(
    st.lists(st.tuples(DAYS, A_CAPTURE), min_size=2, max_size=5, unique_by=lambda c: c[0]),
    st.randoms(use_true_random=False),
)
@settings(max_examples=150, deadline=None)
def test_the_order_of_older_captures_does_not_change_the_result(
    captures: list[tuple[dt.date, dict[str, dict[str, int]]]], random: Any
) -> None:
    ordered = sorted(captures, key=lambda c: c[0])
    shuffled = list(captures)
    random.shuffle(shuffled)
    assert write_all(ordered) == write_all(shuffled)


def test_covering_reads_an_open_record_until_the_newest_check() -> None:
    record = Observation(dt.date(2026, 1, 1), None, {"x": 1})
    assert covering([record], dt.date(2026, 2, 1), dt.date(2026, 3, 1)) == [record]
    assert covering([record], dt.date(2026, 4, 1), dt.date(2026, 3, 1)) == []
