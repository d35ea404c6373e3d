"""The catalog as data files published with the site: JSON (the whole catalog, one document
per model, one OpenAI-format list per provider), CSV, llms.txt and the schemas.

Every export says what it computed as of the build date (state, callable, `use_instead`)
apart from what the catalog holds; a provider's list holds only models that a capture listed
(with the values it showed) or that the docs call available, and says which.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from modelcat_registry.bundled import SCHEMA_DIR
from modelcat_registry.catalog import PRICE_KEYS, RATE_KEYS, Catalog, Provider
from modelcat_registry.dialects.base import OBSERVED_FIELDS
from modelcat_registry.drift.capture import EXPORT_KEY, EXPORT_VERSION, export_entry
from modelcat_registry.lifecycle import CALLABLE_STATES, STATE_LABELS
from modelcat_registry.output_escaping import spreadsheet_safe
from modelcat_registry.schemas import SCHEMA_KINDS, SCHEMA_VERSION
from modelcat_registry.site.views import (
    ModelView,
    limits_text,
    model_page,
    price_text,
    published_path,
)

CSV_COLUMNS = (
    "provider", "id", "name", "developer", "tier", "state", "callable", "callable_id",
    "use_instead", "answered_by", "context_window", "context_window_in_force",
    "max_output_tokens", "max_file_size_mb", "model_card", "weights", "deprecated_since",
    "shutdown", "not_before", "replacements", "price_date", *PRICE_KEYS, "limits_date",
    *RATE_KEYS, *(f"observed_{key}" for key in OBSERVED_FIELDS), "observed_on",
)  # fmt: skip


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def computed(view: ModelView) -> dict[str, Any]:
    """What the exports add to a model's own fields, as of the build date."""
    known = view.known
    return {
        "state": view.state.value,
        "callable": view.callable,
        "use_instead": view.path_end.id if view.needs_move and view.path_end else None,
        "answered_by": view.answered_by,
        "alias_target": known.alias_target,
        "shutdown_in_force": known.shutdown.isoformat() if known.shutdown else None,
        "replacements_in_force": list(known.replacements),
    }


def model_document(view: ModelView, as_of: dt.date) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "provider": view.provider.id,
        "provider_name": view.provider.name,
        "page": published_path(model_page(view.model)),
        **view.model.data,
        **computed(view),
    }


def catalog_document(catalog: Catalog, views: Iterable[ModelView], as_of: dt.date) -> dict:
    """api/models.json: every provider with its sources and its models, every catalog field
    as written, plus each model's computed state on the build's reference date."""
    by_provider: dict[str, list[ModelView]] = {}
    for view in views:
        by_provider.setdefault(view.provider.id, []).append(view)
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "providers": [
            {
                **provider.data,
                "models": [{**v.model.data, **computed(v)} for v in by_provider.get(pid, [])],
            }
            for pid, provider in sorted(catalog.providers.items())
        ],
    }


def provider_list(provider: Provider, views: Iterable[ModelView], as_of: dt.date) -> dict:
    """api/<provider>/models.json: the OpenAI list format, with the models the newest capture
    by the build date listed (with the values it showed: `modelcat.listed` "observed") and the
    models the docs call callable that no capture showed ("documented", no values). `sync
    --from-file` reads it back as the list of its `observed_on` day: the same day's export
    reports no drift."""
    entries = []
    checked = [d for d in provider.check_days if d <= as_of]
    for view in views:
        if not view.model.callable_id:
            continue
        extra = {"state": view.state.value, "page": published_path(model_page(view.model))}
        if view.observation is not None and _listed_on_newest_check(view, as_of):
            entries.append(export_entry(view.model.id, view.observation.values, extra))
        elif view.state in CALLABLE_STATES and not view.stub and view.observation is None:
            entries.append(export_entry(view.model.id, None, extra))
    return {
        EXPORT_KEY: {
            "version": EXPORT_VERSION,
            "provider": provider.id,
            "as_of": as_of.isoformat(),
            # The day of the newest check whose values the observed entries carry.
            "observed_on": max(checked).isoformat() if checked else None,
        },
        "object": "list",
        "data": entries,
    }


def _listed_on_newest_check(view: ModelView, as_of: dt.date) -> bool:
    """Whether the newest check by the build date showed the model."""
    days = [d for d in view.provider.check_days if d <= as_of]
    if not days or view.observation is None:
        return False
    newest = max(days)
    record = view.observation
    return record.first_seen <= newest <= record.last_seen_by(view.provider.last_check)


def compare_entry(view: ModelView, family: list[ModelView]) -> dict[str, Any]:
    """What the Compare page shows of a model, as of the build date, every value already
    worded as a person reads it: documented values first, the API's where the docs are
    silent (marked with the day the list showed them). A value the model does not have is
    left out: the page shows "—" for it, and 10,000 models do not carry thousands of nulls."""
    model, known = view.model, view.known
    seen = view.observed_on.isoformat() if view.observed_on else None

    def figure(value: int | None, from_api: bool) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"text": f"{value:,} tokens", **({"api": seen} if from_api else {})}

    price = view.price
    entry = {
        "id": model.id,
        "provider": model.provider,
        "name": model.name,
        "developer": model.developer,
        "state": view.state.value,
        "use_instead": view.path_end.id if view.needs_move and view.path_end else None,
        "answered_by": view.answered_by,
        "context": figure(view.context_window, view.context_from_api),
        "max_output": figure(view.max_output, view.max_output_from_api),
        "price": price_text(dict(price.values)) if price else None,
        "price_date": price.date.isoformat() if price else None,
        "free_tier": limits_text(dict(view.limits.values)) if view.limits else None,
        "shutdown": known.shutdown.isoformat() if known.shutdown else None,
        "not_before": known.not_before.text if known.not_before else None,
        "replacements": list(known.replacements),
        "also_at": [f"{other.provider.name}" for other in family if other is not view],
        "page": published_path(model_page(model)),
    }
    return {name: value for name, value in entry.items() if value not in (None, [])}


def compare_document(catalog: Catalog, views: list[ModelView], as_of: dt.date) -> dict:
    """api/compare.json: the providers' and the states' names once, then each model."""
    view_of = {v.model.key: v for v in views}
    return {
        "as_of": as_of.isoformat(),
        "providers": {pid: provider.name for pid, provider in sorted(catalog.providers.items())},
        "states": {state.value: label for state, label in STATE_LABELS.items()},
        "models": [
            compare_entry(v, [view_of[m.key] for m in catalog.same_model(v.model)]) for v in views
        ],
    }


def csv_row(view: ModelView) -> dict[str, Any]:
    model, known = view.model, view.known
    price, limits = view.price, view.limits
    return {
        **{key: model.data.get(key) for key in ("id", "name", "developer", "model_card")},
        **{key: model.data.get(key) for key in ("context_window", "max_output_tokens")},
        "provider": model.provider,
        "tier": model.status,
        **computed(view),
        "callable_id": model.callable_id,
        "weights": model.weights,
        "context_window_in_force": model.context_window_in_force,
        "max_file_size_mb": model.max_file_size_mb,
        "deprecated_since": known.deprecated_since.text if known.deprecated_since else None,
        "shutdown": known.shutdown,
        "not_before": known.not_before.text if known.not_before else None,
        "replacements": " ".join(known.replacements) or None,
        "price_date": price.date if price else None,
        **(dict(price.values) if price else {}),
        "limits_date": limits.date if limits else None,
        **(dict(limits.values) if limits else {}),
        **{f"observed_{k}": v for k, v in view.observed.items()},
        "observed_on": view.observed_on,
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return spreadsheet_safe(" ".join(map(str, value)))
    return spreadsheet_safe(value)


def models_csv(views: Iterable[ModelView]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in views:
        row = csv_row(view)
        writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue().encode()


def export_files(catalog: Catalog, views: list[ModelView], as_of: dt.date) -> dict[str, bytes]:
    """Every export: path below docs/ → bytes."""
    files = {
        "api/models.json": _json_bytes(catalog_document(catalog, views, as_of)),
        "api/models.csv": models_csv(views),
        "api/compare.json": _json_bytes(compare_document(catalog, views, as_of)),
    }
    for provider in catalog.providers.values():
        mine = [v for v in views if v.provider.id == provider.id]
        files[f"api/{provider.id}/models.json"] = _json_bytes(provider_list(provider, mine, as_of))
    for view in views:
        path = f"api/models/{view.provider.id}/{view.model.id}.json"
        files[path] = _json_bytes(model_document(view, as_of))
    for kind in SCHEMA_KINDS:
        files[f"schema/{kind}.schema.json"] = (SCHEMA_DIR / f"{kind}.schema.json").read_bytes()
    return files
