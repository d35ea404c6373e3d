"""The catalog as data files published with the site: JSON, CSV and the schemas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from modelcat_registry.bundled import SCHEMA_DIR
from modelcat_registry.catalog import PRICE_KEYS, RATE_KEYS, Catalog, Model
from modelcat_registry.lifecycle import is_callable, state
from modelcat_registry.openai_list import OBSERVED_KEYS, export_entry
from modelcat_registry.output_escaping import spreadsheet_safe
from modelcat_registry.schemas import SCHEMA_KINDS, SCHEMA_VERSION

CSV_COLUMNS = (
    "provider", "id", "name", "developer", "tier", "state", "callable", "callable_id",
    "context_window", "context_window_in_force", "max_output_tokens", "max_file_size_mb",
    "model_card", "announced", "shutdown", "replacements", "price_date",
    *PRICE_KEYS, "limits_date", *RATE_KEYS,
    *(f"observed_{key}" for key in OBSERVED_KEYS), "observed_last_seen",
)  # fmt: skip


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def computed(model: Model, as_of: dt.date) -> dict[str, Any]:
    """What the exports add to a model's own fields: its state on the reference date."""
    return {"state": state(model, as_of).value, "callable": is_callable(model, as_of)}


def catalog_document(catalog: Catalog, as_of: dt.date) -> dict[str, Any]:
    """api/models.json: every provider with its sources and its models, every catalog field
    as written, plus each model's state on the build's reference date."""
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "providers": [
            {
                **provider.data,
                "models": [
                    {**model.data, **computed(model, as_of)}
                    for model in catalog.models_of(provider.id)
                ],
            }
            for provider in sorted(catalog.providers.values(), key=lambda p: p.id)
        ],
    }


def openai_models_document(catalog: Catalog, provider_id: str, as_of: dt.date) -> dict[str, Any]:
    """api/<provider>/models.json: the models callable on the reference date, as the
    provider's GET /models lists them."""
    return {
        "object": "list",
        "data": [
            export_entry(model)
            for model in catalog.models_of(provider_id)
            if is_callable(model, as_of)
        ],
    }


def csv_row(model: Model, as_of: dt.date) -> dict[str, Any]:
    lifecycle = model.lifecycle
    price = model.latest_price
    limits = model.latest_limits
    observed = model.observed
    return {
        **{key: model.data.get(key) for key in ("id", "name", "developer", "model_card")},
        **{key: model.data.get(key) for key in ("context_window", "max_output_tokens")},
        "provider": model.provider,
        "tier": model.status,
        **computed(model, as_of),
        "callable_id": model.callable_id,
        "context_window_in_force": model.context_window_in_force,
        "max_file_size_mb": model.max_file_size_mb,
        "announced": lifecycle.announced.text if lifecycle and lifecycle.announced else None,
        "shutdown": lifecycle.shutdown if lifecycle else None,
        "replacements": " ".join(model.replacements) or None,
        "price_date": price.date if price else None,
        **(dict(price.values) if price else {}),
        "limits_date": limits.date if limits else None,
        **(dict(limits.values) if limits else {}),
        **({f"observed_{k}": v for k, v in observed.values.items()} if observed else {}),
        "observed_last_seen": observed.last_seen if observed else None,
    }


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return spreadsheet_safe(value)


def models_csv(catalog: Catalog, as_of: dt.date) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for model in catalog.models:
        row = csv_row(model, as_of)
        writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
    return buffer.getvalue().encode()


def export_files(catalog: Catalog, as_of: dt.date) -> dict[str, bytes]:
    """Every export: path below docs/ → bytes."""
    files = {
        "api/models.json": _json_bytes(catalog_document(catalog, as_of)),
        "api/models.csv": models_csv(catalog, as_of),
    }
    for provider_id in catalog.providers:
        files[f"api/{provider_id}/models.json"] = _json_bytes(
            openai_models_document(catalog, provider_id, as_of)
        )
    for kind in SCHEMA_KINDS:
        files[f"schema/{kind}.schema.json"] = (SCHEMA_DIR / f"{kind}.schema.json").read_bytes()
    return files
