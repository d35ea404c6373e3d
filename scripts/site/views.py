"""What the pages show, computed from the typed catalog: pure functions, no I/O, no Markdown."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from scripts.catalog import STATUSES, Catalog, Model


@dataclass(frozen=True, slots=True)
class StatusInfo:
    label: str
    admonition: str
    meaning: str


STATUS_INFO = {
    "production": StatusInfo(
        "Production",
        "success",
        "Stable and meant for production use; the provider announces changes before making them.",
    ),
    "preview": StatusInfo(
        "Preview",
        "warning",
        "For evaluation only: the provider may change its limits or behaviour, or remove it, "
        "at short notice. Do not depend on it in production.",
    ),
    "coming-soon": StatusInfo(
        "Coming soon",
        "info",
        "Announced but not yet callable: requests with this ID fail until the provider "
        "makes it available.",
    ),
    "offline": StatusInfo(
        "Offline",
        "failure",
        "Listed by the provider but not callable now: requests fail. Use another model.",
    ),
    "deprecated": StatusInfo(
        "Deprecated",
        "danger",
        "Still callable until its deprecation date, then removed. Move to its replacement.",
    ),
}


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
        (Developer(models[0].developer or key, key, tuple(models)) for key, models in grouped.items()),
        key=lambda d: d.name.casefold(),
    )


def by_status(catalog: Catalog) -> dict[str, list[Model]]:
    grouped: dict[str, list[Model]] = {status: [] for status in STATUSES}
    for model in catalog.models:
        grouped[model.status].append(model)
    return grouped


def code_sample_kind(model: Model) -> str | None:
    """Which request a code sample shows: none for IDs that cannot be called."""
    if not model.callable_id:
        return None
    if "audio" in model.input_modalities:
        return "transcription"
    return "chat"
