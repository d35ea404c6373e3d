"""Direct tests of the pure core that the command-line tests reach only through processes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from modelcat_registry.catalog import Catalog, Lifecycle, Model, Observation, PartialDate
from modelcat_registry.drift.compare import compare, observation_changes
from modelcat_registry.drift.write import apply_edits, observation_edits
from modelcat_registry.lifecycle import State, is_callable, migration_path, reference_date, state
from modelcat_registry.loader import parse_document
from modelcat_registry.openai_list import comparable_facts, export_entry, live_facts
from modelcat_registry.schemas import _rule_check
from modelcat_registry.validation import integer_from_text
from modelcat_registry.yaml_source import parse_yaml, yaml_scalar

DAY = dt.date(2026, 1, 1)


def model(model_id: str, **data: Any) -> Model:
    lifecycle = data.pop("lifecycle", None)
    observed = data.pop("observed", None)
    return Model("p", model_id, {"id": model_id, **data}, Path(f"{model_id}.yaml"),
                 lifecycle=lifecycle, observed=observed)  # fmt: skip


def catalog_of(*models: Model) -> Catalog:
    return Catalog(Path(), {}, models, {m.key: m for m in models})


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
     ("25 MB", False, 25), ("1.5k", True, 1536), ("lots", True, None), ("1" * 40, True, None)],
)  # fmt: skip
def test_integer_from_text(text: str, tokens: bool, number: int | None) -> None:
    assert integer_from_text(text, tokens=tokens) == number


# --- lifecycle -----------------------------------------------------------------------------

RETIRED = Lifecycle("s", PartialDate("2025-05"), shutdown=dt.date(2025, 6, 1), replacements=("b",))


def test_states_follow_the_dates() -> None:
    soon = model(
        "s", lifecycle=Lifecycle("s", PartialDate("2026-03-10"), shutdown=dt.date(2026, 4, 1))
    )
    assert state(soon, dt.date(2026, 3, 9)) is State.AVAILABLE
    assert state(soon, dt.date(2026, 3, 10)) is State.DEPRECATED
    assert state(soon, dt.date(2026, 3, 31)) is State.DEPRECATED
    assert state(soon, dt.date(2026, 4, 1)) is State.RETIRED
    assert not is_callable(soon, dt.date(2026, 4, 1))
    assert state(model("c", status="coming-soon"), DAY) is State.COMING_SOON
    assert state(model("x", status="offline", callable_id=False), DAY) is State.OFFLINE


def test_a_month_precise_announcement_counts_from_the_first_of_the_month() -> None:
    lifecycle = Lifecycle("s", PartialDate("2024-09"), shutdown=dt.date(2024, 10, 28))
    assert state(model("l", lifecycle=lifecycle), dt.date(2024, 8, 31)) is State.AVAILABLE
    assert state(model("l", lifecycle=lifecycle), dt.date(2024, 9, 1)) is State.DEPRECATED


def test_migration_path_skips_retired_steps_in_the_providers_order() -> None:
    a = model("a", lifecycle=Lifecycle("s", shutdown=dt.date(2025, 1, 1), replacements=("b",)))
    b = model("b", lifecycle=Lifecycle("s", shutdown=dt.date(2025, 6, 1), replacements=("c", "d")))
    c = model("c", lifecycle=Lifecycle("s", shutdown=dt.date(2025, 9, 1)))
    d = model("d")
    path = migration_path(catalog_of(a, b, c, d), a, DAY)
    assert [m.id for m in path.steps] == ["b", "d"]
    assert path.complete and path.target is d


def test_migration_path_that_ends_at_a_retired_model_says_so() -> None:
    a = model("a", lifecycle=Lifecycle("s", shutdown=dt.date(2025, 1, 1), replacements=("b",)))
    b = model("b", lifecycle=Lifecycle("s", shutdown=dt.date(2025, 6, 1)))
    path = migration_path(catalog_of(a, b), a, DAY)
    assert [m.id for m in path.steps] == ["b"]
    assert not path.complete and path.target is None


def test_reference_date_prefers_the_flag_then_the_environment() -> None:
    assert reference_date("2025-01-02", {"MODELCAT_AS_OF": "2024-01-01"}) == dt.date(2025, 1, 2)
    assert reference_date(None, {"MODELCAT_AS_OF": "2024-01-01"}) == dt.date(2024, 1, 1)
    assert reference_date(None, {}, today=DAY) == DAY
    with pytest.raises(ValueError, match="MODELCAT_AS_OF must be a real date"):
        reference_date(None, {"MODELCAT_AS_OF": "2024-02-30"})


# --- the /models translation ---------------------------------------------------------------

live_entries = st.fixed_dictionaries(
    {"id": st.just("m")},
    optional={
        "owned_by": st.text(alphabet="abcdefgh XYZ", min_size=1, max_size=20),
        "context_window": st.integers(min_value=1, max_value=10**8),
        "max_completion_tokens": st.integers(min_value=1, max_value=10**8),
        "active": st.booleans(),
        "created": st.integers(min_value=0, max_value=4102444800),
    },
)


@given(live_entries)
def test_observed_model_to_export_entry_to_facts_round_trips(item: dict[str, Any]) -> None:
    facts = live_facts(item)
    observed = model("m", observed=Observation(DAY, DAY, facts))
    assert live_facts(export_entry(observed)) == facts == comparable_facts(observed)
    assert compare("p", [observed], [export_entry(observed)], DAY).has_drift is False


def test_live_values_outside_the_schema_are_not_facts() -> None:
    item = {"id": "m", "owned_by": {"x": 1}, "context_window": 10**30, "active": "yes",
            "created": -1, "max_completion_tokens": True}  # fmt: skip
    assert live_facts(item) == {}


def test_an_unobserved_model_is_compared_through_its_documented_facts() -> None:
    limit = {"context_window": 8192, "note": "n"}
    documented = model("m", developer="Meta", context_window=131072,
                       temporary_limit=limit, max_output_tokens=8192)  # fmt: skip
    assert export_entry(documented) == {
        "id": "m", "object": "model", "owned_by": "Meta", "context_window": 8192,
        "max_completion_tokens": 8192, "active": True,
    }  # fmt: skip


def test_observation_changes_name_each_differing_key() -> None:
    seen = model("m", observed=Observation(DAY, DAY, {"owned_by": "A", "context_window": 1}))
    changes = observation_changes(seen, {"owned_by": "B", "active": True}, refused=set())
    assert [(c.field, c.catalog, c.live) for c in changes] == [
        ("observed.owned_by", "A", "B"),
        ("observed.context_window", 1, None),
        ("observed.active", None, True),
    ]


# --- the in-place edit planner of sync --write ---------------------------------------------

ENTRY = """id: m  # kept
name: M
observed:
  first_seen: 2025-01-01  # first
  last_seen: 2025-01-01
  owned_by: Old
  created: 5
"""


def planned(text: str, facts: dict[str, Any], refused: frozenset[str] = frozenset()) -> str:
    document = parse_document(Path("c/p/models/m.yaml"), ("p", "models", "m.yaml"), text.encode())
    return apply_edits(text, observation_edits(document, facts, set(refused), DAY))


def test_edit_planner_replaces_inserts_and_removes_only_observed_lines() -> None:
    result = planned(ENTRY, {"owned_by": "New", "context_window": 8192, "active": True})
    assert result == (
        "id: m  # kept\nname: M\nobserved:\n  first_seen: 2025-01-01  # first\n"
        "  last_seen: 2026-01-01\n  owned_by: New\n  context_window: 8192\n  active: true\n"
    )
    assert yaml.safe_load(result)["observed"]["first_seen"] == dt.date(2025, 1, 1)


def test_edit_planner_keeps_a_refused_value_and_appends_a_missing_block() -> None:
    kept = planned(ENTRY, {"created": 5}, refused=frozenset({"owned_by"}))
    assert "  owned_by: Old\n" in kept
    appended = planned("id: m\nname: M", {"active": True})
    assert appended == (
        "id: m\nname: M\nobserved:\n  first_seen: 2026-01-01\n  last_seen: 2026-01-01\n"
        "  active: true\n"
    )


def test_edit_planner_rewrites_a_flow_mapping_as_a_block() -> None:
    text = "id: m\nobserved: {first_seen: 2025-01-01, last_seen: 2025-01-01, owned_by: A}\n"
    assert planned(text, {"owned_by": "B"}) == (
        "id: m\nobserved:\n  first_seen: 2025-01-01\n  last_seen: 2026-01-01\n  owned_by: B\n"
    )


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
