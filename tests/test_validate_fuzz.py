"""Fuzzing: the validator never crashes and never accepts a file the schema rejects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from scripts.catalog import load_documents
from scripts.schemas import load_schema
from scripts.validation import validate_catalog
from tests.conftest import CATALOG

MODEL_PATH = Path("groq", "models", "fuzzed.yaml")
FUZZ_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def fuzz_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "catalog"
    shutil.copytree(CATALOG, root)
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


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["https://example.com/card", "http://x", "128k", "2025-01-31", "audio"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
field_names = st.sampled_from([*list(load_schema("model")["properties"]), "context_windw", "extra"])
VALID_BASE = {"id": "fuzzed", "name": "Fuzzed", "developer": "Meta", "status": "preview"}


def _strict_validator() -> Draft202012Validator:
    from jsonschema import validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _c, v: isinstance(v, int) and not isinstance(v, bool)
    )
    return validators.extend(Draft202012Validator, type_checker=checker)(load_schema("model"))


ORACLE = _strict_validator()


@FUZZ_SETTINGS
@given(st.dictionaries(field_names, values, max_size=4))
def test_validator_accepts_exactly_what_the_schema_accepts(
    fuzz_catalog: Path, changes: dict
) -> None:
    data = {**VALID_BASE, **changes}
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    problems = problems_for(fuzz_catalog, text.encode())
    schema_valid = ORACLE.is_valid(yaml.safe_load(text))
    if not schema_valid:
        assert problems, f"accepted a file the schema rejects:\n{text}"
    if not problems:
        assert schema_valid
        assert data["id"] == "fuzzed"
