"""Direct tests of the pure core that the command-line tests reach only through processes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from modelcat_registry.schemas import _rule_check
from modelcat_registry.validation import integer_from_text
from modelcat_registry.yaml_source import parse_yaml, yaml_scalar

# --- the YAML scalar writer and reader -----------------------------------------------------


@given(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.booleans(),
    )
)
def test_yaml_scalar_reads_back_as_exactly_the_value(value: object) -> None:
    parsed = parse_yaml(f"key: {yaml_scalar(value)}\n")
    assert parsed.issues == []
    assert parsed.value == {"key": value}


@pytest.mark.parametrize(
    ("text", "rule"),
    [("a: 010\n", "yaml11-number"), ("a: 1:30\n", "yaml11-number"), ("a: 0b1\n", "yaml11-number"),
     ("a: 1_000\n", "yaml11-number"), ("a: y\n", "yaml11-boolean"), ("a: n\n", "yaml11-boolean"),
     ("a: yes\n", "yaml11-boolean"), ("a: " + "9" * 5000 + "\n", "number-too-large")],
)  # fmt: skip
def test_yaml_11_forms_and_huge_numbers_are_issues_not_values(text: str, rule: str) -> None:
    [issue] = parse_yaml(text).issues
    assert issue.rule == rule
    assert (issue.span.line, issue.span.column) == (1, 4)


@pytest.mark.parametrize(
    ("text", "tokens", "number"),
    [("128k", True, 131072), ("128k", False, 128000), ("8,192", True, 8192),
     ("25 MB", False, 25), ("1.5k", True, 1536), ("lots", True, None), ("1" * 40, True, None),
     ("9007199254740993 tokens", True, 9007199254740993), ("0.1k", True, None)],
)  # fmt: skip
def test_integer_from_text(text: str, tokens: bool, number: int | None) -> None:
    assert integer_from_text(text, tokens=tokens) == number


@pytest.mark.parametrize(
    ("rule", "value"),
    [
        ({"anyOf": [{"required": ["a", "b"]}, {"required": ["c"]}]}, {"a": 1}),
        ({"anyOf": [{"required": ["a", "b"]}, {"required": ["c"]}]}, {"a": 1, "b": 2}),
        ({"anyOf": [{"required": []}]}, {}),
        ({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, {"c": 1}),
        ({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, {"b": 1}),
        ({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, ["a"]),
        ({"required": ["a"]}, {"a": None}),
        ({"required": ["a", "b"]}, {"a": 1}),
        ({"type": "integer", "minimum": 0, "maximum": 10}, True),
        ({"type": "integer", "minimum": 0, "maximum": 10}, -1),
        ({"minimum": 0}, "text"),
        ({"contains": {"const": "audio"}}, ["text", "audio"]),
        ({"contains": {"const": "audio"}}, []),
    ],
)
def test_the_fast_rule_checks_agree_with_jsonschema(rule: dict[str, object], value: object) -> None:
    """The fast validator checks the schema's conditional rules in plain Python
    (schemas._rule_check); on every shape of rule it must give jsonschema's verdict."""
    assert _rule_check(rule)(value) == Draft202012Validator(rule).is_valid(value)
