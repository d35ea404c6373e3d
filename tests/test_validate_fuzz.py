"""Fuzzing: the validator never crashes and never accepts a file the schema rejects."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from modelcat_registry.loader import load_documents
from modelcat_registry.schemas import load_schema
from modelcat_registry.validation import validate_catalog
from tests.conftest import CATALOG

MODEL_PATH = Path("groq", "models", "fuzzed.yaml")
FUZZ_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def fuzz_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """GroqCloud's folder alone: the fuzzed file's references resolve, and each example
    reads tens of files rather than the whole catalog."""
    root = tmp_path_factory.mktemp("fuzz") / "catalog"
    shutil.copytree(CATALOG / MODEL_PATH.parts[0], root / MODEL_PATH.parts[0])
    return root


def problems_for(catalog: Path, content: bytes) -> list:
    (catalog / MODEL_PATH).write_bytes(content)
    return validate_catalog(load_documents(catalog))


yaml_fragments = st.sampled_from(
    [
        "id: fuzzed\n", "name: x\n", "status: preview\n", "developer: Meta\n", "- a\n",
        "  - b\n", "? k\n", ": v\n", "&a x\n", "*a\n", "*b\n", "<<: *a\n", "{", "}", "[", "]",
        ",", ":", "'", '"', "\t", "!!python/object ", "!custom ", "%YAML 1.1\n", "---\n",
        "...\n", "context_window: 1e3\n", "yes\n", "~\n", "\\u0000", "\ufeff", "#c\n", "|\n",
        ">-\n", "  ", "\n", "x" * 50,
    ]
)  # fmt: skip


@FUZZ_SETTINGS
@given(st.lists(yaml_fragments | st.text(max_size=20), max_size=25))
def test_validator_never_crashes_on_yaml_like_text(fuzz_catalog: Path, parts: list[str]) -> None:
    content = "".join(parts).encode("utf-8", "surrogatepass")
    problems = problems_for(fuzz_catalog, content)
    for problem in problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message


@FUZZ_SETTINGS
@given(st.binary(max_size=300))
def test_validator_never_crashes_on_arbitrary_bytes(fuzz_catalog: Path, content: bytes) -> None:
    problems = problems_for(fuzz_catalog, content)
    assert all(p.line >= 1 and p.column >= 1 for p in problems)


DATES = [
    "2025-01-31",
    "2025-02-30",
    "2024-02-29",
    "2025-13-01",
    "2025-01",
    "2025-1-1",
    "2025-01-31\n",
    "31/01/2025",
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.sampled_from([10**8, 10**8 + 1, 10**12, 10**30, 4102444800, 4102444801])
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["https://example.com/card", "http://x", "https://u:p@x.com/a", "https://x.com/a)(b",
         "128k", "audio", "unlimited", "unlimted", "models-page-2024-10", "llama3-70b-8192",
         "a/index", "README", "Index!", " ", "x\n", "a\u202eb", "$0.59", *DATES]
    )
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
dates = st.sampled_from(DATES)
lifecycles = st.fixed_dictionaries(
    {"source": st.just("models-page-2024-10")},
    optional={
        "announced": dates, "auto_upgrade": dates, "shutdown": dates,
        "upgrade_to": st.sampled_from(["llama3-70b-8192", "fuzzed", "a/index"]),
        "replacements": st.lists(st.sampled_from(["llama3-70b-8192", "gemma2-9b-it", "nosuch"]),
                                 max_size=3),
        "note": values,
    },
)  # fmt: skip
dated_entry = st.fixed_dictionaries(
    {"date": dates, "source": st.sampled_from(["models-page-2024-10", "nosuch"])},
    optional={"input_per_mtok_usd": values, "rpd": values, "tpm": values, "note": values},
)
observations = st.fixed_dictionaries(
    {"first_seen": dates, "last_seen": dates},
    optional={"owned_by": values, "context_window": values, "active": values, "created": values},
)
structured = st.one_of(
    st.tuples(st.just("lifecycle"), lifecycles),
    st.tuples(st.just("prices"), st.lists(dated_entry, max_size=3)),
    st.tuples(st.just("free_tier_limits"), st.lists(dated_entry, max_size=3)),
    st.tuples(st.just("observed"), observations),
)
field_names = st.sampled_from([*list(load_schema("model")["properties"]), "context_windw", "extra"])
VALID_BASE = {
    "id": "fuzzed",
    "name": "Fuzzed",
    "developer": "Meta",
    "status": "preview",
    "source": "models-page-2024-10",
}


def _strict_validator() -> Draft202012Validator:
    from jsonschema import FormatChecker, validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _c, v: isinstance(v, int) and not isinstance(v, bool)
    )
    # The formats as the schema describes them, written here independently of scripts.schemas.
    formats = FormatChecker(formats=())

    @formats.checks("date")
    def _date(value: object) -> bool:
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return True
        try:
            dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return False
        return True

    @formats.checks("date-or-month")
    def _date_or_month(value: object) -> bool:
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            return 1 <= int(value[5:]) <= 12
        return _date(value)

    strict = validators.extend(Draft202012Validator, type_checker=checker)
    return strict(load_schema("model"), format_checker=formats)


ORACLE = _strict_validator()


@FUZZ_SETTINGS
@given(st.dictionaries(field_names, values, max_size=4), st.lists(structured, max_size=2))
def test_validator_accepts_exactly_what_the_schema_accepts(
    fuzz_catalog: Path, changes: dict, parts: list[tuple[str, object]]
) -> None:
    data = {**VALID_BASE, **changes, **dict(parts)}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    problems = problems_for(fuzz_catalog, text.encode())
    schema_valid = ORACLE.is_valid(yaml.safe_load(text))
    if not schema_valid:
        assert problems, f"accepted a file the schema rejects:\n{text}"
    if not problems:
        assert schema_valid
        assert data["id"] == "fuzzed"


@FUZZ_SETTINGS
@given(st.dictionaries(field_names, values, max_size=4), st.lists(structured, max_size=2))
def test_fast_and_precise_validators_agree(changes: dict, parts: list[tuple[str, object]]) -> None:
    """fastjsonschema (the path of valid files) and jsonschema (the path of messages) give the
    same verdict; integral floats aside, which always take the precise path."""
    from modelcat_registry.schemas import is_valid_fast, validator_for

    data = yaml.safe_load(yaml.safe_dump({**VALID_BASE, **changes, **dict(parts)}))
    if _has_integral_float(data):
        return
    assert is_valid_fast("model", data) == validator_for("model").is_valid(data), data


def _has_integral_float(value: object) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_integral_float(v) for v in value)
    return False


# A run of `validate` is a process start (~0.3 s) plus the catalog: 10 s is far beyond it.
VALIDATE_SECONDS = 10


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=2000)
    | st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_validate_command_exits_0_1_or_2_without_traceback_in_bounded_time(
    fuzz_catalog: Path, content: bytes
) -> None:
    (fuzz_catalog / MODEL_PATH).write_bytes(content)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "modelcat_registry", "validate", "--format", "json"],
        cwd=fuzz_catalog.parent,
        capture_output=True,
        timeout=VALIDATE_SECONDS,
        check=False,
    )
    assert time.monotonic() - started < VALIDATE_SECONDS
    assert result.returncode in {0, 1, 2}
    assert b"Traceback" not in result.stderr
    json.loads(result.stdout)  # the report is valid JSON, even for bytes that are not UTF-8
