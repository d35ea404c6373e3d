"""Judge each use of a model ID on the reference date: pure functions of the catalog.

- retired on that day: an error, rule `retired-model`;
- shut down for most users, still served on some offerings (enterprise, dedicated): an
  error, rule `limited-model`;
- redirected (the ID answers, but another model serves it, at that model's price): a
  warning, rule `redirected-model`; an error when the model that answers cannot be called
  itself on that day (no source says what answers then);
- deprecated with its shutdown at most `warn_days` days away: a warning, rule
  `deprecated-model`;
- anything else (available, coming soon, deprecated further away or with no date): nothing.

An ID written with a provider prefix, as LiteLLM and OpenRouter users write them
(`groq/...`, `together_ai/...`, `openrouter/<vendor>/<model>`), is judged at that provider
only. An ID that is itself written so (`deepseek/deepseek-chat`: OpenRouter's ID, and how
LiteLLM users write DeepSeek's `deepseek-chat`) is judged both ways. Any other ID that several
providers serve is judged at each of them (or only at the providers the user named); the
message says where the same ID is still fine. A short,
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
from modelcat_registry.lifecycle import State, is_callable, known, migration_path
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


def _offerings(names: tuple[str, ...]) -> str:
    """`enterprise offering`, `free, developer offerings`; empty for none."""
    return f"{', '.join(names)} offering{'s' if len(names) > 1 else ''}" if names else ""


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
        # Limited means the statement names the offerings that still serve it.
        still = _offerings(view.continues_on)
        lead = f"'{model.id}' ({provider}) was shut down{since} except on its {still}"
    elif current is State.REDIRECTED and view.redirect:
        rule = REDIRECTED_RULE
        answering = catalog.find(model.provider, view.redirect.to)
        if answering is not None and not is_callable(answering, as_of, catalog):
            # The model that answered is gone itself: the sources do not say what answers
            # now, so the code is not known to work.
            severity = "error"
            lead = (
                f"'{model.id}' ({provider}) is answered by '{view.redirect.to}' since "
                f"{view.redirect.start.isoformat()}, which cannot be called itself on "
                f"{as_of.isoformat()}; no source says what answers now"
            )
        else:
            severity = "warning"
            lead = (
                f"'{model.id}' ({provider}) is answered by '{view.redirect.to}' since "
                f"{view.redirect.start.isoformat()}: the code works, but another model "
                "answers, at its price"
            )
    elif current is State.DEPRECATED and shutdown and left is not None and left <= warn_days:
        severity, rule = "warning", DEPRECATED_RULE
        days = "1 day" if left == 1 else f"{left} days"
        # A shutdown for some offerings only (a free tier, serverless) says which.
        scope = _offerings(view.applies_to)
        where = f" on its {scope}" if scope else ""
        lead = (
            f"'{model.id}' ({provider}) shuts down{where} on {shutdown.isoformat()} ({days} left)"
        )
    else:
        return None
    path = migration_path(catalog, model, as_of)
    target = path.steps[-1] if path.steps and path.ends_callable else None
    route = " -> ".join(_step(catalog, step, as_of) for step in path.steps)
    # The path is shown when it has steps before the model named first.
    via = f" (path: {route})" if len(path.steps) > 1 else ""
    if not path.steps:
        advice = "the provider names no replacement"
    elif path.complete and target is not None:
        advice = f"use '{target.id}'{via}"
    elif target is not None:
        advice = f"use '{target.id}', which is deprecated itself{via}"
    else:
        advice = f"its replacements {route} end at a model that cannot be called"
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


@dataclass(frozen=True, slots=True)
class Reading:
    """One thing a use may mean: an ID, at the providers it may be sent to."""

    id: str
    models: tuple[Model, ...]
    offset: int  # characters from the use's column to where this ID starts


def readings(
    hit: Hit, prefixes: dict[str, str], models_by_id: dict[str, list[Model]]
) -> list[Reading]:
    """The ID as found, at the provider its prefix names (else at every provider); and, for an
    ID that begins with a provider's prefix, the rest at that provider, when it has it."""
    pinned = prefixes.get(hit.prefix) if hit.prefix else None
    as_found = tuple(
        m for m in models_by_id.get(hit.id, []) if pinned is None or m.provider == pinned
    )
    found = [Reading(hit.id, as_found, 0)]
    head, slash, rest = hit.id.partition("/")
    inner = prefixes.get(head.lower()) if slash and pinned is None else None
    at_inner = tuple(m for m in models_by_id.get(rest, []) if m.provider == inner)
    if at_inner:
        found.append(Reading(rest, at_inner, len(head) + 1))
    # A short, generic ID counts only as a whole value, prefixed or not.
    return [r for r in found if r.models and (hit.whole_value or not is_generic(r.id))]


def judge(
    catalog: Catalog,
    uses: Iterable[tuple[str, Hit]],
    models_by_id: dict[str, list[Model]],
    as_of: dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> list[Finding]:
    """Findings for the uses (shown path, hit), sorted by path, line, column, provider."""
    prefixes = provider_prefixes(catalog)
    judged_uses: dict[tuple[str, str | None, bool], list[tuple[Reading, Verdict, str]]] = {}
    findings = []
    for path, hit in uses:
        key = (hit.id, hit.prefix, hit.whole_value)
        if key not in judged_uses:
            meanings = readings(hit, prefixes, models_by_id)
            models = [m for reading in meanings for m in reading.models]
            found = [
                (reading, v)
                for reading in meanings
                for m in reading.models
                if (v := verdict(catalog, m, as_of, warn_days))
            ]
            flagged = {v.model.provider for _, v in found}
            elsewhere = _elsewhere(catalog, models, flagged, as_of) if found else ""
            judged_uses[key] = [(reading, v, elsewhere) for reading, v in found]
        for reading, judged, elsewhere in judged_uses[key]:
            findings.append(
                Finding(
                    path=path,
                    line=hit.line,
                    column=hit.column + reading.offset,
                    id=reading.id,
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
