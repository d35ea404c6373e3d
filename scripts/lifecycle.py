"""What a model's dates mean on a given day: its state, whether it can be called, and the
path of replacements a user should follow. Pure functions of the catalog and a date, so that
nothing goes stale on the day a shutdown date passes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from modelcat_registry.catalog import Catalog, Model

AS_OF_ENV = "MODELCAT_AS_OF"


class State(StrEnum):
    """What a user sees, in lifecycle order."""

    AVAILABLE = "available"
    COMING_SOON = "coming-soon"
    OFFLINE = "offline"
    DEPRECATED = "deprecated"
    RETIRED = "retired"


STATE_ORDER = {state: index for index, state in enumerate(State)}
STATE_LABELS = {
    State.AVAILABLE: "Available",
    State.COMING_SOON: "Coming soon",
    State.OFFLINE: "Offline",
    State.DEPRECATED: "Deprecated",
    State.RETIRED: "Retired",
}
NOT_YET_OR_NOT_NOW = {"coming-soon": State.COMING_SOON, "offline": State.OFFLINE}


class DateError(ValueError):
    """A reference date that is not YYYY-MM-DD; the message says what to write."""


def parse_as_of(text: str, origin: str = "--as-of") -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(
            f"{origin} must be a real date written YYYY-MM-DD, such as 2026-01-31, not {text!r}"
        ) from None


def reference_date(
    flag: str | None, environ: Mapping[str, str] | None = None, today: dt.date | None = None
) -> dt.date:
    """The day states are computed for: --as-of, else MODELCAT_AS_OF, else today (UTC)."""
    if flag:
        return parse_as_of(flag)
    value = (os.environ if environ is None else environ).get(AS_OF_ENV, "").strip()
    if value:
        return parse_as_of(value, AS_OF_ENV)
    return today or dt.datetime.now(dt.UTC).date()


def state(model: Model, as_of: dt.date) -> State:
    lifecycle = model.lifecycle
    if lifecycle and lifecycle.shutdown and as_of >= lifecycle.shutdown:
        return State.RETIRED
    if lifecycle and (lifecycle.announced is None or lifecycle.announced.first_day <= as_of):
        # A shutdown date on the books makes the model deprecated from the announcement on;
        # a source that gives no announcement date is taken to have announced it already.
        return State.DEPRECATED
    return NOT_YET_OR_NOT_NOW.get(model.status or "", State.AVAILABLE)


def is_callable(model: Model, as_of: dt.date) -> bool:
    """Whether a request with this ID is answered on that day."""
    return model.callable_id and state(model, as_of) in {State.AVAILABLE, State.DEPRECATED}


def days_left(model: Model, as_of: dt.date) -> int | None:
    shutdown = model.lifecycle.shutdown if model.lifecycle else None
    return (shutdown - as_of).days if shutdown and shutdown > as_of else None


def upgraded_to(model: Model, as_of: dt.date) -> str | None:
    """The model that answers this ID's requests on that day, in an automatic upgrade phase."""
    lifecycle = model.lifecycle
    if lifecycle and lifecycle.auto_upgrade and lifecycle.auto_upgrade <= as_of:
        return lifecycle.upgrade_to
    return None


@dataclass(frozen=True, slots=True)
class MigrationPath:
    """From a model through its replacements; `steps` excludes the model itself.

    `complete` is True when the last step is not retired on the day (a model to move to),
    False when the path ends at a retired model with no replacement (or none at all)."""

    steps: tuple[Model, ...]
    complete: bool

    @property
    def target(self) -> Model | None:
        return self.steps[-1] if self.steps and self.complete else None


def migration_path(catalog: Catalog, model: Model, as_of: dt.date) -> MigrationPath:
    """The first path, in the provider's order of recommendation, that reaches a model not
    retired on that day; failing that, the path along first replacements to its end."""
    found = _search(catalog, model, as_of, frozenset({model.key}))
    if found is not None:
        return MigrationPath(tuple(found), True)
    fallback: list[Model] = []
    seen = {model.key}
    current = model
    while current.replacements:
        following = catalog.find(current.provider, current.replacements[0])
        if following is None or following.key in seen:
            break
        fallback.append(following)
        seen.add(following.key)
        current = following
    return MigrationPath(tuple(fallback), False)


def _search(
    catalog: Catalog, model: Model, as_of: dt.date, seen: frozenset[tuple[str, str]]
) -> list[Model] | None:
    for replacement_id in model.replacements:
        replacement = catalog.find(model.provider, replacement_id)
        if replacement is None or replacement.key in seen:
            continue
        if state(replacement, as_of) is not State.RETIRED:
            return [replacement]
        further = _search(catalog, replacement, as_of, seen | {replacement.key})
        if further is not None:
            return [replacement, *further]
    return None
