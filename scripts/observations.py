"""What the recorded observations say about a day, and where they disagree with the docs:
pure functions of the typed catalog, read by drift (to compare and record) and by the site.
scripts/drift/history.py says how records and checks are written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from modelcat_registry.catalog import Check, Model, Observation, Provider
from modelcat_registry.lifecycle import Known, State


def canonical(values: Mapping[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def covering(
    records: Sequence[Observation], day: dt.date, last_check: dt.date | None
) -> list[Observation]:
    """The records whose span holds the day."""
    return [r for r in records if r.first_seen <= day <= r.last_seen_by(last_check)]


def recorded_values(
    records: Sequence[Observation],
    day: dt.date,
    last_check: dt.date | None,
    facts: Mapping[str, Any],
) -> bool:
    """Whether a record whose span holds the day has exactly these values."""
    wanted = canonical(facts)
    return any(canonical(r.values) == wanted for r in covering(records, day, last_check))


def previous_values(
    model: Model, day: dt.date, last_check: dt.date | None
) -> tuple[Observation, dt.date] | None:
    """What the catalog knew the list to say of the model on the day: a record whose span
    holds it (the newest such), else the record last seen before it; never anything seen
    only after it."""
    around = covering(model.observed, day, last_check)
    if around:
        return max(around, key=lambda r: r.first_seen), day
    return model.observation_as_of(day, last_check)


def effective_facts(
    model: Model,
    facts: Mapping[str, Any],
    refused: Mapping[str, Any],
    day: dt.date,
    last_check: dt.date | None,
) -> dict[str, Any]:
    """The values to record for a listing: what it says, and for each value it gave that would
    not validate, the value the catalog already knew (a refused value is never written, and
    does not erase one either)."""
    before = previous_values(model, day, last_check)
    kept = {k: before[0].values[k] for k in refused if before and k in before[0].values}
    return {**kept, **facts}


def last_sighting(model: Model, day: dt.date, last_check: dt.date | None) -> dt.date | None:
    """The newest day on or before `day` on which a record shows the model listed."""
    days = [min(r.last_seen_by(last_check), day) for r in model.observed if r.first_seen <= day]
    return max(days, default=None)


def check_recorded(checks: Sequence[Check], day: dt.date, digest: str) -> bool:
    """Whether a check entry with this digest spans the day: the list of that day is known."""
    return any(c.digest == digest and c.date <= day <= c.until for c in checks)


def listed_at_check(model: Model, check_day: dt.date, last_check: dt.date | None) -> bool:
    return bool(covering(model.observed, check_day, last_check))


def first_check_after(checks: Sequence[Check], day: dt.date, until: dt.date) -> dt.date | None:
    """The first known check day after `day` and on or before `until`."""
    days = sorted({d for c in checks for d in (c.date, c.until) if day < d <= until})
    return days[0] if days else None


def not_listed_since(model: Model, provider: Provider, day: dt.date) -> dt.date | None:
    """The first check after the model's last sighting, by the day; None while it is listed
    at the newest check by then (or was never listed)."""
    seen = last_sighting(model, day, provider.last_check)
    if seen is None:
        return None
    return first_check_after(provider.checks, seen, day)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A documented fact and what the list says of the same thing; documented_field is the
    dotted path of the documented value in the model's file."""

    id: str
    documented_field: str
    documented: Any
    observed_field: str
    observed: Any


def claim_path(model: Model, view: Known, fact: str) -> str:
    claim = {"shutdown": view.shutdown_claim, "replacements": view.replacements_claim}.get(fact)
    claim = claim or view.gone_claim
    if claim is None or claim not in model.lifecycle:
        return "lifecycle"
    return f"lifecycle.{model.lifecycle.index(claim)}.{fact}"


def disagreements(
    model: Model, view: Known, facts: dict[str, Any] | Any, day: dt.date
) -> list[Disagreement]:
    """Documented facts the list contradicts, as of the day (the developer is not compared:
    an organisation label is not the documentation's developer)."""
    found: list[Disagreement] = []

    def differ(documented_field: str, documented: Any, observed_field: str) -> None:
        observed = facts.get(observed_field)
        if documented is not None and observed is not None and documented != observed:
            found.append(
                Disagreement(model.id, documented_field, documented, observed_field, observed)
            )

    window = model.context_window_in_force
    differ(
        "temporary_limit.context_window" if model.temporary_limit else "context_window",
        window,
        "context_window",
    )
    differ("max_output_tokens", model.max_output_tokens, "max_output_tokens")
    api_shutdown = facts.get("shutdown")
    documented_shutdown = view.shutdown.isoformat() if view.shutdown else None
    if api_shutdown is not None and api_shutdown != documented_shutdown:
        found.append(
            Disagreement(
                model.id,
                claim_path(model, view, "shutdown"),
                documented_shutdown,
                "shutdown",
                api_shutdown,
            )
        )
    deprecated = facts.get("deprecated")
    if deprecated is True and view.state is State.AVAILABLE:
        found.append(Disagreement(model.id, "lifecycle", "available", "deprecated", True))
    if deprecated is False and view.state is State.DEPRECATED:
        found.append(
            Disagreement(
                model.id, claim_path(model, view, "shutdown"), "deprecated", "deprecated", False
            )
        )
    replacement = facts.get("replacement")
    if replacement is not None and view.replacements and replacement not in view.replacements:
        found.append(
            Disagreement(
                model.id,
                claim_path(model, view, "replacements"),
                list(view.replacements),
                "replacement",
                replacement,
            )
        )
    target = model.alias_target(day)
    if target is not None and facts.get("alias_of") not in (None, target):
        index = max(i for i, p in enumerate(model.alias_of) if p.target == target)
        found.append(
            Disagreement(
                model.id, f"alias_of.{index}.target", target, "alias_of", facts["alias_of"]
            )
        )
    return found
