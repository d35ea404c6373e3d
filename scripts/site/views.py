"""What the pages show, computed from the typed catalog and the build's reference date:
pure functions, no I/O, no Markdown."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from modelcat_registry.catalog import Catalog, Model, Provider, Source
from modelcat_registry.lifecycle import (
    STATE_LABELS,
    STATE_ORDER,
    MigrationPath,
    State,
    days_left,
    is_callable,
    migration_path,
    state,
    upgraded_to,
)
from modelcat_registry.schemas import enum_descriptions

STATE_MEANINGS = {
    State.AVAILABLE: "Callable now, as far as the sources say.",
    State.COMING_SOON: "Announced but not yet callable: requests with this ID fail until the "
    "provider makes it available.",
    State.OFFLINE: "Listed by the provider but not callable now: requests fail.",
    State.DEPRECATED: "Still callable until its shutdown date, then requests fail. Move to "
    "its replacement before then.",
    State.RETIRED: "Shut down: requests with this ID fail. Use its replacement.",
}


def tier_label(tier: str) -> str:
    return tier.replace("-", " ").capitalize()


def tier_meaning(tier: str) -> str:
    return enum_descriptions("model", ("status",)).get(tier, "")


def human_tokens(count: int | None) -> str:
    """'128k (131,072)' for a round decimal or binary thousand, else '1,234'; '—' for none.

    Decimal first: 128,000 is "128k" (not 125 x 1024), while 131,072 is only 128 x 1024.
    """
    if count is None:
        return "—"
    for unit, suffix in ((1_000_000, "M"), (1024 * 1024, "M"), (1000, "k"), (1024, "k")):
        if count >= unit and count % unit == 0:
            return f"{count // unit}{suffix} ({count:,})"
    return f"{count:,}"


def usd(amount: float | None) -> str:
    if amount is None:
        return "—"
    text = f"{amount:,.3f}"
    return "$" + (text[:-1] if text.endswith("0") else text)


def rate(value: int | str | None) -> str:
    if value is None:
        return "—"
    if value == "unlimited":
        return "no limit"
    return f"{value:,}"


def slug(text: str) -> str:
    """A URL-safe, lower-case file name for a developer."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def model_page(model: Model) -> str:
    """Path of the model's page below the docs folder."""
    return f"models/{model.provider}/{model.id}.md"


def model_source_path(page: str) -> str | None:
    """The catalog file behind a model page (models/<provider>/<id>.md), else None."""
    parts = page.split("/")
    if len(parts) < 3 or parts[0] != "models" or not page.endswith(".md"):
        return None
    model_id = "/".join(parts[2:]).removesuffix(".md")
    return f"catalog/{parts[1]}/models/{model_id}.yaml"


def developer_page(name: str) -> str:
    return f"developers/{slug(name)}.md"


def root_prefix(page: str) -> str:
    """The relative prefix that leads from page back to the docs root."""
    return "../" * page.count("/")


def base_path(site_url: str) -> str:
    """The path the site is served below: https://host/modelcat/ → /modelcat/."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def published_path(page: str) -> str:
    """models/groq/x.md → models/groq/x/ (index.md → the folder itself)."""
    path = page.removesuffix(".md")
    if path == "index":
        return ""
    return path.removesuffix("/index") + "/"


def edit_url(edit_base: str, model_source_path: str) -> str:
    return edit_base.rstrip("/") + "/" + model_source_path


@dataclass(frozen=True, slots=True)
class Developer:
    name: str
    slug: str
    models: tuple[Model, ...]


def developers(catalog: Catalog) -> list[Developer]:
    """Developers by page slug (names that differ only in case or punctuation share one)."""
    grouped: dict[str, list[Model]] = defaultdict(list)
    for model in catalog.models:
        if model.developer:
            grouped[slug(model.developer)].append(model)
    return sorted(
        (
            Developer(models[0].developer or key, key, tuple(models))
            for key, models in grouped.items()
        ),
        key=lambda d: d.name.casefold(),
    )


@dataclass(frozen=True, slots=True)
class ModelView:
    """A model as the site shows it on the build's reference date."""

    model: Model
    provider: Provider
    state: State
    callable: bool
    days_left: int | None
    upgraded_to: str | None
    path: MigrationPath

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def state_order(self) -> int:
        return STATE_ORDER[self.state]

    @property
    def stub(self) -> bool:
        return self.model.needs_review

    def source(self, key: str | None) -> Source | None:
        return self.provider.sources.get(key or "")


def model_view(catalog: Catalog, model: Model, as_of: dt.date) -> ModelView:
    return ModelView(
        model=model,
        provider=catalog.providers[model.provider],
        state=state(model, as_of),
        callable=is_callable(model, as_of),
        days_left=days_left(model, as_of),
        upgraded_to=upgraded_to(model, as_of),
        path=migration_path(catalog, model, as_of),
    )


def by_state(views: list[ModelView]) -> dict[State, list[ModelView]]:
    grouped: dict[State, list[ModelView]] = {s: [] for s in State}
    for view in views:
        grouped[view.state].append(view)
    return grouped


def code_sample_kind(model: Model) -> str | None:
    """Which request a code sample shows: none for slugs, and none where the sources do not
    say what the model takes and gives (a text-to-speech model is no chat model)."""
    if not model.callable_id or not model.input_modalities:
        return None
    if model.is_audio:
        return "transcription"
    return "chat" if "text" in model.output_modalities else None


def provider_page(provider_id: str) -> str:
    return f"providers/{provider_id}.md"


def last_drift_check(catalog: Catalog, provider_id: str) -> dt.date | None:
    """The newest day the provider's live list was recorded (observed.last_seen)."""
    seen = [m.observed.last_seen for m in catalog.models_of(provider_id) if m.observed]
    return max(seen) if seen else None


def sample_id(view: ModelView, view_of: dict[tuple[str, str], ModelView]) -> str | None:
    """The ID a code sample may call on the build date: the model's own if it is callable,
    else the end of its migration path if that one is, else none."""
    if view.callable:
        return view.model.id
    target = view.path.target
    if target is not None and view_of[target.key].callable:
        return target.id
    return None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated change: a lifecycle step, a price or a free-tier limit entry."""

    day: dt.date  # for sorting; a month-only announcement counts from its first day
    day_text: str  # as the source gives it (2026-05 or 2026-05-31)
    kind: str  # announced | upgrade | shutdown | price | limits
    model: Model
    provider: Provider
    summary: str  # plain text; escaped by whoever renders it
    source: Source | None

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.day_text}-{self.model.provider}-{self.model.id}"


EVENT_LABELS = {
    "announced": "Shutdown announced",
    "upgrade": "Automatic upgrade",
    "shutdown": "Shutdown",
    "price": "Price",
    "limits": "Free-tier limits",
}


def _price_text(values: dict[str, object]) -> str:
    if "per_audio_hour_usd" in values:
        return f"{usd(values['per_audio_hour_usd'])} per hour of audio"  # type: ignore[arg-type]
    return (
        f"{usd(values.get('input_per_mtok_usd'))} input / "  # type: ignore[arg-type]
        f"{usd(values.get('output_per_mtok_usd'))} output per 1M tokens"  # type: ignore[arg-type]
    )


def _limits_text(values: dict[str, object]) -> str:
    names = {"rpm": "RPM", "rpd": "RPD", "tpm": "TPM", "tpd": "TPD", "ash": "ASH", "asd": "ASD"}
    return ", ".join(f"{names[k]} {rate(v)}" for k, v in values.items())  # type: ignore[arg-type]


def events(catalog: Catalog) -> list[Event]:
    """Every dated change in the catalog, newest first (ties by provider and model ID)."""
    found: list[Event] = []
    for model in catalog.models:
        provider = catalog.providers[model.provider]
        lifecycle = model.lifecycle
        if lifecycle:
            source = provider.sources.get(lifecycle.source)
            replacements = ", ".join(lifecycle.replacements)
            then = f"; replacements: {replacements}" if replacements else ""
            if lifecycle.announced:
                when = f" for {lifecycle.shutdown.isoformat()}" if lifecycle.shutdown else ""
                found.append(
                    Event(
                        lifecycle.announced.first_day,
                        lifecycle.announced.text,
                        "announced",
                        model,
                        provider,
                        f"{provider.name} announced the shutdown of {model.id}{when}{then}",
                        source,
                    )
                )
            if lifecycle.auto_upgrade and lifecycle.upgrade_to:
                found.append(
                    Event(
                        lifecycle.auto_upgrade,
                        lifecycle.auto_upgrade.isoformat(),
                        "upgrade",
                        model,
                        provider,
                        f"Requests to {model.id} are answered by {lifecycle.upgrade_to}",
                        source,
                    )
                )
            if lifecycle.shutdown:
                found.append(
                    Event(
                        lifecycle.shutdown,
                        lifecycle.shutdown.isoformat(),
                        "shutdown",
                        model,
                        provider,
                        f"{model.id} shuts down at {provider.name}{then}",
                        source,
                    )
                )
        dated = (
            ("price", model.prices, "price", _price_text),
            ("limits", model.free_tier_limits, "free-tier limits", _limits_text),
        )
        for kind, entries, what, describe in dated:
            for index, entry in enumerate(entries):
                verb = f"{what} changed to" if index else f"{what} listed:"
                found.append(
                    Event(
                        entry.date,
                        entry.date.isoformat(),
                        kind,
                        model,
                        provider,
                        f"{model.id} {verb} {describe(dict(entry.values))}",
                        provider.sources.get(entry.source),
                    )
                )
    found.sort(key=lambda e: (e.model.provider, e.model.id, e.kind))
    found.sort(key=lambda e: e.day, reverse=True)
    return found


def upcoming_shutdowns(views: list[ModelView], as_of: dt.date) -> list[ModelView]:
    """Models whose shutdown date is on or after the reference date, soonest first."""
    coming = [
        v
        for v in views
        if v.model.lifecycle and v.model.lifecycle.shutdown and v.model.lifecycle.shutdown >= as_of
    ]
    return sorted(coming, key=lambda v: (v.model.lifecycle.shutdown, v.model.key))  # type: ignore[union-attr]
