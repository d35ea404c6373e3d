"""The typed catalog: providers and models built from documents that passed validation.

A Model keeps the validated mapping of its file (`data`, in the file's key order) and reads
its fields from it; the dated parts (lifecycle, prices, limits, observations) become small
typed records with real dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelcat_registry.loader import Document, Kind, LoadedCatalog

RATE_KEYS = ("rpm", "rpd", "tpm", "tpd", "ash", "asd")
PRICE_KEYS = ("input_per_mtok_usd", "output_per_mtok_usd", "per_audio_hour_usd")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date the source gives to the day (2025-05-31) or only to the month (2024-09)."""

    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def first_day(self) -> dt.date:
        return dt.date.fromisoformat(self.text if len(self.text) == 10 else f"{self.text}-01")


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    date: PartialDate
    url: str | None = None
    until: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    data: Mapping[str, Any]
    source_path: Path
    sources: Mapping[str, Source]

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def api_base(self) -> str:
        return str(self.data["api_base"])

    @property
    def api_key_env(self) -> str:
        return str(self.data["api_key_env"])

    @property
    def docs_url(self) -> str:
        return str(self.data["docs_url"])


@dataclass(frozen=True, slots=True)
class Lifecycle:
    source: str
    announced: PartialDate | None = None
    auto_upgrade: dt.date | None = None
    upgrade_to: str | None = None
    shutdown: dt.date | None = None
    replacements: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Dated:
    """One dated entry of prices or free-tier limits: its values by key, and its source."""

    date: dt.date
    source: str
    values: Mapping[str, Any]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    """What the live GET /models reported, and when."""

    first_seen: dt.date
    last_seen: dt.date
    values: Mapping[str, Any]  # owned_by, context_window, max_completion_tokens, active, created


@dataclass(frozen=True, slots=True)
class Model:
    provider: str
    id: str
    data: Mapping[str, Any]
    source_path: Path
    lifecycle: Lifecycle | None = None
    prices: tuple[Dated, ...] = ()
    free_tier_limits: tuple[Dated, ...] = ()
    observed: Observation | None = None

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

    @property
    def replacements(self) -> tuple[str, ...]:
        return self.lifecycle.replacements if self.lifecycle else ()

    @property
    def latest_price(self) -> Dated | None:
        return self.prices[-1] if self.prices else None

    @property
    def latest_limits(self) -> Dated | None:
        return self.free_tier_limits[-1] if self.free_tier_limits else None


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
    return Provider(document.provider_id, data, document.path, sources)


def _dated(entries: list[dict[str, Any]], keys: tuple[str, ...]) -> tuple[Dated, ...]:
    return tuple(
        Dated(
            dt.date.fromisoformat(entry["date"]),
            entry["source"],
            {key: entry[key] for key in keys if key in entry},
            entry.get("note"),
        )
        for entry in entries
    )


def model_from(document: Document) -> Model:
    data = document.mapping or {}
    lifecycle = data.get("lifecycle")
    observed = data.get("observed")
    return Model(
        provider=document.provider_id,
        id=data["id"],
        data=data,
        source_path=document.path,
        lifecycle=Lifecycle(
            source=lifecycle["source"],
            announced=_partial(lifecycle.get("announced")),
            auto_upgrade=_date(lifecycle.get("auto_upgrade")),
            upgrade_to=lifecycle.get("upgrade_to"),
            shutdown=_date(lifecycle.get("shutdown")),
            replacements=tuple(lifecycle.get("replacements", ())),
            note=lifecycle.get("note"),
        )
        if lifecycle
        else None,
        prices=_dated(data.get("prices", []), PRICE_KEYS),
        free_tier_limits=_dated(data.get("free_tier_limits", []), RATE_KEYS),
        observed=Observation(
            dt.date.fromisoformat(observed["first_seen"]),
            dt.date.fromisoformat(observed["last_seen"]),
            {k: v for k, v in observed.items() if k not in {"first_seen", "last_seen"}},
        )
        if observed
        else None,
    )


@dataclass(frozen=True, slots=True)
class Catalog:
    """A valid catalog: providers by ID and their models, sorted by provider then model ID."""

    root: Path
    providers: Mapping[str, Provider]
    models: tuple[Model, ...]
    by_key: Mapping[tuple[str, str], Model]

    def models_of(self, provider_id: str) -> list[Model]:
        return [m for m in self.models if m.provider == provider_id]

    def find(self, provider_id: str, model_id: str) -> Model | None:
        return self.by_key.get((provider_id, model_id))


def build_catalog(loaded: LoadedCatalog) -> Catalog:
    providers = {d.provider_id: provider_from(d) for d in loaded.of_kind(Kind.PROVIDER)}
    models = sorted((model_from(d) for d in loaded.of_kind(Kind.MODEL)), key=lambda m: m.key)
    return Catalog(loaded.root, providers, tuple(models), {m.key: m for m in models})
