"""Compare a provider's catalog models with one capture of its list, as of the capture's day:
pure functions only.

A comparison as of day D uses only what was known by D: documented statements dated by D,
observation records seen by D, checks made by D. Drift is what `sync --write` can record or a
maintainer must act on, each event reported once under its most specific name:

- added: listed IDs the catalog has no entry for (an alias entry counts as an entry);
- removed: models the catalog expects in the list on D but that are missing: callable per
  their documented lifecycle, and either listed at the newest check before D, or documented
  by D while no check has ever been recorded;
- changed: listed values that differ from what the catalog knew the list to say on D (or the
  first observation of a model);
- relisted: a model the docs call retired on D that the list still shows, not yet recorded.

Docs/API disagreements (a documented value the list contradicts, a retired model whose
listing was recorded) are shown, but are not drift: the maintainer resolves them in the docs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from modelcat_registry.catalog import Catalog, Model, Provider
from modelcat_registry.dialects import Listing
from modelcat_registry.dialects.base import OBSERVED_FIELDS
from modelcat_registry.drift.capture import Capture
from modelcat_registry.lifecycle import CALLABLE_STATES, Known, State, documented_since, known
from modelcat_registry.observations import (
    Disagreement,
    canonical,
    check_recorded,
    claim_path,
    disagreements,
    effective_facts,
    first_check_after,
    last_sighting,
    listed_at_check,
    previous_values,
    recorded_values,
)

SHRINK_FACTOR = 2  # a list under half the previous one is refused, not taken as removals


@dataclass(frozen=True, slots=True)
class Change:
    """One listed value that differs from what the catalog knew; field is `observed.<key>`,
    or `observed` for a model never observed before (catalog None, live the whole mapping)."""

    id: str
    field: str
    catalog: Any
    live: Any
    where: str | None = None  # the dotted path of the value in the file, to point at it


@dataclass(frozen=True, slots=True)
class Absence:
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Relisted:
    id: str
    shutdown: dt.date | None  # the docs' shutdown (None: retired on a day no source gives)
    retired_since: dt.date
    api_shutdown: str | None = None  # the date the list itself gives, if any


@dataclass(frozen=True, slots=True)
class Refused:
    """A listed value that would not validate: reported, never written."""

    id: str
    field: str
    live: Any


@dataclass(slots=True)
class ProviderDrift:
    provider: str
    as_of: dt.date
    checked: bool = True
    error: str | None = None
    skipped: str | None = None  # why the provider was not checked, if not a failure
    added: list[Listing] = field(default_factory=list)
    removed: list[Absence] = field(default_factory=list)
    expected_absent: list[Absence] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    relisted: list[Relisted] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    capture_recorded: bool = False  # the catalog already holds this capture's list

    @property
    def failed(self) -> bool:
        return not self.checked and self.skipped is None

    @property
    def has_drift(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.relisted)


class RefusedListError(Exception):
    """A list too small to be believed; one sentence for a person."""


def compare(
    catalog: Catalog, provider: Provider, capture: Capture, allow_shrink: bool = False
) -> ProviderDrift:
    """The drift between the catalog and a capture, as of the capture's day."""
    day = capture.day
    models = catalog.models_of(provider.id)
    recorded = check_recorded(provider.checks, day, capture.digest)
    if not recorded:
        check_size(provider, capture, allow_shrink)
    drift = ProviderDrift(provider.id, day, capture_recorded=recorded)
    drift.notices.extend(header_notices(capture))
    listed = {item.id: item for item in capture.listings}
    known_ids = {model.id for model in models}
    drift.added = [item for item in capture.listings if item.id not in known_ids]
    for model in models:
        item = listed.get(model.id) if model.callable_id else None
        view = known(model, day, catalog)
        if item is None:
            _absent(drift, provider, model, view, day, recorded)
        elif item.observed:
            _present(drift, provider, model, view, item, day)
    return drift


def check_size(provider: Provider, capture: Capture, allow_shrink: bool) -> None:
    """RefusedListError for an empty list, or one under half of the newest check before it."""
    count = sum(1 for item in capture.listings if item.observed)
    if count == 0 and capture.listings:
        return  # an export listing only documented models: nothing observed, nothing lost
    if count == 0:
        raise RefusedListError(
            "the list is empty; refusing to take that as the removal of every model (a "
            "provider's list is never empty; check the key's permissions or the URL)"
        )
    before = [c for c in provider.checks if c.date < capture.day]
    if not before or allow_shrink:
        return
    previous = max(before, key=lambda c: (min(c.until, capture.day), c.date))
    if count * SHRINK_FACTOR < previous.listed:
        raise RefusedListError(
            f"the list holds {count} models, under half of the {previous.listed} listed at the "
            f"check of {min(previous.until, capture.day)}; refusing to take that as a mass "
            "removal (pass --allow-shrink if the provider really removed them)"
        )


def header_notices(capture: Capture) -> list[str]:
    notices = []
    if capture.sunset:
        notices.append(f"the list's response says the endpoint sunsets on {capture.sunset}")
    if capture.deprecation:
        notices.append(
            f"the list's response says the endpoint is deprecated since {capture.deprecation}"
        )
    return notices


def _absent(
    drift: ProviderDrift,
    provider: Provider,
    model: Model,
    view: Known,
    day: dt.date,
    recorded: bool,
) -> None:
    expected, reason = absence_reason(provider, model, view, day, recorded)
    (drift.removed if expected else drift.expected_absent).append(Absence(model.id, reason))


def absence_reason(
    provider: Provider, model: Model, view: Known, day: dt.date, recorded: bool
) -> tuple[bool, str]:
    """Whether the list should hold the model on the day, and why (not)."""
    if not model.callable_id:
        return False, "no API ID"
    state = view.state
    if state is State.RETIRED:
        when = view.shutdown if view.gone_claim is view.shutdown_claim and view.shutdown else None
        return False, f"retired on {when}" if when else "retired"
    if state is State.LIMITED:
        offerings = ", ".join(view.continues_on) or "some offerings"
        return False, f"served only on {offerings} since {view.shutdown or view.gone_claim.date}"  # type: ignore[union-attr]
    if state is State.REDIRECTED and view.redirect:
        return False, f"redirected to {view.redirect.to} since {view.redirect.start}"
    if state not in CALLABLE_STATES:
        return False, state.value
    last_check = provider.last_check
    checks_by_day = [d for d in provider.check_days if d <= day]
    seen = last_sighting(model, day, last_check)
    if recorded:
        return False, f"not listed at the check of {day}, as recorded"
    if seen is not None:
        newest = max(checks_by_day, default=None)
        if newest is None or listed_at_check(model, newest, last_check):
            return True, f"last seen live on {seen}"
        since = first_check_after(provider.checks, seen, day)
        return False, f"not listed since {since or newest}"
    documented = documented_since(model, provider.sources)
    if documented is None or documented > day:
        return False, f"not documented or seen live by {day}"
    if checks_by_day:
        return False, f"never listed at any check since {checks_by_day[0]}"
    tier = model.status or "documented"
    return True, f"{tier}, never seen live"


def _present(
    drift: ProviderDrift,
    provider: Provider,
    model: Model,
    view: Known,
    item: Listing,
    day: dt.date,
) -> None:
    last_check = provider.last_check
    drift.refused.extend(Refused(model.id, key, value) for key, value in item.refused.items())
    facts = effective_facts(model, item.facts, item.refused, day, last_check)
    already = recorded_values(model.observed, day, last_check, facts)
    if view.state is State.RETIRED:
        retired_since = view.shutdown or (
            view.gone_claim.date.first_day if view.gone_claim else day
        )
        before = previous_values(model, day, last_check)
        seen_since = (
            before is not None
            and canonical(before[0].values) == canonical(facts)
            and before[0].last_seen_by(last_check) >= retired_since
        )
        if already or seen_since:
            drift.disagreements.append(
                Disagreement(
                    model.id,
                    claim_path(model, view, "shutdown"),
                    str(retired_since),
                    "listed",
                    item.facts.get("shutdown") or True,
                )
            )
        else:
            drift.relisted.append(
                Relisted(model.id, view.shutdown, retired_since, item.facts.get("shutdown"))
            )
        return
    if not already:
        drift.changed.extend(observation_changes(model, item, day, last_check))
    drift.disagreements.extend(disagreements(model, view, item.facts, day))


def observation_changes(
    model: Model, item: Listing, day: dt.date, last_check: dt.date | None
) -> list[Change]:
    """Per observed key, how the listed values differ from what the catalog knew on the day."""
    before = previous_values(model, day, last_check)
    if before is None:
        return [Change(model.id, "observed", None, dict(item.facts))]
    record = before[0]
    index = model.observed.index(record)
    values = record.values
    return [
        Change(
            model.id,
            f"observed.{key}",
            values.get(key),
            item.facts.get(key),
            f"observed.{index}.{key}" if key in values else f"observed.{index}",
        )
        for key in OBSERVED_FIELDS
        if key not in item.refused and values.get(key) != item.facts.get(key)
    ]
