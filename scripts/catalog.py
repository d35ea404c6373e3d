"""The typed catalog: providers and models built from documents that passed validation.

A Model keeps the validated mapping of its file (`data`, in the file's key order) and reads
its fields from it; the dated parts (lifecycle, prices, limits, observations) become small
typed records with real dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modelcat_registry.loader import Document, Kind, LoadedCatalog

RATE_KEYS = ("rpm", "rpd", "tpm", "tpd", "ash", "asd")
PRICE_KEYS = (
    "input_per_mtok_usd",
    "cached_input_per_mtok_usd",
    "output_per_mtok_usd",
    "per_audio_hour_usd",
    "per_audio_minute_usd",
    "per_mchar_usd",
    "per_kpage_usd",
)
PRICE_TIER_KEYS = ("above_input_tokens", "off_peak")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date the source gives to the day (2025-05-31) or only to the month (2024-09)."""

    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def first_day(self) -> dt.date:
        return dt.date.fromisoformat(self.text if len(self.text) == 10 else f"{self.text}-01")

    @property
    def is_month(self) -> bool:
        return len(self.text) == 7


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    date: PartialDate
    url: str | None = None
    until: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Check:
    """One distinct list the provider's API returned, and the span of checks that returned it."""

    date: dt.date
    until: dt.date
    digest: str
    listed: int
    url: str | None = None
    sha256: str | None = None
    sunset: dt.date | None = None
    deprecation: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    data: Mapping[str, Any]
    source_path: Path
    sources: Mapping[str, Source]
    checks: tuple[Check, ...] = ()

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def api_base(self) -> str:
        return str(self.data["api_base"])

    @property
    def models_url(self) -> str | None:
        return self.data.get("models_url")

    @property
    def dialect(self) -> str:
        return str(self.data["dialect"])

    @property
    def api_key_env(self) -> str:
        return str(self.data["api_key_env"])

    @property
    def docs_url(self) -> str:
        return str(self.data["docs_url"])

    @property
    def code_prefixes(self) -> tuple[str, ...]:
        return tuple(self.data.get("code_prefixes", ()))

    @property
    def last_check(self) -> dt.date | None:
        """The day of the newest check sync --write recorded."""
        return max((c.until for c in self.checks), default=None)

    @property
    def check_days(self) -> tuple[dt.date, ...]:
        """Every day a check is known to have happened, sorted (the span ends of each list)."""
        return tuple(sorted({d for c in self.checks for d in (c.date, c.until)}))


@dataclass(frozen=True, slots=True)
class Redirect:
    start: dt.date
    to: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One dated statement of a source about the model's lifecycle."""

    date: PartialDate
    source: str
    deprecated: bool = False
    shutdown: dt.date | None = None
    retired: bool = False
    not_before: PartialDate | None = None
    applies_to: tuple[str, ...] = ()
    continues_on: tuple[str, ...] = ()
    replacements: tuple[str, ...] | None = None  # None: not stated; (): "none named"
    redirect: Redirect | None = None
    withdraws: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AliasPointer:
    date: PartialDate
    source: str
    target: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Dated:
    """One dated entry of prices or rate limits: its values by key, and its source."""

    date: dt.date
    source: str
    values: Mapping[str, Any]
    note: str | None = None
    tier: tuple[Any, ...] = (None, None)  # prices: (above_input_tokens, off_peak)

    @property
    def is_standard(self) -> bool:
        return self.tier == (None, None)


@dataclass(frozen=True, slots=True)
class Observation:
    """Values the live model list showed, from the check of first_seen to that of last_seen;
    last_seen None: held until the provider's last check."""

    first_seen: dt.date
    last_seen: dt.date | None
    values: Mapping[str, Any]

    def last_seen_by(self, last_check: dt.date | None) -> dt.date:
        return self.last_seen or last_check or self.first_seen


@dataclass(frozen=True, slots=True)
class Model:
    provider: str
    id: str
    data: Mapping[str, Any]
    source_path: Path
    lifecycle: tuple[Claim, ...] = ()
    alias_of: tuple[AliasPointer, ...] = ()
    prices: tuple[Dated, ...] = ()
    free_tier_limits: tuple[Dated, ...] = ()
    developer_plan_limits: tuple[Dated, ...] = ()
    observed: tuple[Observation, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider, self.id)

    @property
    def name(self) -> str | None:
        return self.data.get("name")

    @property
    def title(self) -> str:
        """What the site calls the model: its documented name, else its ID."""
        return self.data.get("name") or self.id

    @property
    def developer(self) -> str | None:
        return self.data.get("developer")

    @property
    def status(self) -> str | None:
        return self.data.get("status")

    @property
    def callable_id(self) -> bool:
        return bool(self.data.get("callable_id", True))

    @property
    def needs_review(self) -> bool:
        return bool(self.data.get("needs_review", False))

    @property
    def source(self) -> str | None:
        return self.data.get("source")

    def source_of(self, field: str) -> str | None:
        """The source key of a documented fact: its own in field_sources, else `source`."""
        return self.data.get("field_sources", {}).get(field) or self.source

    @property
    def weights(self) -> str | None:
        return self.data.get("weights")

    @property
    def resold_from(self) -> tuple[str, str] | None:
        resold = self.data.get("resold_from")
        return (resold["provider"], resold["id"]) if resold else None

    @property
    def is_alias(self) -> bool:
        return bool(self.alias_of)

    @property
    def input_modalities(self) -> tuple[str, ...]:
        return tuple(self.data.get("modalities", {}).get("input", ()))

    @property
    def output_modalities(self) -> tuple[str, ...]:
        return tuple(self.data.get("modalities", {}).get("output", ()))

    @property
    def is_audio(self) -> bool:
        return "audio" in self.input_modalities

    @property
    def context_window(self) -> int | None:
        return self.data.get("context_window")

    @property
    def max_output_tokens(self) -> int | None:
        return self.data.get("max_output_tokens")

    @property
    def temporary_limit(self) -> Mapping[str, Any] | None:
        return self.data.get("temporary_limit")

    @property
    def context_window_in_force(self) -> int | None:
        """The window the documentation says is served now: the temporary limit, if any."""
        limit = self.temporary_limit
        return limit["context_window"] if limit else self.context_window

    @property
    def max_file_size_mb(self) -> int | None:
        return self.data.get("max_file_size_mb")

    @property
    def model_card(self) -> str | None:
        return self.data.get("model_card")

    @property
    def notes(self) -> str | None:
        return self.data.get("notes")

    def alias_target(self, as_of: dt.date) -> str | None:
        """Where this alias points on that day: the newest pointer dated on or before it."""
        target = None
        for pointer in self.alias_of:
            if pointer.date.first_day <= as_of:
                target = pointer.target
        return target

    def price_in_force(self, as_of: dt.date, tier: tuple[Any, ...] = (None, None)) -> Dated | None:
        """The newest price entry of a tier (standard by default) dated on or before as_of."""
        found = None
        for entry in self.prices:
            if entry.tier == tier and entry.date <= as_of:
                found = entry
        return found

    def upcoming_prices(self, as_of: dt.date) -> tuple[Dated, ...]:
        return tuple(p for p in self.prices if p.date > as_of)

    @staticmethod
    def limits_in_force(entries: tuple[Dated, ...], as_of: dt.date) -> Dated | None:
        found = None
        for entry in entries:
            if entry.date <= as_of:
                found = entry
        return found

    def observation_as_of(
        self, as_of: dt.date, last_check: dt.date | None
    ) -> tuple[Observation, dt.date] | None:
        """The record whose latest known sighting on or before as_of is newest, with that day:
        what the API was last known to say by as_of (never anything seen after it)."""
        best: tuple[Observation, dt.date] | None = None
        for record in self.observed:
            if record.first_seen > as_of:
                continue
            last = record.last_seen_by(last_check)
            known = last if last <= as_of else record.first_seen
            if best is None or known >= best[1]:
                best = (record, known)
        return best

    @property
    def first_observed(self) -> dt.date | None:
        return min((r.first_seen for r in self.observed), default=None)

    @property
    def last_listed(self) -> dt.date | None:
        """The newest check day that listed the model (None if no record is open and none
        gives its last day: never)."""
        days = [r.last_seen for r in self.observed if r.last_seen is not None]
        return max(days, default=None)


def _partial(value: str | None) -> PartialDate | None:
    return PartialDate(value) if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def provider_from(document: Document) -> Provider:
    data = document.mapping or {}
    sources = {
        key: Source(
            key=key,
            title=entry["title"],
            date=PartialDate(entry["date"]),
            url=entry.get("url"),
            until=_partial(entry.get("until")),
            note=entry.get("note"),
        )
        for key, entry in data.get("sources", {}).items()
    }
    checks = tuple(
        Check(
            date=dt.date.fromisoformat(entry["date"]),
            until=dt.date.fromisoformat(entry.get("until") or entry["date"]),
            digest=entry["digest"],
            listed=entry["listed"],
            url=entry.get("url"),
            sha256=entry.get("sha256"),
            sunset=_date(entry.get("sunset")),
            deprecation=_date(entry.get("deprecation")),
        )
        for entry in data.get("checks", ())
    )
    return Provider(document.provider_id, data, document.path, sources, checks)


def _dated(entries: list[dict[str, Any]], keys: tuple[str, ...]) -> tuple[Dated, ...]:
    return tuple(
        Dated(
            dt.date.fromisoformat(entry["date"]),
            entry["source"],
            {key: entry[key] for key in keys if key in entry},
            entry.get("note"),
            tuple(entry.get(key) for key in PRICE_TIER_KEYS),
        )
        for entry in entries
    )


def _redirect(entry: dict[str, Any]) -> Redirect:
    return Redirect(dt.date.fromisoformat(entry["from"]), entry["to"], entry.get("note"))


def _claim(entry: dict[str, Any]) -> Claim:
    redirect = entry.get("redirect")
    replacements = entry.get("replacements")
    return Claim(
        date=PartialDate(entry["date"]),
        source=entry["source"],
        deprecated=bool(entry.get("deprecated")),
        shutdown=_date(entry.get("shutdown")),
        retired=bool(entry.get("retired")),
        not_before=_partial(entry.get("not_before")),
        applies_to=tuple(entry.get("applies_to", ())),
        continues_on=tuple(entry.get("continues_on", ())),
        replacements=None if replacements is None else tuple(replacements),
        redirect=Redirect(
            dt.date.fromisoformat(redirect["from"]), redirect["to"], redirect.get("note")
        )
        if redirect
        else None,
        withdraws=_partial(entry.get("withdraws")),
        note=entry.get("note"),
    )


def model_from(document: Document) -> Model:
    data = document.mapping or {}
    return Model(
        provider=document.provider_id,
        id=data["id"],
        data=data,
        source_path=document.path,
        lifecycle=tuple(_claim(entry) for entry in data.get("lifecycle", ())),
        alias_of=tuple(
            AliasPointer(PartialDate(e["date"]), e["source"], e["target"], e.get("note"))
            for e in data.get("alias_of", ())
        ),
        prices=_dated(data.get("prices", []), PRICE_KEYS),
        free_tier_limits=_dated(data.get("free_tier_limits", []), RATE_KEYS),
        developer_plan_limits=_dated(data.get("developer_plan_limits", []), RATE_KEYS),
        observed=tuple(
            Observation(
                dt.date.fromisoformat(record["first_seen"]),
                _date(record.get("last_seen")),
                {k: v for k, v in record.items() if k not in {"first_seen", "last_seen"}},
            )
            for record in data.get("observed", ())
        ),
    )


@dataclass(frozen=True, slots=True)
class Catalog:
    """A valid catalog: providers by ID and their models, sorted by provider then model ID."""

    root: Path
    providers: Mapping[str, Provider]
    models: tuple[Model, ...]
    by_key: Mapping[tuple[str, str], Model]
    families: Mapping[tuple[str, ...], tuple[Model, ...]] = field(default_factory=dict)
    # lifecycle.known() of a model of this catalog on a day, kept: it is pure, and following
    # the migration paths of every model asks it again and again of the same models.
    known_memo: dict[tuple[tuple[str, str], dt.date], Any] = field(
        default_factory=dict, compare=False, repr=False
    )

    def models_of(self, provider_id: str) -> list[Model]:
        return [m for m in self.models if m.provider == provider_id]

    def find(self, provider_id: str, model_id: str) -> Model | None:
        return self.by_key.get((provider_id, model_id))

    def same_model(self, model: Model) -> list[Model]:
        """Every entry of the same model at any provider, this one included: entries that
        serve the same open weights, and a resold model with its original (and other resellers
        of it)."""
        key = family_key(model) or ("original", *model.key)
        return list(self.families.get(key, (model,)))


def build_catalog(loaded: LoadedCatalog) -> Catalog:
    providers = {d.provider_id: provider_from(d) for d in loaded.of_kind(Kind.PROVIDER)}
    models = sorted((model_from(d) for d in loaded.of_kind(Kind.MODEL)), key=lambda m: m.key)
    return catalog_of(loaded.root, providers, models)


def family_key(model: Model) -> tuple[str, ...] | None:
    """What identifies the model across providers: its open weights, or the original entry
    it resells (whose own key is that entry's key)."""
    if model.weights:
        return ("weights", model.weights)
    if model.resold_from:
        return ("entry", *model.resold_from)
    return None


def catalog_of(root: Path, providers: Mapping[str, Provider], models: list[Model]) -> Catalog:
    by_key = {m.key: m for m in models}
    members: dict[tuple[str, ...], list[Model]] = {}
    for model in models:
        key = family_key(model)
        if key is not None:
            members.setdefault(key, []).append(model)
    for key, group in list(members.items()):
        if key[0] == "entry" and (original := by_key.get((key[1], key[2]))) is not None:
            group.insert(0, original)
            members[("original", *original.key)] = group
    families = {key: tuple(group) for key, group in members.items()}
    return Catalog(root, providers, tuple(models), by_key, families)
