"""What a model's dated statements mean on a given day: its state, whether it can be called,
where an alias points, and the path of replacements to the model to use today.

Pure functions of the catalog and a date. Only statements dated on or before the day count
(what was known then), a withdrawn statement never counts, and for each fact the newest
statement that gives it is in force; so nothing goes stale on the day a date passes, and a
view as of an earlier day never reads a later source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from modelcat_registry.catalog import Catalog, Claim, Model, PartialDate, Redirect


class State(StrEnum):
    """What a user sees, in lifecycle order."""

    AVAILABLE = "available"
    COMING_SOON = "coming-soon"
    OFFLINE = "offline"
    DEPRECATED = "deprecated"
    LIMITED = "limited"
    REDIRECTED = "redirected"
    RETIRED = "retired"


STATE_ORDER = {state: index for index, state in enumerate(State)}
STATE_LABELS = {
    State.AVAILABLE: "Available",
    State.COMING_SOON: "Coming soon",
    State.OFFLINE: "Offline",
    State.DEPRECATED: "Deprecated",
    State.LIMITED: "Limited",
    State.REDIRECTED: "Redirected",
    State.RETIRED: "Retired",
}
STATE_MEANINGS = {
    State.AVAILABLE: "callable, with no shutdown announced",
    State.COMING_SOON: "announced, not callable yet",
    State.OFFLINE: "listed by the provider, not callable now",
    State.DEPRECATED: "still callable; the provider has announced its end or no longer "
    "recommends it",
    State.LIMITED: "shut down for most users; still served on some offerings only "
    "(e.g. enterprise or dedicated deployments)",
    State.REDIRECTED: "the ID still answers, but another model serves it, at that model's price",
    State.RETIRED: "requests fail",
}
# States in which a request with the ID is answered by the model itself.
CALLABLE_STATES = frozenset({State.AVAILABLE, State.DEPRECATED})
# States in which the ID may or may not appear in a list the API returns.
EITHER_WAY_STATES = frozenset({State.LIMITED, State.REDIRECTED})
NOT_YET_OR_NOT_NOW = {"coming-soon": State.COMING_SOON, "offline": State.OFFLINE}


@dataclass(frozen=True, slots=True)
class Known:
    """A model's lifecycle as its sources had stated it by a day."""

    state: State
    in_force: tuple[Claim, ...] = ()  # statements dated by the day and not withdrawn
    withdrawn: tuple[Claim, ...] = ()  # statements withdrawn by the day
    deprecated_since: PartialDate | None = None
    shutdown: dt.date | None = None
    shutdown_claim: Claim | None = None
    not_before: PartialDate | None = None
    replacements: tuple[str, ...] = ()
    replacements_claim: Claim | None = None
    redirect: Redirect | None = None
    redirect_claim: Claim | None = None
    gone_claim: Claim | None = None  # the statement that made it retired or limited
    alias_target: str | None = None  # for an alias: where it points that day

    @property
    def continues_on(self) -> tuple[str, ...]:
        return self.gone_claim.continues_on if self.gone_claim else ()

    @property
    def applies_to(self) -> tuple[str, ...]:
        claim = self.gone_claim or self.shutdown_claim
        return claim.applies_to if claim else ()


def _newest(claims: tuple[Claim, ...], has: str) -> Claim | None:
    found = None
    for claim in claims:
        value = getattr(claim, has)
        if value is not None and value is not False:
            found = claim
    return found


def _statements(model: Model, as_of: dt.date) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    """The statements known by as_of: (in force, withdrawn)."""
    known = [c for c in model.lifecycle if c.date.first_day <= as_of]
    withdrawn_dates = {c.withdraws for c in known if c.withdraws is not None}
    in_force = tuple(c for c in known if c.date not in withdrawn_dates)
    withdrawn = tuple(c for c in known if c.date in withdrawn_dates)
    return in_force, withdrawn


def known(model: Model, as_of: dt.date, catalog: Catalog | None = None) -> Known:
    """What the sources had said of the model by as_of. An alias without statements of its
    own has the state of the model it points to that day (with a catalog to look it up)."""
    if catalog is None or catalog.by_key.get(model.key) is not model:
        return _known(model, as_of, catalog)
    key = (model.key, as_of)
    found = catalog.known_memo.get(key)
    if found is None:
        found = catalog.known_memo[key] = _known(model, as_of, catalog)
    return found


def _known(model: Model, as_of: dt.date, catalog: Catalog | None) -> Known:
    if model.alias_of and not model.lifecycle and catalog is not None:
        target_id = model.alias_target(as_of)
        target = catalog.find(model.provider, target_id) if target_id else None
        if target is not None and not target.alias_of:
            view = known(target, as_of)
            return Known(**{**_fields(view), "alias_target": target_id})
        base = _own(model, as_of)
        return Known(**{**_fields(base), "alias_target": target_id})
    return _own(model, as_of)


def _fields(view: Known) -> dict[str, object]:
    return {name: getattr(view, name) for name in Known.__slots__}


def _own(model: Model, as_of: dt.date) -> Known:
    in_force, withdrawn = _statements(model, as_of)
    shutdown_claim = _newest(in_force, "shutdown")
    retired_claim = _newest(in_force, "retired")
    redirect_claim = _newest(in_force, "redirect")
    replacements_claim = _newest(in_force, "replacements")
    not_before_claim = _newest(in_force, "not_before")
    shutdown = shutdown_claim.shutdown if shutdown_claim else None
    redirect = redirect_claim.redirect if redirect_claim else None

    gone: tuple[dt.date, Claim] | None = None
    if shutdown_claim and shutdown and shutdown <= as_of:
        gone = (shutdown, shutdown_claim)
    if retired_claim and (gone is None or retired_claim.date.first_day < gone[0]):
        gone = (retired_claim.date.first_day, retired_claim)
    redirected = redirect is not None and redirect.start <= as_of
    signals = [
        c.date
        for c in in_force
        if c.deprecated or c.shutdown or c.retired or c.redirect is not None
    ]
    if redirected and (gone is None or redirect.start >= gone[0]):
        state = State.REDIRECTED
    elif gone is not None:
        claim = gone[1]
        # Retired for some offerings only is not retired for everyone: where the source names
        # offerings that still serve it, the model is limited to them.
        state = State.LIMITED if claim.continues_on else State.RETIRED
    elif signals:
        state = State.DEPRECATED
    else:
        state = NOT_YET_OR_NOT_NOW.get(model.status or "", State.AVAILABLE)
    return Known(
        state=state,
        in_force=in_force,
        withdrawn=withdrawn,
        deprecated_since=min(signals, key=lambda d: d.first_day) if signals else None,
        shutdown=shutdown,
        shutdown_claim=shutdown_claim,
        not_before=not_before_claim.not_before if not_before_claim else None,
        replacements=replacements_claim.replacements or () if replacements_claim else (),
        replacements_claim=replacements_claim,
        redirect=redirect,
        redirect_claim=redirect_claim,
        gone_claim=gone[1] if gone else None,
    )


def state(model: Model, as_of: dt.date, catalog: Catalog | None = None) -> State:
    return known(model, as_of, catalog).state


def is_callable(model: Model, as_of: dt.date, catalog: Catalog | None = None) -> bool:
    """Whether a request with this ID is answered by the model itself on that day."""
    return model.callable_id and state(model, as_of, catalog) in CALLABLE_STATES


def days_left(model: Model, as_of: dt.date, catalog: Catalog | None = None) -> int | None:
    view = known(model, as_of, catalog)
    if view.state is not State.DEPRECATED or view.shutdown is None:
        return None
    return (view.shutdown - as_of).days if view.shutdown > as_of else None


def answered_by(model: Model, as_of: dt.date, catalog: Catalog | None = None) -> str | None:
    """The model that answers this ID's requests on that day, when it is redirected."""
    view = known(model, as_of, catalog)
    return view.redirect.to if view.state is State.REDIRECTED and view.redirect else None


@dataclass(frozen=True, slots=True)
class MigrationPath:
    """From a model through its replacements; `steps` excludes the model itself.

    `complete` is True when the last step is available on the day and not deprecated: the
    model to use today. `ends_callable` is True when the last step can still be called (it
    may be deprecated itself); False when the path ends at a model that cannot (or there is
    none)."""

    steps: tuple[Model, ...]
    complete: bool
    ends_callable: bool = False

    @property
    def target(self) -> Model | None:
        return self.steps[-1] if self.steps and self.complete else None


def next_models(catalog: Catalog, model: Model, as_of: dt.date) -> list[Model]:
    """The models a user of this one is told to move to that day: the replacements in force,
    in the provider's order, or else the model a redirect sends requests to."""
    view = known(model, as_of, catalog)
    ids = view.replacements or ((view.redirect.to,) if view.redirect else ())
    if not ids and view.alias_target:
        ids = (view.alias_target,)
    found = (catalog.find(model.provider, model_id) for model_id in ids)
    return [m for m in found if m is not None]


def migration_path(catalog: Catalog, model: Model, as_of: dt.date) -> MigrationPath:
    """The first path, in the provider's order of recommendation, that reaches a model that
    is available and not deprecated on that day; failing that, one that reaches a model that
    can still be called; failing that, the path along first replacements to its end."""
    for wanted, complete in ((frozenset({State.AVAILABLE}), True), (CALLABLE_STATES, False)):
        found = _search(catalog, model, as_of, wanted, frozenset({model.key}))
        if found is not None:
            return MigrationPath(tuple(found), complete, True)
    fallback: list[Model] = []
    seen = {model.key}
    current = model
    while following := next_models(catalog, current, as_of):
        if following[0].key in seen:
            break
        fallback.append(following[0])
        seen.add(following[0].key)
        current = following[0]
    return MigrationPath(tuple(fallback), False, False)


def use_today(catalog: Catalog, model: Model, as_of: dt.date) -> Model | None:
    """The first model on the replacement path that is not deprecated on that day, for a
    model that is itself deprecated, retired, limited or redirected."""
    if state(model, as_of, catalog) in {State.AVAILABLE, State.COMING_SOON}:
        return None
    return migration_path(catalog, model, as_of).target


def _search(
    catalog: Catalog,
    model: Model,
    as_of: dt.date,
    wanted: frozenset[State],
    seen: frozenset[tuple[str, str]],
) -> list[Model] | None:
    for replacement in next_models(catalog, model, as_of):
        if replacement.key in seen:
            continue
        if replacement.callable_id and state(replacement, as_of, catalog) in wanted:
            return [replacement]
        further = _search(catalog, replacement, as_of, wanted, seen | {replacement.key})
        if further is not None:
            return [replacement, *further]
    return None


def documented_since(model: Model, sources: Mapping[str, object]) -> dt.date | None:
    """The first day a documented fact of the model is dated: its source's date, a lifecycle
    statement, an alias pointer, a price or a rate limit."""
    days: list[dt.date] = []
    if model.source and model.source in sources:
        days.append(sources[model.source].date.first_day)  # type: ignore[attr-defined]
    days += [c.date.first_day for c in model.lifecycle]
    days += [p.date.first_day for p in model.alias_of]
    days += [e.date for e in (*model.prices, *model.free_tier_limits, *model.developer_plan_limits)]
    return min(days, default=None)
