"""Compare a provider's catalog models with its live /models list, as of a reference date:
pure functions only.

Drift is what `sync --write` can record or a maintainer must act on: live IDs the catalog
lacks (added), models expected live but missing (removed), observations that differ from what
the API now reports (changed), and retired models listed live again (relisted). Where the
API's view disagrees with a documented fact, both are shown as a disagreement, which is not
drift: the maintainer resolves it in the documented facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from modelcat_registry.catalog import Model
from modelcat_registry.lifecycle import State, state
from modelcat_registry.openai_list import OBSERVED_KEYS, live_facts, refused_facts

DOCUMENTED_TIERS = frozenset({"production", "preview"})


@dataclass(frozen=True, slots=True)
class Change:
    """One observed value that differs from the live list; field is `observed.<key>`, or
    `observed` for a model never observed before (catalog None, live the whole mapping)."""

    id: str
    field: str
    catalog: Any
    live: Any


@dataclass(frozen=True, slots=True)
class Absence:
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Relisted:
    id: str
    shutdown: dt.date


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A documented fact and what the API reports for the same thing."""

    id: str
    documented_field: str
    documented: Any
    observed_field: str
    observed: Any


@dataclass(frozen=True, slots=True)
class Refused:
    """A live value that would not validate: reported, never written."""

    id: str
    field: str
    live: Any


@dataclass(slots=True)
class ProviderDrift:
    provider: str
    as_of: dt.date
    checked: bool = True
    error: str | None = None
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[Absence] = field(default_factory=list)
    expected_absent: list[Absence] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    relisted: list[Relisted] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    @property
    def has_drift(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.relisted)


def absence_reason(model: Model, as_of: dt.date) -> tuple[bool, str]:
    """Whether the live list should contain the model on that day, and why (not)."""
    current = state(model, as_of)
    if not model.callable_id:
        return False, "no API ID"
    if current is State.RETIRED:
        shutdown = model.lifecycle.shutdown if model.lifecycle else None
        return False, f"retired on {shutdown}"
    if current in {State.COMING_SOON, State.OFFLINE}:
        return False, current.value
    if model.observed is not None:
        return True, f"last seen live on {model.observed.last_seen}"
    if model.status in DOCUMENTED_TIERS:
        return True, model.status or ""
    return False, "never seen live"


def compare(
    provider: str, models: Sequence[Model], live: Sequence[dict[str, Any]], as_of: dt.date
) -> ProviderDrift:
    live_by_id = {item["id"]: item for item in live}
    catalog_ids = {m.id for m in models}
    drift = ProviderDrift(provider, as_of)
    drift.added = [item for item in live if item["id"] not in catalog_ids]
    for model in models:
        item = live_by_id.get(model.id) if model.callable_id else None
        if item is None:
            expected, reason = absence_reason(model, as_of)
            (drift.removed if expected else drift.expected_absent).append(Absence(model.id, reason))
            continue
        facts = live_facts(item)
        refused = refused_facts(item)
        drift.refused.extend(Refused(model.id, key, value) for key, value in refused.items())
        drift.changed.extend(observation_changes(model, facts, set(refused)))
        shutdown = model.lifecycle.shutdown if model.lifecycle else None
        if shutdown and state(model, as_of) is State.RETIRED:
            recorded = model.observed is not None and model.observed.last_seen >= shutdown
            if not recorded:
                drift.relisted.append(Relisted(model.id, shutdown))
        drift.disagreements.extend(disagreements(model, facts, as_of))
    return drift


def observation_changes(model: Model, facts: dict[str, Any], refused: set[str]) -> list[Change]:
    """Per observed key, how the live facts differ from the recorded observation."""
    if model.observed is None:
        return [Change(model.id, "observed", None, facts)]
    recorded = model.observed.values
    return [
        Change(model.id, f"observed.{key}", recorded.get(key), facts.get(key))
        for key in OBSERVED_KEYS
        if key not in refused and recorded.get(key) != facts.get(key)
    ]


def disagreements(model: Model, facts: dict[str, Any], as_of: dt.date) -> list[Disagreement]:
    """Documented facts the API contradicts (the developer is not compared: `owned_by` is an
    organisation label, not the documentation's developer)."""
    found: list[Disagreement] = []
    pairs = (
        ("max_output_tokens", model.max_output_tokens, "max_completion_tokens"),
        (
            "temporary_limit.context_window" if model.temporary_limit else "context_window",
            model.context_window_in_force,
            "context_window",
        ),
    )
    for documented_field, documented, observed_field in pairs:
        observed = facts.get(observed_field)
        if documented is not None and observed is not None and documented != observed:
            found.append(
                Disagreement(model.id, documented_field, documented, observed_field, observed)
            )
    if state(model, as_of) is State.RETIRED and model.lifecycle and model.lifecycle.shutdown:
        found.append(
            Disagreement(
                model.id, "lifecycle.shutdown", model.lifecycle.shutdown.isoformat(), "id", "listed"
            )
        )
    return found
