"""Compare a provider's catalog models with its live /models list: pure functions only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scripts.catalog import NOT_EXPECTED_LIVE, Model

# What a model that shows up live, active, while the catalog says it is not callable becomes:
# callable now, but whether it is production is a maintainer's call.
NEWLY_LIVE_STATUS = "preview"
INACTIVE_STATUS = "offline"


@dataclass(frozen=True, slots=True)
class Change:
    """One catalog value that differs from what the API reports; field is a dotted path."""

    id: str
    field: str
    catalog: Any
    live: Any


@dataclass(frozen=True, slots=True)
class Absence:
    id: str
    status: str


@dataclass(slots=True)
class ProviderDrift:
    provider: str
    checked: bool = True
    error: str | None = None
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[Absence] = field(default_factory=list)
    expected_absent: list[Absence] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def has_drift(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare(
    provider: str, models: Sequence[Model], live: Sequence[dict[str, Any]]
) -> ProviderDrift:
    live_by_id = {item["id"]: item for item in live}
    catalog_ids = {m.id for m in models}
    drift = ProviderDrift(provider)
    drift.added = [item for item in live if item["id"] not in catalog_ids]
    for model in models:
        item = live_by_id.get(model.id) if model.callable_id else None
        if item is None:
            absence = Absence(model.id, model.status)
            (drift.removed if model.expected_live else drift.expected_absent).append(absence)
            continue
        drift.changed.extend(changes_for(model, item))
    return drift


def changes_for(model: Model, item: dict[str, Any]) -> list[Change]:
    """Per-field differences; a value the API reports but the catalog lacks counts too."""
    changes: list[Change] = []

    def differ(field_path: str, catalog_value: Any, live_key: str) -> None:
        if live_key not in item or item[live_key] is None:
            return
        if item[live_key] != catalog_value:
            changes.append(Change(model.id, field_path, catalog_value, item[live_key]))

    window_field = "temporary_limit.context_window" if model.temporary_limit else "context_window"
    differ(window_field, model.context_window_in_force, "context_window")
    differ("max_output_tokens", model.max_output_tokens, "max_completion_tokens")
    differ("developer", model.developer, "owned_by")

    active = item.get("active", True) is not False
    if not active and model.status != INACTIVE_STATUS:
        changes.append(Change(model.id, "status", model.status, INACTIVE_STATUS))
    elif active and model.status in NOT_EXPECTED_LIVE:
        changes.append(Change(model.id, "status", model.status, NEWLY_LIVE_STATUS))
    return changes
