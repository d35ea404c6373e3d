"""Write new catalog entries: every required field present, unknown values as placeholders
that `validate` rejects by name, so nothing is guessed and nothing is forgotten."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.catalog import PROVIDER_FILE, model_file, schema_modeline
from scripts.fileio import write_atomic
from scripts.schemas import is_valid_id, load_schema
from scripts.validation import PLACEHOLDER_PREFIX
from scripts.yaml_source import yaml_scalar

MODEL_PLACEHOLDERS = {
    "name": "the display name as the provider's models page shows it",
    "developer": "who made the model, as the provider's page names it",
    "status": "one of production, preview, coming-soon, offline, deprecated",
    "context_window": "the context window in tokens as the API reports it (128k is 131072), "
    "or delete this line if the provider does not state one",
    "model_card": "the https URL of the model card, or delete this line",
}
PROVIDER_PLACEHOLDERS = {
    "name": "the provider's display name",
    "api_base": "the https base URL of its OpenAI-compatible API, without a trailing slash",
    "api_key_env": "the environment variable that holds the API key, e.g. ACME_API_KEY",
    "docs_url": "the https URL of the provider's models documentation",
}


class ScaffoldError(Exception):
    """The entry cannot be created; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    path: Path
    placeholders: tuple[str, ...]


def placeholder(hint: str) -> str:
    return f"{PLACEHOLDER_PREFIX}: {hint}"


def entry_text(relative_path: Path, fields: Mapping[str, Any], comments: Sequence[str] = ()) -> str:
    """A catalog file: schema modeline, comments, then the fields in the order given."""
    lines = [schema_modeline(relative_path), *(f"# {c}" for c in comments)]
    lines += [f"{key}: {yaml_scalar(value)}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def _fill(
    given: Mapping[str, Any], hints: Mapping[str, str], order: Sequence[str]
) -> dict[str, Any]:
    values = {k: v for k, v in given.items() if v is not None}
    for key, hint in hints.items():
        values.setdefault(key, placeholder(hint))
    return {key: values[key] for key in order if key in values}


def _create(catalog_dir: Path, relative: Path, fields: dict[str, Any]) -> Scaffold:
    path = catalog_dir / relative
    if path.exists():
        raise ScaffoldError(f"{path} already exists; edit it instead")
    write_atomic(path, entry_text(relative, fields).encode())
    pending = tuple(
        k for k, v in fields.items() if isinstance(v, str) and v.startswith(PLACEHOLDER_PREFIX)
    )
    return Scaffold(path, pending)


def new_model(
    catalog_dir: Path, provider_id: str, model_id: str, values: Mapping[str, Any]
) -> Scaffold:
    provider_dir = catalog_dir / provider_id
    if not (provider_dir / PROVIDER_FILE).is_file():
        known = sorted(p.parent.name for p in catalog_dir.glob(f"*/{PROVIDER_FILE}"))
        raise ScaffoldError(_unknown_provider(provider_id, known))
    if not is_valid_id("model", model_id):
        raise ScaffoldError(
            f"{model_id!r} is not a valid model ID: use letters, digits and . _ : @ + -, with "
            "'/' only between parts (the exact ID the API accepts)"
        )
    clash = [
        p for p in (provider_dir / "models").rglob("*.yaml")
        if p.relative_to(provider_dir / "models").with_suffix("").as_posix().casefold()
        == model_id.casefold()
    ]  # fmt: skip
    if clash:
        raise ScaffoldError(f"{clash[0]} already exists; edit it instead")
    relative = model_file(catalog_dir, provider_id, model_id).relative_to(catalog_dir)
    order = list(load_schema("model")["properties"])
    return _create(
        catalog_dir, relative, _fill({"id": model_id, **values}, MODEL_PLACEHOLDERS, order)
    )


def new_provider(catalog_dir: Path, provider_id: str, values: Mapping[str, Any]) -> Scaffold:
    if not is_valid_id("provider", provider_id):
        raise ScaffoldError(
            f"{provider_id!r} is not a valid provider ID: use lowercase letters, digits and '-'"
        )
    order = list(load_schema("provider")["properties"])
    fields = _fill({"id": provider_id, **values}, PROVIDER_PLACEHOLDERS, order)
    return _create(catalog_dir, Path(provider_id, PROVIDER_FILE), fields)


def _unknown_provider(provider_id: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(provider_id, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"unknown provider {provider_id!r}; {hint}known: {', '.join(known) or 'none'} "
        f"(add one with: python -m scripts new-provider --id {provider_id})"
    )
