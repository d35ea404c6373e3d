"""What the pages show, computed from the typed catalog and the build's reference date:
pure functions, no I/O, no Markdown."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from modelcat_registry.catalog import (
    Catalog,
    Claim,
    Dated,
    Model,
    Observation,
    PartialDate,
    Provider,
    Source,
)
from modelcat_registry.lifecycle import (
    CALLABLE_STATES,
    STATE_LABELS,
    STATE_ORDER,
    Known,
    MigrationPath,
    State,
    known,
    migration_path,
)
from modelcat_registry.observations import disagreements
from modelcat_registry.schemas import enum_descriptions

STATE_MEANINGS = {
    State.AVAILABLE: "Callable now, as far as the sources say.",
    State.COMING_SOON: "Announced but not yet callable: requests with this ID fail until the "
    "provider makes it available.",
    State.OFFLINE: "Listed by the provider but not callable now: requests fail.",
    State.DEPRECATED: "Still callable, but the provider has announced its end or no longer "
    "recommends it. Move to the model to use today before its shutdown date.",
    State.LIMITED: "Shut down for most users: requests fail on the provider's free and "
    "self-serve offerings, while some offerings (enterprise contracts, dedicated deployments) "
    "still serve it.",
    State.REDIRECTED: "The ID still answers, but another model serves the requests, billed at "
    "that model's price: neither the model itself nor an error. Call the model that answers.",
    State.RETIRED: "Shut down: requests with this ID fail. Use the model to use today.",
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


def tokens_short(count: int | None) -> str:
    """An exact count with separators: a table cell never rounds 131,072 to "128k"."""
    return "—" if count is None else f"{count:,}"


def usd(amount: float | None) -> str:
    """Dollars as a person reads them: cents where whole, every significant digit below."""
    if amount is None:
        return "—"
    if amount == 0:
        return "free ($0)"
    text = f"{amount:,.6f}".rstrip("0")
    whole, _, fraction = text.partition(".")
    return f"${whole}.{fraction.ljust(2, '0')}"


def rate(value: int | str | None) -> str:
    if value is None:
        return "—"
    if value == "unlimited":
        return "no limit"
    return f"{value:,}"


def slug(text: str) -> str:
    """A URL-safe, lower-case file name for a developer: letters and digits of any script
    are kept (so 日本 and 中国 get pages of their own); anything else joins words with '-';
    a name with no letter or digit at all gets a stable name from its code points."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
    if words:
        return "-".join(words)
    return "u-" + "-".join(f"{ord(c):x}" for c in text.strip()) if text.strip() else "unnamed"


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


def published_url(site_url: str, path: str) -> str:
    """The absolute URL of a path of the published site (feeds, badges, llms.txt and the
    Markdown twin link, which both engines would otherwise check as a page of the docs)."""
    return site_url.rstrip("/") + "/" + path


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
    known: Known
    callable: bool
    days_left: int | None
    answered_by: str | None  # the model that answers a redirected ID
    path: MigrationPath
    use_today: Model | None  # the first model on the path not deprecated on the day
    price: Dated | None  # the standard price in force
    limits: Dated | None  # the free-tier limits in force
    observation: Observation | None  # what the list last showed by the day
    observed_on: dt.date | None  # the newest day, by the build date, that showed it

    @property
    def state(self) -> State:
        return self.known.state

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def state_order(self) -> int:
        return STATE_ORDER[self.state]

    @property
    def stub(self) -> bool:
        return self.model.needs_review

    @property
    def needs_move(self) -> bool:
        """Whether a user of this ID should move: it is not available as itself."""
        return self.state not in {State.AVAILABLE, State.COMING_SOON}

    @property
    def path_end(self) -> Model | None:
        """The model to use today, or failing one, the callable model the path ends at."""
        if self.use_today is not None:
            return self.use_today
        return self.path.steps[-1] if self.path.ends_callable and self.path.steps else None

    @property
    def observed(self) -> dict[str, object]:
        return dict(self.observation.values) if self.observation else {}

    @property
    def context_window(self) -> int | None:
        """The documented window in force, else what the API reports (context_from_api)."""
        documented = self.model.context_window_in_force
        if documented is not None or self.model.is_audio:
            return documented
        return self.observed.get("context_window")  # type: ignore[return-value]

    @property
    def context_from_api(self) -> bool:
        return self.model.context_window_in_force is None and self.context_window is not None

    @property
    def max_output(self) -> int | None:
        if self.model.max_output_tokens is not None or self.model.is_audio:
            return self.model.max_output_tokens
        return self.observed.get("max_output_tokens")  # type: ignore[return-value]

    @property
    def max_output_from_api(self) -> bool:
        return self.model.max_output_tokens is None and self.max_output is not None

    def source(self, key: str | None) -> Source | None:
        return self.provider.sources.get(key or "")


def model_view(catalog: Catalog, model: Model, as_of: dt.date) -> ModelView:
    view = known(model, as_of, catalog)
    path = migration_path(catalog, model, as_of)
    provider = catalog.providers[model.provider]
    seen = model.observation_as_of(as_of, provider.last_check)
    state = view.state
    return ModelView(
        model=model,
        provider=provider,
        known=view,
        callable=model.callable_id and state in CALLABLE_STATES,
        days_left=(view.shutdown - as_of).days
        if state is State.DEPRECATED and view.shutdown and view.shutdown > as_of
        else None,
        answered_by=view.redirect.to if state is State.REDIRECTED and view.redirect else None,
        path=path,
        use_today=path.target if state not in {State.AVAILABLE, State.COMING_SOON} else None,
        price=model.price_in_force(as_of),
        limits=Model.limits_in_force(model.free_tier_limits, as_of),
        observation=seen[0] if seen else None,
        observed_on=seen[1] if seen else None,
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


def source_span(provider: Provider) -> tuple[PartialDate, PartialDate] | None:
    """The oldest and the newest date of a provider's sources (month-only dates by their
    first day), or None for a provider without sources."""
    dates = sorted((source.date for source in provider.sources.values()), key=lambda d: d.first_day)
    return (dates[0], dates[-1]) if dates else None


def last_drift_check(catalog: Catalog, provider_id: str) -> dt.date | None:
    """The newest check of the provider's live list that sync --write recorded."""
    return catalog.providers[provider_id].last_check


def sample_id(view: ModelView, view_of: dict[tuple[str, str], ModelView]) -> str | None:
    """The ID a code sample may call on the build date: the model's own if it is callable,
    else the end of its migration path if that one is, else none."""
    if view.callable:
        return view.model.id
    target = view.path_end
    if target is not None and view_of[target.key].callable:
        return target.id
    return None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated change: a lifecycle statement, a shutdown or redirect day, a price or a
    rate-limit entry."""

    day: dt.date  # for sorting; a month-only statement counts from its first day
    day_text: str  # as the source gives it (2026-05 or 2026-05-31)
    kind: str  # a key of EVENT_LABELS
    model: Model
    provider: Provider
    summary: str  # plain text; escaped by whoever renders it
    source: Source | None

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.day_text}-{self.model.provider}-{self.model.id}"


EVENT_LABELS = {
    "announced": "Deprecation announced",
    "floor": "Retirement floor",
    "replacement": "Replacement",
    "withdrawn": "Announcement withdrawn",
    "redirect": "Redirect",
    "shutdown": "Shutdown",
    "retired": "Retired",
    "price": "Price",
    "limits": "Free-tier limits",
    "alias": "Alias",
}


def price_text(values: dict[str, object]) -> str:
    """A price entry as a person reads it, every figure with its unit: "$0.15 in / $0.60 out
    per 1M tokens (cached input $0.075)", "$0.111 per hour of audio"."""
    parts = []
    token = [
        f"{usd(values[key])} {word}"  # type: ignore[arg-type]
        for key, word in (("input_per_mtok_usd", "in"), ("output_per_mtok_usd", "out"))
        if values.get(key) is not None
    ]
    if token:
        cached = values.get("cached_input_per_mtok_usd")
        extra = f" (cached input {usd(cached)})" if cached is not None else ""  # type: ignore[arg-type]
        parts.append(" / ".join(token) + " per 1M tokens" + extra)
    elif values.get("cached_input_per_mtok_usd") is not None:
        parts.append(f"{usd(values['cached_input_per_mtok_usd'])} per 1M cached input tokens")  # type: ignore[arg-type]
    for key, unit in (
        ("per_audio_hour_usd", "per hour of audio"),
        ("per_audio_minute_usd", "per minute of audio"),
        ("per_mchar_usd", "per 1M characters"),
        ("per_kpage_usd", "per 1,000 pages"),
    ):
        if values.get(key) is not None:
            parts.append(f"{usd(values[key])} {unit}")  # type: ignore[arg-type]
    return "; ".join(parts)


def tier_text(entry: Dated) -> str:
    above, off_peak = entry.tier
    parts = []
    if above is not None:
        parts.append(f"prompts over {human_tokens(above)} tokens")
    if off_peak:
        parts.append("off-peak")
    return ", ".join(parts) or "standard"


def limits_text(values: dict[str, object]) -> str:
    names = {"rpm": "RPM", "rpd": "RPD", "tpm": "TPM", "tpd": "TPD", "ash": "ASH", "asd": "ASD"}
    return ", ".join(f"{names[k]} {rate(v)}" for k, v in values.items())  # type: ignore[arg-type]


def scope_text(claim: Claim) -> str:
    applies = ", ".join(claim.applies_to)
    continues = ", ".join(claim.continues_on)
    parts = []
    if applies:
        parts.append(f"for {applies}")
    if continues:
        parts.append(f"still on {continues}")
    return f" ({'; '.join(parts)})" if parts else ""


def _add_event(
    found: list[Event],
    model: Model,
    provider: Provider,
    day: dt.date,
    text: str,
    kind: str,
    summary: str,
    key: str,
) -> None:
    found.append(Event(day, text, kind, model, provider, summary, provider.sources.get(key)))


def claim_events(model: Model, provider: Provider, as_of: dt.date) -> list[Event]:
    """The events a model's lifecycle statements make: what each said on its date, and the
    shutdown and redirect days in force on the build date."""
    found: list[Event] = []
    add = partial(_add_event, found, model, provider)
    view = known(model, as_of)
    withdrawn = {c.withdraws for c in model.lifecycle if c.withdraws is not None}
    previous: tuple[str, ...] | None = None
    for claim in model.lifecycle:
        day, text, key = claim.date.first_day, claim.date.text, claim.source
        gone = " (later withdrawn)" if claim.date in withdrawn else ""
        scope = scope_text(claim)
        if claim.deprecated or claim.shutdown or claim.redirect:
            when = f", shutdown on {claim.shutdown}" if claim.shutdown else ""
            redirect = claim.redirect
            answered = (
                f", requests answered by {redirect.to} from {redirect.start}" if redirect else ""
            )
            summary = f"{provider.name} announced the end of {model.id}{when}{answered}"
            add(day, text, "announced", f"{summary}{scope}{gone}", key)
        if claim.retired:
            add(day, text, "retired", f"{model.id} is retired{scope}{gone}", key)
        if claim.not_before:
            floor = f"{model.id} retires not sooner than {claim.not_before}{gone}"
            add(day, text, "floor", floor, key)
        if claim.replacements is not None and claim.replacements != previous:
            named = ", ".join(claim.replacements) or "none named any more"
            add(day, text, "replacement", f"replacement for {model.id}: {named}{gone}", key)
            previous = claim.replacements
        if claim.withdraws:
            summary = f"the announcement of {claim.withdraws} about {model.id} is withdrawn"
            add(day, text, "withdrawn", f"{summary}: it is not in force", key)
    if view.shutdown and view.shutdown_claim:
        claim = view.shutdown_claim
        summary = f"{model.id} shuts down at {provider.name}{scope_text(claim)}"
        add(view.shutdown, view.shutdown.isoformat(), "shutdown", summary, claim.source)
    if view.redirect and view.redirect_claim:
        start = view.redirect.start
        summary = f"requests to {model.id} are answered by {view.redirect.to}"
        add(start, start.isoformat(), "redirect", summary, view.redirect_claim.source)
    return found


def events(catalog: Catalog, as_of: dt.date) -> list[Event]:
    """Every dated change in the catalog, newest first (ties by provider and model ID)."""
    found: list[Event] = []
    for model in catalog.models:
        provider = catalog.providers[model.provider]
        found.extend(claim_events(model, provider, as_of))

        def add(day: dt.date, text: str, kind: str, summary: str, key: str) -> None:
            found.append(
                Event(day, text, kind, model, provider, summary, provider.sources.get(key))  # noqa: B023
            )

        for pointer in model.alias_of:
            summary = f"{model.id} points to {pointer.target}"
            add(pointer.date.first_day, pointer.date.text, "alias", summary, pointer.source)
        for index, entry in enumerate(model.prices):
            tier = "" if entry.is_standard else f" ({tier_text(entry)})"
            verb = "price changed to" if index else "price listed:"
            summary = f"{model.id}{tier} {verb} {price_text(dict(entry.values))}"
            add(entry.date, entry.date.isoformat(), "price", summary, entry.source)
        for index, entry in enumerate(model.free_tier_limits):
            verb = "free-tier limits changed to" if index else "free-tier limits listed:"
            summary = f"{model.id} {verb} {limits_text(dict(entry.values))}"
            add(entry.date, entry.date.isoformat(), "limits", summary, entry.source)
    found.sort(key=lambda e: (e.model.provider, e.model.id, e.kind))
    found.sort(key=lambda e: e.day, reverse=True)
    return found


@dataclass(frozen=True, slots=True)
class Shutdown:
    """A dated end of a model as itself, in force on the build date: its shutdown day, or the
    day another model starts answering it."""

    day: dt.date
    view: ModelView
    kind: str  # shutdown | redirect
    claim: Claim


def shutdowns(views: list[ModelView]) -> list[Shutdown]:
    """Every dated shutdown and redirect in force on the build date, past and upcoming,
    soonest first."""
    found: list[Shutdown] = []
    for view in views:
        known_view = view.known
        if known_view.shutdown and known_view.shutdown_claim:
            found.append(Shutdown(known_view.shutdown, view, "shutdown", known_view.shutdown_claim))
        if known_view.redirect and known_view.redirect_claim:
            found.append(
                Shutdown(known_view.redirect.start, view, "redirect", known_view.redirect_claim)
            )
    return sorted(found, key=lambda s: (s.day, s.view.model.key, s.kind))


def yes_no(value: object) -> str:
    return "yes" if value is True else "no" if value is False else str(value)


OBSERVED_LABELS = {
    "name": "name",
    "owner": "owner",
    "created": "created",
    "context_window": "context",
    "max_output_tokens": "max output",
    "available": "active",
    "deprecated": "deprecated",
    "shutdown": "shutdown",
    "replacement": "replacement",
    "alias_of": "alias of",
    "aliases": "aliases",
    "weights": "weights",
    "input_per_mtok_usd": "input per 1M tokens",
    "cached_input_per_mtok_usd": "cached input per 1M tokens",
    "output_per_mtok_usd": "output per 1M tokens",
}


def observed_text(values: dict[str, object]) -> str:
    """An observation as a person reads it: dates, yes/no, units."""
    parts = []
    for key, value in values.items():
        label = OBSERVED_LABELS.get(key, key)
        if isinstance(value, bool):
            shown = yes_no(value)
        elif key in {"context_window", "max_output_tokens"} and isinstance(value, int):
            shown = f"{value:,} tokens"
        elif key.endswith("_usd") and isinstance(value, int | float):
            shown = usd(value)
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        else:
            shown = str(value)
        parts.append(f"{label}: {shown}")
    return "; ".join(parts)


def claim_text(claim: Claim) -> str:
    """One lifecycle statement as a sentence."""
    parts = []
    if claim.deprecated:
        parts.append("deprecated")
    if claim.shutdown:
        parts.append(f"shutdown on {claim.shutdown}")
    if claim.retired:
        parts.append("retired")
    if claim.not_before:
        parts.append(f"retires not sooner than {claim.not_before} (a floor, not a date)")
    if claim.applies_to:
        parts.append(f"for {', '.join(claim.applies_to)}")
    if claim.continues_on:
        parts.append(f"still served on {', '.join(claim.continues_on)}")
    if claim.redirect:
        parts.append(f"from {claim.redirect.start} answered by {claim.redirect.to}")
    if claim.replacements is not None:
        parts.append("replacement: " + (", ".join(claim.replacements) or "none named"))
    if claim.withdraws:
        parts.append(f"withdraws the statement of {claim.withdraws}")
    return "; ".join(parts)


def disagreement_lines(view: ModelView, as_of: dt.date) -> list[str]:
    """Where what the list last showed by the build date contradicts the docs then."""
    if view.observation is None:
        return []
    found = disagreements(view.model, view.known, dict(view.observation.values), as_of)
    lines = []
    for d in found:
        documented = "none" if d.documented is None else d.documented
        lines.append(
            f"docs: {d.documented_field} {documented}; API: {d.observed_field} {d.observed}"
        )
    return lines


def badge_path(model: Model) -> str:
    return f"badges/{model.provider}/{model.id}.svg"


def twin_path(model: Model) -> str:
    """The Markdown twin of a model page, beside the published page."""
    return f"{published_path(model_page(model))}index.md"


def json_path(model: Model) -> str:
    return f"api/models/{model.provider}/{model.id}.json"


def badge_markdown(model: Model, site_url: str) -> str:
    badge = published_url(site_url, badge_path(model))
    page = published_url(site_url, published_path(model_page(model)))
    return f"[![{model.id} status]({badge})]({page})"


def capture_path(provider_id: str) -> str:
    return f"api/{provider_id}/capture.json"


def dialect_meaning(provider: Provider) -> str:
    descriptions = enum_descriptions("provider", ("dialect",))
    return f"{provider.dialect}: {descriptions.get(provider.dialect, '')}"
