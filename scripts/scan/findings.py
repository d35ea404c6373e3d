"""Judge each use of a model ID on the reference date: pure functions of the catalog.

- retired on that day: an error, rule `retired-model`;
- shut down for most users, still served on some offerings (enterprise, dedicated): an
  error, rule `limited-model`;
- redirected (the ID answers, but another model serves it, at that model's price): a
  warning, rule `redirected-model`;
- deprecated with its shutdown at most `warn_days` days away: a warning, rule
  `deprecated-model`;
- anything else (available, coming soon, deprecated further away or with no date): nothing.

An ID written with a provider prefix, as LiteLLM and OpenRouter users write them
(`groq/...`, `together_ai/...`, `openrouter/<vendor>/<model>`), is judged at that provider
only. Any other ID that several providers serve is judged at each of them (or only at the
providers the user named); the message says where the same ID is still fine. A short,
generic ID (`ada`, `o1`, `gpt-4`) counts only as a whole value: a quoted string or a config
or env value, never inside an identifier, a comment or prose.

The advice follows the replacement path to the first model that is not deprecated on the day
and names it first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from modelcat_registry.catalog import Catalog, Model
from modelcat_registry.lifecycle import State, known, migration_path
from modelcat_registry.scan.matcher import Hit

RETIRED_RULE = "retired-model"
LIMITED_RULE = "limited-model"
REDIRECTED_RULE = "redirected-model"
DEPRECATED_RULE = "deprecated-model"
DEFAULT_WARN_DAYS = 90
# An ID this short, or of letters alone, is also an ordinary word or a version string.
GENERIC_MAX_LENGTH = 6
_LETTERS = re.compile(r"[A-Za-z]+")


def is_generic(model_id: str) -> bool:
    return len(model_id) <= GENERIC_MAX_LENGTH or _LETTERS.fullmatch(model_id) is not None


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
    shutdown: dt.date | None
    days_left: int | None
    replacement_path: tuple[str, ...]
    replacement_path_complete: bool
    use_instead: str | None = None
    answered_by: str | None = None


def scannable_models(catalog: Catalog, providers: Iterable[str] = ()) -> dict[str, list[Model]]:
    """Callable IDs → their models, of the named providers (all when none is named)."""
    wanted = set(providers)
    by_id: dict[str, list[Model]] = {}
    for model in catalog.models:
        if model.callable_id and (not wanted or model.provider in wanted):
            by_id.setdefault(model.id, []).append(model)
    return by_id


def provider_prefixes(catalog: Catalog) -> dict[str, str]:
    """Prefix as code writes it (lower case) → provider ID: each provider's ID and the
    prefixes its provider.yaml lists (`code_prefixes`, e.g. LiteLLM's `together_ai`)."""
    found: dict[str, str] = {}
    for provider in catalog.providers.values():
        for prefix in (provider.id, *provider.code_prefixes):
            found.setdefault(prefix.lower(), provider.id)
    return found


def _step(catalog: Catalog, model: Model, as_of: dt.date) -> str:
    view = known(model, as_of, catalog)
    if view.state in {State.RETIRED, State.LIMITED} and view.shutdown:
        return f"'{model.id}' ({view.state.value} {view.shutdown.isoformat()})"
    if view.state is State.REDIRECTED and view.redirect:
        return f"'{model.id}' (redirected to '{view.redirect.to}')"
    if view.shutdown:
        return f"'{model.id}' (shuts down {view.shutdown.isoformat()})"
    if view.state is State.DEPRECATED:
        return f"'{model.id}' (deprecated)"
    return f"'{model.id}'"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a use of one provider's model means on the day, before it has a place."""

    model: Model
    severity: str
    rule: str
    message: str
    state: State
    shutdown: dt.date | None
    days_left: int | None
    replacement_path: tuple[str, ...]
    replacement_path_complete: bool
    use_instead: str | None
    answered_by: str | None


def provider_name(catalog: Catalog, provider_id: str) -> str:
    provider = catalog.providers.get(provider_id)
    return provider.name if provider else provider_id


def verdict(catalog: Catalog, model: Model, as_of: dt.date, warn_days: int) -> Verdict | None:
    """The finding for a use of this model on that day, or None when it is fine."""
    view = known(model, as_of, catalog)
    current = view.state
    provider = provider_name(catalog, model.provider)
    shutdown = view.shutdown
    left = (shutdown - as_of).days if shutdown and shutdown > as_of else None
    answered_by = view.redirect.to if current is State.REDIRECTED and view.redirect else None
    since = f" on {shutdown.isoformat()}" if shutdown and shutdown <= as_of else ""
    if current is State.RETIRED:
        severity, rule = "error", RETIRED_RULE
        lead = f"'{model.id}' ({provider}) was retired{since}"
    elif current is State.LIMITED:
        severity, rule = "error", LIMITED_RULE
        still = ", ".join(view.continues_on) or "some offerings"
        lead = f"'{model.id}' ({provider}) was shut down{since} except on {still}"
    elif current is State.REDIRECTED and view.redirect:
        severity, rule = "warning", REDIRECTED_RULE
        lead = (
            f"'{model.id}' ({provider}) is answered by '{view.redirect.to}' since "
            f"{view.redirect.start.isoformat()}: the code works, but another model answers, "
            "at its price"
        )
    elif current is State.DEPRECATED and left is not None and left <= warn_days:
        severity, rule = "warning", DEPRECATED_RULE
        days = "1 day" if left == 1 else f"{left} days"
        lead = f"'{model.id}' ({provider}) shuts down on {shutdown.isoformat()} ({days} left)"  # type: ignore[union-attr]
    else:
        return None
    path = migration_path(catalog, model, as_of)
    target = path.steps[-1] if path.steps and path.ends_callable else None
    if not path.steps:
        advice = "the provider names no replacement"
    elif path.complete and target is not None:
        route = " -> ".join(_step(catalog, step, as_of) for step in path.steps)
        advice = f"use '{target.id}'" + (f" (path: {route})" if len(path.steps) > 1 else "")
    elif target is not None:
        route = " -> ".join(_step(catalog, step, as_of) for step in path.steps)
        advice = f"use '{target.id}', which is deprecated itself (path: {route})"
    else:
        shown = " -> ".join(_step(catalog, step, as_of) for step in path.steps)
        advice = f"its replacements {shown} end at a model that cannot be called"
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
        use_instead=target.id if target else None,
        answered_by=answered_by,
    )


def _elsewhere(catalog: Catalog, models: list[Model], flagged: set[str], as_of: dt.date) -> str:
    """Where the same ID is not flagged, with its state there: '; at Other Cloud it is
    available'."""
    others = [
        f"at {provider_name(catalog, m.provider)} it is {known(m, as_of, catalog).state.value}"
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
    prefixes = provider_prefixes(catalog)
    verdicts: dict[tuple[str, str | None], tuple[list[Verdict], str]] = {}
    findings = []
    for path, hit in uses:
        if is_generic(hit.id) and not hit.whole_value:
            continue
        pinned = prefixes.get(hit.prefix) if hit.prefix else None
        key = (hit.id, pinned)
        if key not in verdicts:
            models = [
                m for m in models_by_id.get(hit.id, []) if pinned is None or m.provider == pinned
            ]
            found = [v for m in models if (v := verdict(catalog, m, as_of, warn_days))]
            flagged = {v.model.provider for v in found}
            verdicts[key] = (found, _elsewhere(catalog, models, flagged, as_of) if found else "")
        found, elsewhere = verdicts[key]
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
                    use_instead=judged.use_instead,
                    answered_by=judged.answered_by,
                )
            )
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.provider))
    return findings
