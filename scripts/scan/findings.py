"""Judge each use of a model ID on the reference date: pure functions of the catalog.

- retired on that day: an error, rule `retired-model`;
- deprecated with its shutdown at most `warn_days` days away: a warning, rule
  `deprecated-model`;
- anything else (available, coming soon, deprecated further away): nothing.

An ID that several providers serve is judged at each of them (or only at the providers the
user named), one finding per provider whose model is retired or soon retired; the message
says where the same ID is still fine, so that a user of that other provider can tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, days_left, migration_path, state
from modelcat_registry.scan.matcher import Hit

RETIRED_RULE = "retired-model"
DEPRECATED_RULE = "deprecated-model"
DEFAULT_WARN_DAYS = 90


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # as shown: relative to the current folder, forward slashes
    line: int
    column: int
    id: str
    provider: str
    provider_name: str
    severity: str  # "error" | "warning"
    rule: str
    message: str  # without the trailing [rule]
    state: str
    shutdown: dt.date
    days_left: int | None
    replacement_path: tuple[str, ...]
    replacement_path_complete: bool


def scannable_models(catalog: Catalog, providers: Iterable[str] = ()) -> dict[str, list[Model]]:
    """Callable IDs → their models, of the named providers (all when none is named)."""
    wanted = set(providers)
    by_id: dict[str, list[Model]] = {}
    for model in catalog.models:
        if model.callable_id and (not wanted or model.provider in wanted):
            by_id.setdefault(model.id, []).append(model)
    return by_id


def _step(model: Model, as_of: dt.date) -> str:
    shutdown = model.lifecycle.shutdown if model.lifecycle else None
    if shutdown and state(model, as_of) is State.RETIRED:
        return f"'{model.id}' (retired {shutdown.isoformat()})"
    if shutdown:
        return f"'{model.id}' (shuts down {shutdown.isoformat()})"
    return f"'{model.id}'"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a use of one provider's model means on the day, before it has a place."""

    model: Model
    severity: str
    rule: str
    message: str
    state: State
    shutdown: dt.date
    days_left: int | None
    replacement_path: tuple[str, ...]
    replacement_path_complete: bool


def provider_name(catalog: Catalog, provider_id: str) -> str:
    provider = catalog.providers.get(provider_id)
    return provider.name if provider else provider_id


def verdict(catalog: Catalog, model: Model, as_of: dt.date, warn_days: int) -> Verdict | None:
    """The finding for a use of this model on that day, or None when it is fine."""
    current = state(model, as_of)
    shutdown = model.lifecycle.shutdown if model.lifecycle else None
    if shutdown is None:
        return None
    provider = provider_name(catalog, model.provider)
    left = days_left(model, as_of)
    if current is State.RETIRED:
        severity, rule, verb = "error", RETIRED_RULE, "use"
        lead = f"'{model.id}' ({provider}) was retired on {shutdown.isoformat()}"
    elif current is State.DEPRECATED and left is not None and left <= warn_days:
        severity, rule, verb = "warning", DEPRECATED_RULE, "move to"
        days = "1 day" if left == 1 else f"{left} days"
        lead = f"'{model.id}' ({provider}) shuts down on {shutdown.isoformat()} ({days} left)"
    else:
        return None
    path = migration_path(catalog, model, as_of)
    if not path.steps:
        advice = "the provider names no replacement"
    elif path.complete:
        advice = f"{verb} " + " -> ".join(_step(step, as_of) for step in path.steps)
    else:
        shown = " -> ".join(_step(step, as_of) for step in path.steps)
        advice = f"its replacements {shown} end at a retired model with no replacement"
    return Verdict(
        model=model,
        severity=severity,
        rule=rule,
        message=f"{lead}; {advice}",
        state=current,
        shutdown=shutdown,
        days_left=left,
        replacement_path=tuple(step.id for step in path.steps),
        replacement_path_complete=path.complete,
    )


def _elsewhere(catalog: Catalog, models: list[Model], flagged: set[str], as_of: dt.date) -> str:
    """Where the same ID is not flagged, with its state there: '; at Other Cloud it is
    available'."""
    others = [
        f"at {provider_name(catalog, m.provider)} it is {state(m, as_of).value}"
        for m in models
        if m.provider not in flagged
    ]
    return "; " + ", ".join(others) if others else ""


def judge(
    catalog: Catalog,
    uses: Iterable[tuple[str, Hit]],
    models_by_id: dict[str, list[Model]],
    as_of: dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> list[Finding]:
    """Findings for the uses (shown path, hit), sorted by path, line, column, provider."""
    verdicts: dict[str, tuple[list[Verdict], str]] = {}
    findings = []
    for path, hit in uses:
        if hit.id not in verdicts:
            models = models_by_id.get(hit.id, [])
            found = [v for m in models if (v := verdict(catalog, m, as_of, warn_days))]
            flagged = {v.model.provider for v in found}
            verdicts[hit.id] = (found, _elsewhere(catalog, models, flagged, as_of) if found else "")
        found, elsewhere = verdicts[hit.id]
        for judged in found:
            findings.append(
                Finding(
                    path=path,
                    line=hit.line,
                    column=hit.column,
                    id=hit.id,
                    provider=judged.model.provider,
                    provider_name=provider_name(catalog, judged.model.provider),
                    severity=judged.severity,
                    rule=judged.rule,
                    message=judged.message + elsewhere,
                    state=judged.state.value,
                    shutdown=judged.shutdown,
                    days_left=judged.days_left,
                    replacement_path=judged.replacement_path,
                    replacement_path_complete=judged.replacement_path_complete,
                )
            )
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.provider))
    return findings
