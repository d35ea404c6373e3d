"""Read a saved api/models.json (the site's export) into a Catalog, with no network.

The export is every provider's file with its models inside (`models`), each model with the
fields of its catalog file plus the computed `state` and `callable`, which are dropped here:
states are recomputed for the scan's own reference date. Each provider and model is checked
against the bundled schemas, so a file saved from another version or edited by hand is
reported as `path: providers[i].models[j]: message`, never half-read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from modelcat_registry.catalog import (
    Catalog,
    Model,
    Provider,
    catalog_of,
    model_from,
    provider_from,
)
from modelcat_registry.loader import Document, read_plain_file
from modelcat_registry.schemas import SCHEMA_VERSION, is_valid_fast, validator_for

MAX_EXPORT_BYTES = 64 * 1024 * 1024
# What the export adds to each model's own fields (scripts/site/exports.py, `computed`).
COMPUTED_KEYS = frozenset(
    {
        "state",
        "callable",
        "use_instead",
        "answered_by",
        "alias_target",
        "shutdown_in_force",
        "replacements_in_force",
    }
)


class CatalogJsonError(Exception):
    """The file is unreadable, not JSON, or not an api/models.json export; one line each."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """What catalog.provider_from and model_from read of a Document."""

    path: Path
    provider_id: str
    mapping: dict[str, Any]


def _schema_error(kind: str, instance: Any, where: str) -> str | None:
    # The compiled check is quick; jsonschema's, which says where and why, runs on failure.
    if is_valid_fast(kind, instance):
        return None
    error = next(iter(validator_for(kind).iter_errors(instance)), None)
    if error is None:
        return None
    inside = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"{where}{inside}: {error.message}"


def _read(path: Path) -> Any:
    try:
        path.stat()
    except OSError as error:
        raise CatalogJsonError(f"{path}: cannot read it: {error.strerror}") from None
    # Opened without blocking, and only if it is a regular file: a FIFO would block for ever.
    data = read_plain_file(str(path), MAX_EXPORT_BYTES)
    if data is None:
        raise CatalogJsonError(
            f"{path}: not a regular file that can be read (a FIFO, socket or device, or no "
            "permission); give the saved api/models.json"
        )
    if len(data) > MAX_EXPORT_BYTES:
        raise CatalogJsonError(f"{path}: larger than {MAX_EXPORT_BYTES // 2**20} MiB")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise CatalogJsonError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise CatalogJsonError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise CatalogJsonError(f"{path}: JSON nested too deeply") from None


def read_catalog_json(path: Path) -> Catalog:
    document = _read(path)
    if not isinstance(document, dict) or not isinstance(document.get("providers"), list):
        raise CatalogJsonError(
            f"{path}: not an api/models.json export (an object with a 'providers' list)"
        )
    version = document.get("schema_version")
    if version is not None and version != SCHEMA_VERSION:
        raise CatalogJsonError(
            f"{path}: written for schema version {version!r}; this modelcat reads version "
            f"{SCHEMA_VERSION}: save the export again or upgrade modelcat"
        )
    problems: list[str] = []
    providers: dict[str, Provider] = {}
    models: list[Model] = []
    for p_index, raw_provider in enumerate(document["providers"]):
        where = f"{path}: providers[{p_index}]"
        if not isinstance(raw_provider, dict):
            problems.append(f"{where}: must be an object")
            continue
        fields = {k: v for k, v in raw_provider.items() if k != "models"}
        raw_models = raw_provider.get("models", [])
        problem = _schema_error("provider", fields, where)
        if problem is None and not isinstance(raw_models, list):
            problem = f"{where}.models: must be a list"
        if problem is not None:
            problems.append(problem)
            continue
        provider_id = fields["id"]
        if provider_id in providers:
            problems.append(f"{where}.id: provider {provider_id!r} appears twice")
            continue
        providers[provider_id] = provider_from(cast(Document, _Entry(path, provider_id, fields)))
        seen: set[str] = set()
        for m_index, raw_model in enumerate(raw_models):
            model_where = f"{where}.models[{m_index}]"
            if not isinstance(raw_model, dict):
                problems.append(f"{model_where}: must be an object")
                continue
            own = {k: v for k, v in raw_model.items() if k not in COMPUTED_KEYS}
            problem = _schema_error("model", own, model_where)
            if problem is None and own["id"] in seen:
                problem = f"{model_where}.id: model {own['id']!r} appears twice"
            if problem is not None:
                problems.append(problem)
                continue
            seen.add(own["id"])
            models.append(model_from(cast(Document, _Entry(path, provider_id, own))))
    if problems:
        shown = problems[:20]
        more = len(problems) - len(shown)
        raise CatalogJsonError("\n".join(shown + ([f"... and {more} more"] if more else [])))
    models.sort(key=lambda model: model.key)
    return catalog_of(path, providers, models)
