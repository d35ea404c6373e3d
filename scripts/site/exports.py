"""The catalog as data files published with the site: JSON, CSV and the schemas."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from scripts.catalog import Catalog, Model
from scripts.schemas import SCHEMA_DIR, SCHEMA_VERSION

CSV_COLUMNS = (
    "provider", "id", "name", "developer", "status", "callable_id", "context_window",
    "context_window_in_force", "max_output_tokens", "max_file_size_mb", "model_card",
    "deprecation_date", "replacement",
)  # fmt: skip


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def catalog_document(catalog: Catalog) -> dict[str, Any]:
    """api/models.json: every provider with its models and every catalog field."""
    return {
        "schema_version": SCHEMA_VERSION,
        "providers": [
            {
                "id": provider.id,
                "name": provider.name,
                "api_base": provider.api_base,
                "api_key_env": provider.api_key_env,
                "docs_url": provider.docs_url,
                "models": [m.to_dict() for m in catalog.models_of(provider.id)],
            }
            for provider in sorted(catalog.providers.values(), key=lambda p: p.id)
        ],
    }


def openai_list_item(model: Model) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": model.id,
        "object": "model",
        "owned_by": model.developer,
        "active": model.status != "offline",
    }
    if model.context_window_in_force is not None:
        item["context_window"] = model.context_window_in_force
    if model.max_output_tokens is not None:
        item["max_completion_tokens"] = model.max_output_tokens
    return item


def openai_models_document(catalog: Catalog, provider_id: str) -> dict[str, Any]:
    """api/<provider>/models.json: the provider's callable models as its GET /models lists them."""
    return {
        "object": "list",
        "data": [openai_list_item(m) for m in catalog.models_of(provider_id) if m.expected_live],
    }


def _spreadsheet_safe(value: object) -> object:
    # A cell starting with = + - @ runs as a formula in spreadsheet programs.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def models_csv(catalog: Catalog) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for model in catalog.models:
        row = {**model.to_dict(), "provider": model.provider}
        row["callable_id"] = str(model.callable_id).lower()
        row["context_window_in_force"] = model.context_window_in_force
        writer.writerow(
            ["" if row.get(c) is None else _spreadsheet_safe(row[c]) for c in CSV_COLUMNS]
        )
    return buffer.getvalue().encode()


def export_files(catalog: Catalog) -> dict[str, bytes]:
    """Every export: path below docs/ → bytes."""
    files = {
        "api/models.json": _json_bytes(catalog_document(catalog)),
        "api/models.csv": models_csv(catalog),
    }
    for provider_id in catalog.providers:
        files[f"api/{provider_id}/models.json"] = _json_bytes(
            openai_models_document(catalog, provider_id)
        )
    for kind in ("model", "provider"):
        files[f"schema/{kind}.schema.json"] = (SCHEMA_DIR / f"{kind}.schema.json").read_bytes()
    return files
